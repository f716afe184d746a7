using Marten;
using Marten.Events.Daemon.Coordination;

namespace Biobank.Server.EventStore;

/// <summary>
/// Rebuilds every read model from the events: the inline snapshots, the guard tables and the async
/// feeds, each torn down (its documents or table rows deleted) and replayed in the order of the
/// event store's sequence by Marten's projection daemon. The guard tables judge each replayed row
/// as they judged it live, so a rebuild reproduces them exactly.
/// </summary>
public sealed partial class ProjectionRebuild(IDocumentStore store, IProjectionCoordinator coordinator, ILogger<ProjectionRebuild> logger)
{
    /// <summary>How long one projection's replay may take before the rebuild gives up.</summary>
    private static readonly TimeSpan ProjectionTimeout = TimeSpan.FromMinutes(30);

    /// <summary>The names of the projections rebuilt, in the order they were.</summary>
    public async Task<IReadOnlyList<string>> RebuildAllAsync(CancellationToken cancellationToken)
    {
        var names = ((StoreOptions)store.Options).Projections.All.Select(p => p.Name).ToList();

        // The running async projections of this node stop while their tables are replayed.
        await coordinator.PauseAsync();
        try
        {
            var daemon = coordinator.DaemonForMainDatabase();
            foreach (var name in names)
            {
                await daemon.RebuildProjectionAsync(name, ProjectionTimeout, cancellationToken);
                LogRebuilt(logger, name);
            }
        }
        finally
        {
            await coordinator.ResumeAsync();
        }

        return names;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt projection {Projection} from the events")]
    private static partial void LogRebuilt(ILogger logger, string projection);
}
