extern alias BiobankServer;

using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.Benchmarks.Baselines;
using BiobankServer::Biobank.Server.Hosting;
using BiobankServer::Biobank.Server.Identity;
using BiobankServer::Biobank.Server.LocalDatabase;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Biobank.Benchmarks;

/// <summary>
/// A private PostgreSQL cluster in a temporary directory (started twice: the second start loads
/// <see cref="StatementStatistics"/>' module) and a real Biobank server on a free loopback port,
/// hosted in this process and called over HTTP/2 through <see cref="BiobankClient"/>.
/// Disposing stops both and deletes the directory, whatever state the run ended in.
/// </summary>
public sealed class BenchmarkServer : IAsyncDisposable
{
    private const string Database = "biobank_bench";

    private readonly string _root;
    private LocalPostgresCluster? _cluster;
    private WebApplication? _app;
    private SymmetricSecurityKey? _signingKey;
    private NpgsqlDataSource? _baselinePool;

    private BenchmarkServer(string root) => _root = root;

    public Uri Address { get; private set; } = null!;

    public string ConnectionString { get; private set; } = null!;

    /// <summary>The server's local state, its development signing key among it: a second server process given it accepts the same tokens.</summary>
    public string DataDirectory => Path.Combine(_root, "server");

    public static async Task<BenchmarkServer> StartAsync(CancellationToken cancellationToken)
    {
        var server = new BenchmarkServer(Path.Combine(Path.GetTempPath(), $"biobank-bench-{Guid.NewGuid():N}"));
        try
        {
            await server.StartCoreAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _cluster = await LocalPostgresCluster.StartAsync(Path.Combine(_root, "cluster"), cancellationToken);
        await StatementStatistics.LoadAtNextStartAsync(_cluster.AdminConnectionString, cancellationToken);
        await _cluster.DisposeAsync();
        _cluster = await LocalPostgresCluster.StartAsync(Path.Combine(_root, "cluster"), cancellationToken);
        ConnectionString = await _cluster.EnsureDatabaseAsync(Database, cancellationToken);
        await new StatementStatistics(ConnectionString).PauseAsync(cancellationToken);
        _baselinePool = NpgsqlDataSource.Create(ConnectionString);
        var dataDirectory = DataDirectory;
        _app = BiobankApplication.Build([], ConnectionString, builder =>
        {
            builder.Configuration["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0";
            builder.Configuration["Biobank:DataDirectory"] = dataDirectory;
            // A log line per call would be measured along with the call; real failures show in the checks.
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
            builder.Services.AddSingleton(new HonestBookingEndpoint(_baselinePool!));
        });
        _app.MapGrpcService<HonestBookingEndpoint>();
        await _app.StartAsync(cancellationToken);
        Address = new Uri(_app.Urls.Single());
        _signingKey = LocalSigningKey.Load(dataDirectory);
    }

    public BiobankClient ClientFor(string subject, string organisation, string role) => ClientFor(Address, subject, organisation, role);

    /// <summary>A client of the server at <paramref name="address"/>, which shares this server's data directory.</summary>
    public BiobankClient ClientFor(Uri address, string subject, string organisation, string role) =>
        new(address, TokenIssuer.Issue(
            _signingKey!, "biobank", new Caller(subject, organisation, new HashSet<string>(StringComparer.Ordinal) { role }), TimeSpan.FromHours(2)));

    /// <summary>The version of the PostgreSQL the server writes to, as it reports it.</summary>
    public async Task<string> PostgresVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("show server_version", connection);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_app is not null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }

            if (_baselinePool is not null)
            {
                await _baselinePool.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                if (_cluster is not null)
                {
                    await _cluster.DisposeAsync();
                }
            }
            finally
            {
                if (Directory.Exists(_root))
                {
                    Directory.Delete(_root, recursive: true);
                }
            }
        }
    }
}
