extern alias BiobankServer;

using System.Diagnostics;
using BiobankServer::Biobank.Server.LocalDatabase;
using Npgsql;

namespace Biobank.Server.Tests.LocalDatabase;

public sealed class LocalPostgresClusterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"biobank-cluster-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_cluster_is_created_once_keeps_its_data_across_restarts_and_leaves_no_process_behind()
    {
        await using (var first = await LocalPostgresCluster.StartAsync(_directory))
        {
            var connectionString = await first.EnsureDatabaseAsync("biobank");
            await ExecuteAsync(connectionString, "create table kept (value text); insert into kept values ('survives')");

            await using var joined = await LocalPostgresCluster.StartAsync(_directory);
            joined.Port.ShouldBe(first.Port);
        }

        PostgresProcessesOf(_directory).ShouldBeEmpty();

        await using (var restarted = await LocalPostgresCluster.StartAsync(_directory))
        {
            var connectionString = await restarted.EnsureDatabaseAsync("biobank");
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("select value from kept", connection);
            (await read.ExecuteScalarAsync()).ShouldBe("survives");
        }

        PostgresProcessesOf(_directory).ShouldBeEmpty();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static List<int> PostgresProcessesOf(string directory) =>
        Process.GetProcessesByName("postgres")
            .Where(p => File.ReadAllText($"/proc/{p.Id}/cmdline").Contains(directory, StringComparison.Ordinal))
            .Select(p => p.Id)
            .ToList();
}
