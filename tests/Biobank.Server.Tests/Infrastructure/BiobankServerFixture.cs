extern alias BiobankServer;

using Biobank.Client;
using Biobank.Domain.Access;
using BiobankServer::Biobank.Server.Hosting;
using BiobankServer::Biobank.Server.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Biobank.Server.Tests.Infrastructure;

/// <summary>
/// A real Biobank server on a free loopback port, over HTTP/2, on a database of its own in the test
/// run's PostgreSQL. Tests call it through <see cref="BiobankClient"/> with tokens it signs.
/// </summary>
public class BiobankServerFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"biobank-server-{Guid.NewGuid():N}");
    private SymmetricSecurityKey? _signingKey;

    public WebApplication App { get; private set; } = null!;

    /// <summary>The server's clock; tests move it forward.</summary>
    public TestClock Clock { get; } = new();

    public Uri Address { get; private set; } = null!;

    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(GetType().Name);
        App = BiobankApplication.Build([], ConnectionString, builder =>
        {
            builder.Configuration["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0";
            builder.Configuration["Biobank:DataDirectory"] = _dataDirectory;
            builder.Services.AddSingleton<TimeProvider>(Clock);
            ConfigureServer(builder);
        });
        await App.StartAsync();
        Address = new Uri(App.Urls.Except(AdditionalUrls).Single());
        _signingKey = LocalSigningKey.Load(_dataDirectory);
    }

    /// <summary>The addresses of the endpoints a derived fixture adds besides the gRPC one.</summary>
    protected virtual IEnumerable<string> AdditionalUrls => [];

    /// <summary>Lets a derived fixture add configuration or services.</summary>
    protected virtual void ConfigureServer(WebApplicationBuilder builder)
    {
    }

    /// <summary>A token for <paramref name="caller"/> signed with this server's key.</summary>
    public string TokenFor(Caller caller) =>
        TokenIssuer.Issue(_signingKey!, "biobank", caller, TimeSpan.FromHours(1));

    public BiobankClient ClientFor(Caller caller) => new(Address, TokenFor(caller));

    public BiobankClient ClientFor(string subject, string organisation, params string[] roles) =>
        ClientFor(new Caller(subject, organisation, roles.ToHashSet(StringComparer.Ordinal)));

    /// <summary>A client that sends no token at all.</summary>
    public BiobankClient AnonymousClient() => new(Address, new BiobankClientOptions());

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
