using Biobank.Server.Api;
using Biobank.Server.Audit;
using Biobank.Server.Partners;
using Biobank.Server.Errors;
using Biobank.Server.Identity;
using Biobank.Server.EventStore;
using Biobank.Server.Telemetry;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Biobank.Server.Hosting;

/// <summary>The Biobank gRPC host: every service, its store, identity, errors and telemetry.</summary>
public static class BiobankApplication
{
    /// <summary>The most a request's headers may hold before the connection is closed (Kestrel's limits).</summary>
    public const int RequestHeaderLimit = 1024 * 1024;

    /// <summary>
    /// Builds the host against <paramref name="connectionString"/>. <paramref name="configure"/> lets
    /// tests add configuration and services before the host is built.
    /// </summary>
    public static WebApplication Build(string[] args, string connectionString, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(Options(args));
        configure?.Invoke(builder);
        var options = builder.Configuration.GetSection(BiobankServerOptions.Section).Get<BiobankServerOptions>() ?? new();

        builder.Host.ConfigureHostOptions(host => host.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Kestrel ends the whole HTTP/2 connection, every other call on it included, when a
            // request's headers pass its limits. The limits are set well above any header a caller
            // needs, so an oversized one reaches authentication and is refused for its call alone.
            kestrel.Limits.MaxRequestHeadersTotalSize = RequestHeaderLimit;
            kestrel.Limits.Http2.MaxRequestHeaderFieldSize = RequestHeaderLimit;
            kestrel.SelectHttp2ByPreface();
        });
        builder.Services.AddOptions<DirectoryOptions>()
            .Bind(builder.Configuration.GetSection(DirectoryOptions.Section))
            .Validate(d => !d.Problems().Any(), "The Directory configuration is invalid.")
            .ValidateOnStart();

        builder.Services.AddBiobankStore(connectionString, options);
        builder.Services.AddBiobankAudit(options.DataDirectory);
        builder.Services.AddBiobankIdentity(builder.Configuration, options.DataDirectory);
        builder.Services.AddBiobankTelemetry(builder.Configuration);
        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<CallInterceptor>();
            grpc.MaxReceiveMessageSize = 4 * 1024 * 1024;
            grpc.EnableDetailedErrors = false;
        });
        builder.Services.RemoveAll(typeof(IServiceMethodProvider<>));
        builder.Services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(ContractMethodProvider<>));
        builder.Services.AddGrpcReflection();
        builder.Services.AddBrowserAccess(options);
        builder.Services.AddSingleton<Reservations.InstrumentBuffers>();
        builder.Services.AddHostedService<Reservations.NoShowSweep>();
        builder.Services.AddGrpcHealthChecks(health => health.UseHealthChecksCache = false)
            .AddCheck<DatabaseHealthCheck>("postgresql");

        var app = builder.Build();
        app.UseBrowserAccess();
        app.UseWebClient();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService().AllowAnonymous();
        app.MapGrpcService<SessionService>();
        app.MapGrpcService<DirectoryService>();
        app.MapGrpcService<Equipment.EquipmentService>();
        app.MapGrpcService<Reservations.ReservationService>();
        app.MapGrpcService<StorageUnits.StorageService>();
        app.MapGrpcService<Samples.SampleService>();
        app.MapGrpcService<Consents.ConsentService>();
        app.MapGrpcService<Agreements.AgreementService>();
        app.MapGrpcService<Transfers.TransferService>();
        app.MapGrpcService<AuditService>();
        return app;
    }

    /// <summary>
    /// Settings files are read from beside the server's binaries, so the server behaves the same
    /// whatever directory it is started from; relative paths in them resolve against the working directory.
    /// </summary>
    public static WebApplicationOptions Options(string[] args) =>
        new() { Args = args, ContentRootPath = AppContext.BaseDirectory };

    /// <summary>
    /// Plain-text HTTP/2 is for loopback only (or behind a TLS-terminating balancer when allowed):
    /// returns the addresses that break that rule.
    /// </summary>
    public static IEnumerable<string> RemoteCleartextAddresses(WebApplication app)
    {
        var options = app.Configuration.GetSection(BiobankServerOptions.Section).Get<BiobankServerOptions>() ?? new();
        return options.AllowRemoteCleartext
            ? []
            : app.Urls.Where(url =>
                url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                && Uri.TryCreate(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                && !(uri.IsLoopback || uri.Host == "localhost"));
    }
}
