using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Grpc.Health.V1;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Biobank.Server.Tests.Foundation;

/// <summary>
/// The server binary as a newcomer runs it: no configuration, its own PostgreSQL, stopped with
/// SIGTERM or killed with SIGKILL.
/// </summary>
public sealed class ServerProcessTests : IDisposable
{
    private readonly ServerDataDirectory _data = new();

    [Fact]
    public async Task With_no_connection_string_the_server_runs_its_own_cluster_serves_and_leaves_nothing_behind_on_SIGTERM()
    {
        await using var server = await ServerProcess.StartAsync(_data.Argument);
        (await HealthAsync(server)).ShouldBe(ServingStatus.Serving);

        _data.Postmaster.ShouldNotBeNull();
        var exitCode = await server.TerminateAsync();

        exitCode.ShouldBe(0);
        _data.PostgresProcesses().ShouldBeEmpty();
        File.Exists(Path.Combine(_data.Path, "postgres", "PG_VERSION")).ShouldBeTrue();
    }

    [Fact]
    public async Task After_a_kill_minus_9_the_next_server_adopts_the_cluster_left_running_and_stops_it_on_SIGTERM()
    {
        await using (var crashed = await ServerProcess.StartAsync(_data.Argument))
        {
            var orphan = _data.Postmaster;
            await crashed.KillAsync();
            _data.Postmaster.ShouldBe(orphan);
        }

        await using var next = await ServerProcess.StartAsync(_data.Argument);
        (await HealthAsync(next)).ShouldBe(ServingStatus.Serving);
        var exitCode = await next.TerminateAsync();

        exitCode.ShouldBe(0);
        _data.PostgresProcesses().ShouldBeEmpty();
    }

    public void Dispose() => _data.Dispose();

    private static async Task<ServingStatus> HealthAsync(ServerProcess server)
    {
        using var client = new BiobankClient(server.Address, new BiobankClientOptions { MaxAttempts = 1 });
        var health = await new Health.HealthClient(client.Channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        return health.Status;
    }
}
