using System.Diagnostics;
using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Grpc.Health.V1;

namespace Biobank.Server.Tests.Foundation;

/// <summary>The server binary as a newcomer runs it: no configuration, its own PostgreSQL, stopped with SIGTERM.</summary>
public sealed class ServerProcessTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"biobank-process-{Guid.NewGuid():N}");

    [Fact]
    public async Task With_no_connection_string_the_server_runs_its_own_cluster_serves_and_leaves_nothing_behind_on_SIGTERM()
    {
        await using var server = await ServerProcess.StartAsync($"--Biobank:DataDirectory={_dataDirectory}");
        using (var client = new BiobankClient(server.Address, new BiobankClientOptions()))
        {
            var health = await new Health.HealthClient(client.Channel).CheckAsync(new HealthCheckRequest());
            health.Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);
        }

        PostgresProcessesOf(_dataDirectory).ShouldNotBeEmpty();
        var exitCode = await server.TerminateAsync();

        exitCode.ShouldBe(0);
        PostgresProcessesOf(_dataDirectory).ShouldBeEmpty();
        File.Exists(Path.Combine(_dataDirectory, "postgres", "PG_VERSION")).ShouldBeTrue();
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private static List<int> PostgresProcessesOf(string directory) =>
        Process.GetProcessesByName("postgres")
            .Where(p => File.ReadAllText($"/proc/{p.Id}/cmdline").Contains(directory, StringComparison.Ordinal))
            .Select(p => p.Id)
            .ToList();
}
