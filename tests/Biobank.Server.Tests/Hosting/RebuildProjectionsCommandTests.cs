extern alias BiobankServer;

using Biobank.Server.Tests.EventStore;
using Biobank.Server.Tests.Infrastructure;
using BiobankServer::Biobank.Server.Hosting;
using Marten;
using Marten.Events;
using Marten.Events.Daemon.Coordination;

namespace Biobank.Server.Tests.Hosting;

public sealed class RebuildProjectionsCommandTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task Rebuild_projections_on_the_command_line_gives_back_the_live_read_models()
    {
        await ProjectionRebuildTests.RunMixedWorkloadAsync(server);
        var store = server.Service<IDocumentStore>();
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var live = await ProjectionRebuildTests.ReadModelsAsync(server);
        await ProjectionRebuildTests.DamageReadModelsAsync(server);
        var dataDirectory = Directory.CreateTempSubdirectory("biobank-rebuild-");

        // The running server's daemon pauses while another process replays, as an operator's other nodes would.
        var coordinator = server.Service<IProjectionCoordinator>();
        await coordinator.PauseAsync();
        int exitCode;
        try
        {
            exitCode = await ServerCommands.RunAsync(
                ["rebuild-projections", $"--ConnectionStrings:Biobank={server.ConnectionString}", $"--Biobank:DataDirectory={dataDirectory.FullName}"]);
        }
        finally
        {
            await coordinator.ResumeAsync();
            dataDirectory.Delete(recursive: true);
        }

        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        exitCode.ShouldBe(0);
        ProjectionRebuildTests.ShouldBeRebuiltAsLive(await ProjectionRebuildTests.ReadModelsAsync(server), live);
    }
}
