using Microsoft.AspNetCore.Builder;

namespace Biobank.Server.Tests.Infrastructure;

/// <summary>
/// A server that also listens for browsers on plain-text HTTP/1.1 (browsers speak HTTP/2 only over
/// TLS), and lets the pages of one origin call it.
/// </summary>
public sealed class BrowserServerFixture : BiobankServerFixture
{
    public const string AllowedOrigin = "https://lims.anses.example";

    public Uri WebAddress { get; } = new($"http://127.0.0.1:{ServerProcess.FreeLoopbackPort()}");

    protected override IEnumerable<string> AdditionalUrls => [WebAddress.GetLeftPart(UriPartial.Authority)];

    protected override void ConfigureServer(WebApplicationBuilder builder)
    {
        builder.Configuration["Kestrel:Endpoints:Web:Url"] = WebAddress.GetLeftPart(UriPartial.Authority);
        builder.Configuration["Kestrel:Endpoints:Web:Protocols"] = "Http1";
        builder.Configuration["Biobank:Cors:Origins:0"] = AllowedOrigin + "/";
    }
}
