extern alias BiobankServer;

using System.Security.Cryptography;
using System.Text;
using BiobankServer::Biobank.Server.LocalDatabase;
using Npgsql;

namespace Biobank.Server.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server of a test run: the one named by <c>BIOBANK_TEST_POSTGRES</c> (a connection
/// string of a role that may create databases), or else a private cluster started once per run with
/// the server's own <see cref="LocalPostgresCluster"/> and stopped when the run ends. Each test class
/// gets a database of its own, so classes run in parallel.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<Server>> Shared = new(StartAsync);

    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var server = await Shared.Value;
        var name = $"t_{purpose.ToLowerInvariant()}_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = name, MaxPoolSize = 60 }.ConnectionString;
    }

    /// <summary>The running private cluster, for tests of the cluster itself; null when an external server is used.</summary>
    public static async Task<LocalPostgresCluster?> ClusterAsync() => (await Shared.Value).Cluster;

    private static async Task<Server> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("BIOBANK_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new Server(external, null);
        }

        // One cluster directory per checkout, reused by every run: later runs skip initdb and drop
        // the databases earlier runs left behind. The test host may be ended right after the last
        // test, so the stop is only requested on exit. A run that finds the cluster still up joins
        // it while the run that started it is alive, and otherwise adopts it and stops it on exit.
        var checkout = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(AppContext.BaseDirectory)))[..12];
        var directory = Path.Combine(Path.GetTempPath(), $"biobank-test-cluster-{checkout}");
        var cluster = await LocalPostgresCluster.StartAsync(directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        await DropDatabasesOfEarlierRunsAsync(cluster.AdminConnectionString);
        return new Server(cluster.AdminConnectionString, cluster);
    }

    private static async Task DropDatabasesOfEarlierRunsAsync(string adminConnectionString)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        var stale = new List<string>();
        await using (var list = new NpgsqlCommand("select datname from pg_database where datname like 't\\_%'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stale.Add(reader.GetString(0));
            }
        }

        foreach (var name in stale)
        {
            await using var drop = new NpgsqlCommand($"drop database if exists {name}", connection);
            try
            {
                await drop.ExecuteNonQueryAsync();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse)
            {
                // A concurrent test run still uses it.
            }
        }
    }

    private sealed record Server(string AdminConnectionString, LocalPostgresCluster? Cluster);
}
