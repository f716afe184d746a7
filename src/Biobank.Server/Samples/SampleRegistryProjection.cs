using Biobank.Domain.Samples;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Biobank.Server.Samples;

/// <summary>
/// Keeps <see cref="SampleBarcodes"/> and <see cref="SamplePositions"/> in step with sample events.
/// Runs inline, so their keys judge each registration and placement in its own transaction; a
/// move deletes the old position before taking the new one, in that same transaction.
/// </summary>
public sealed class SampleRegistryProjection : IProjection
{
    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var change in events.Select(e => e.Data))
        {
            switch (change)
            {
                case SampleRegistered e:
                    operations.QueueSqlCommand(
                        $"insert into {SampleBarcodes.Qualified} (organisation, barcode, sample_id) values (?, ?, ?)",
                        e.Organisation, e.Barcode, e.SampleId);
                    if (e.Placement is { } placement)
                    {
                        Place(operations, e.SampleId, placement);
                    }

                    break;
                case SampleMoved e:
                    Free(operations, e.SampleId);
                    Place(operations, e.SampleId, e.To);
                    break;
                case SampleDisposed e:
                    Free(operations, e.SampleId);
                    break;
            }
        }

        return Task.CompletedTask;
    }

    private static void Place(IDocumentOperations operations, string sampleId, Placement placement) =>
        operations.QueueSqlCommand(
            $"insert into {SamplePositions.Qualified} (storage_unit, position, sample_id) values (?, ?, ?)",
            placement.StorageUnit, placement.Position, sampleId);

    private static void Free(IDocumentOperations operations, string sampleId) =>
        operations.QueueSqlCommand($"delete from {SamplePositions.Qualified} where sample_id = ?", sampleId);
}
