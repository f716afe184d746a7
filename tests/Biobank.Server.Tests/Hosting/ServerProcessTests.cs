using System.Net;
using System.Net.Sockets;
using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Health.V1;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Biobank.Server.Tests.Hosting;

/// <summary>
/// The server binary as a newcomer runs it: no configuration, its own PostgreSQL, stopped with
/// SIGTERM, killed with SIGKILL, sharing its data directory, or finding its address taken.
/// </summary>
public sealed class ServerProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

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

    [Fact]
    public async Task Servers_sharing_a_data_directory_leave_the_cluster_to_its_owner_and_take_it_over_when_the_owner_stops()
    {
        await using var owner = await ServerProcess.StartAsync(_data.Argument);
        await using var heir = await ServerProcess.StartAsync(_data.Argument);
        await using var visitor = await ServerProcess.StartAsync(_data.Argument);
        var cluster = _data.Postmaster!.Value;

        (await visitor.TerminateAsync()).ShouldBe(0);
        _data.Postmaster.ShouldBe(cluster);
        (await HealthAsync(owner)).ShouldBe(ServingStatus.Serving);

        (await owner.TerminateAsync()).ShouldBe(0);
        await Eventually.TrueAsync(async () => await HealthAsync(heir) == ServingStatus.Serving, Patience, "the heir to serve again");
        _data.Postmaster!.Value.Port.ShouldBe(cluster.Port);

        (await heir.TerminateAsync()).ShouldBe(0);
        _data.PostgresProcesses().ShouldBeEmpty();
    }

    [Fact]
    public async Task When_its_PostgreSQL_is_killed_the_server_starts_it_again_on_the_same_port_and_serves_again()
    {
        await using var server = await ServerProcess.StartAsync(_data.Argument);
        var killed = _data.Postmaster!.Value;

        await _data.KillPostmasterAsync();

        await Eventually.TrueAsync(async () => await HealthAsync(server) == ServingStatus.Serving, Patience, "the server to serve again");
        var restarted = _data.Postmaster!.Value;
        restarted.Port.ShouldBe(killed.Port);
        restarted.Id.ShouldNotBe(killed.Id);
        using (var technician = Technician(server))
        {
            await technician.Equipment.ListEquipmentAsync(new ListEquipmentRequest());
        }

        server.Output.ShouldContain("started again");
        (await server.TerminateAsync()).ShouldBe(0);
        _data.PostgresProcesses().ShouldBeEmpty();
    }

    [Fact]
    public async Task With_its_gRPC_address_taken_the_server_says_so_in_one_line_and_exits_without_leaving_PostgreSQL_running()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var address = new Uri($"http://127.0.0.1:{((IPEndPoint)squatter.LocalEndpoint).Port}");

        await using var server = ServerProcess.Launch(address, _data.Argument);
        var exitCode = await server.WaitForExitAsync(Patience);

        exitCode.ShouldBe(2, server.Output);
        var error = server.Errors.Where(line => line.Length > 0).ShouldHaveSingleItem();
        error.ShouldContain(address.GetLeftPart(UriPartial.Authority));
        error.ShouldContain("--Kestrel:Endpoints:Grpc:Url=");
        File.Exists(Path.Combine(_data.Path, "postgres", "PG_VERSION")).ShouldBeTrue();
        _data.PostgresProcesses().ShouldBeEmpty();
    }

    public void Dispose() => _data.Dispose();

    private static async Task<ServingStatus> HealthAsync(ServerProcess server)
    {
        using var client = new BiobankClient(server.Address, new BiobankClientOptions { MaxAttempts = 1 });
        var health = await new Health.HealthClient(client.Channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        return health.Status;
    }

    /// <summary>A caller whose first attempt must succeed: no retry hides a pool still holding dead connections.</summary>
    private BiobankClient Technician(ServerProcess server) =>
        _data.ClientFor(server.Address, new Caller("alice", "anses", new HashSet<string> { "technician" }), maxAttempts: 1);
}
