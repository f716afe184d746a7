using Biobank.Server.Errors;
using Grpc.AspNetCore.Web;

namespace Biobank.Server.Hosting;

/// <summary>
/// Browsers call the server directly over gRPC-Web, with the same bearer tokens as any other client,
/// from the pages of the origins named in <c>Biobank:Cors:Origins</c> only (none by default).
/// </summary>
public static class BrowserAccess
{
    /// <summary>
    /// What a page's script may read of a response: a browser hides every header not listed, and a
    /// gRPC-Web client reads the status of a call, with its details, from these.
    /// </summary>
    private static readonly string[] ExposedHeaders =
        ["grpc-status", "grpc-message", "grpc-status-details-bin", "grpc-encoding", "grpc-accept-encoding", CallInterceptor.CorrelationHeader];

    public static IServiceCollection AddBrowserAccess(this IServiceCollection services, BiobankServerOptions options)
    {
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. options.Cors.Origins.Select(origin => origin.TrimEnd('/'))])
            .WithMethods("POST")
            // gRPC metadata is any header the caller chooses (authorization, x-correlation-id, its own).
            .AllowAnyHeader()
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return services;
    }

    /// <summary>
    /// Before authentication, so that a preflight needs no token and a refused call reaches a
    /// gRPC-Web client as a gRPC-Web status, readable by the page.
    /// </summary>
    public static WebApplication UseBrowserAccess(this WebApplication app)
    {
        app.UseCors();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        return app;
    }
}
