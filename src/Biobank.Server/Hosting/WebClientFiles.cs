namespace Biobank.Server.Hosting;

/// <summary>
/// The technicians' web client (clients/web), served at <c>/</c> on the same address as the API, from
/// the <c>wwwroot</c> folder beside the server's binaries, where building the server puts the
/// client's build when Node.js is present. Its pages call the API over gRPC-Web from the same origin.
/// </summary>
public static partial class WebClientFiles
{
    private const string NotBuilt =
        "The Biobank web client is not built. Build it with Node.js 20 or later and npm on the PATH: " +
        "`dotnet build src/Biobank.Server` builds it (clients/web: npm ci, npm run build) when node is found; " +
        "then start the server again.";

    /// <summary>
    /// Before authentication: the application's files are public, only its calls carry a token.
    /// Without a build, <c>/</c> answers how to make one, and the log says so at start-up.
    /// </summary>
    public static WebApplication UseWebClient(this WebApplication app)
    {
        var webRoot = app.Environment.WebRootPath ?? Path.Combine(app.Environment.ContentRootPath, "wwwroot");
        if (app.Environment.WebRootFileProvider.GetFileInfo("index.html").Exists)
        {
            LogServed(app.Logger, webRoot);
            app.UseDefaultFiles();
            app.UseStaticFiles();
        }
        else
        {
            LogNotBuilt(app.Logger, webRoot);
            app.MapGet("/", () => Results.Text(NotBuilt, statusCode: StatusCodes.Status404NotFound)).AllowAnonymous();
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The web client is served at / from {WebRoot}.")]
    private static partial void LogServed(ILogger logger, string webRoot);

    [LoggerMessage(Level = LogLevel.Warning, Message = NotBuilt + " (No index.html in {WebRoot}.)")]
    private static partial void LogNotBuilt(ILogger logger, string webRoot);
}
