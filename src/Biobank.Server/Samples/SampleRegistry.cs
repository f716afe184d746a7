using Biobank.Domain.Samples;
using Biobank.Domain.StorageUnits;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Biobank.Server.Samples;

/// <summary>
/// Which sample has which barcode and which box position (<c>0003_sample_registry.sql</c>), kept
/// inline in the transaction of the sample events that change them, so their keys judge each
/// registration and placement in its own transaction; a move deletes the old position before taking
/// the new one, in that same transaction. A sample handed to a carrier leaves its position; received,
/// it takes the one given at the receiving site. A barcode stays among the labels of the
/// organisation that registered the container, wherever the container goes. Read by changes inside their transaction, and by storage reads.
/// </summary>
public sealed class SampleRegistry : IProjection
{
    public const string Barcodes = "biobank.sample_barcodes";
    public const string Positions = "biobank.sample_positions";

    /// <summary>The key that keeps a barcode to one sample of an organisation.</summary>
    public const string OneSamplePerBarcode = "sample_barcodes_pkey";

    /// <summary>The key that keeps a position to one sample.</summary>
    public const string OneSamplePerPosition = "sample_positions_pkey";

    /// <summary>The key that keeps a sample in one position.</summary>
    public const string OnePositionPerSample = "sample_positions_sample_id_key";

    /// <summary>A sample of <paramref name="organisation"/> labelled with one of <paramref name="barcodes"/>, or null.</summary>
    public static async Task<string?> HolderOfAnyAsync(
        IQuerySession session, string organisation, IReadOnlyList<string> barcodes, CancellationToken cancellationToken) =>
        (await session.AdvancedSql.QueryAsync<string>(
            $"select sample_id from {Barcodes} where organisation = ? and barcode = any(?) order by barcode limit 1",
            cancellationToken, organisation, barcodes.ToArray())).SingleOrDefault();

    /// <summary>The occupied positions of <paramref name="boxes"/>.</summary>
    public static Task<IReadOnlyList<Occupied>> OccupiedAsync(IQuerySession session, IReadOnlyList<string> boxes, CancellationToken cancellationToken) =>
        session.AdvancedSql.QueryAsync<Occupied>(
            $"select json_build_object('Box', storage_unit, 'Position', position, 'Sample', sample_id) from {Positions} where storage_unit = any(?)",
            cancellationToken, [boxes.ToArray()]);

    /// <summary>How many positions of each of <paramref name="boxes"/> are occupied.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> CountsAsync(IQuerySession session, IReadOnlyList<string> boxes, CancellationToken cancellationToken) =>
        (await session.AdvancedSql.QueryAsync<Count>(
            $"select json_build_object('Box', storage_unit, 'Occupied', count(*)) from {Positions} where storage_unit = any(?) group by storage_unit",
            cancellationToken, [boxes.ToArray()]))
        .ToDictionary(c => c.Box, c => c.Occupied, StringComparer.Ordinal);

    /// <summary>
    /// What the store knows of the positions asked for: each one's box and its occupant, with one
    /// read of the boxes and one of their occupancy however many positions there are.
    /// </summary>
    public static async Task<IReadOnlyList<PositionClaim>> ClaimsAsync(
        IQuerySession session, IReadOnlyList<(string StorageUnit, string Position)> wanted, CancellationToken cancellationToken)
    {
        if (wanted.Count == 0)
        {
            return [];
        }

        var boxIds = wanted.Select(w => w.StorageUnit).Distinct().ToList();
        var boxes = (await session.LoadManyAsync<StorageUnit>(cancellationToken, boxIds)).ToDictionary(b => b.Id, StringComparer.Ordinal);
        var occupants = (await OccupiedAsync(session, boxIds, cancellationToken)).ToDictionary(o => (o.Box, o.Position), o => o.Sample);
        return [.. wanted.Select(w => new PositionClaim(
            w.StorageUnit, w.Position, boxes.GetValueOrDefault(w.StorageUnit), occupants.GetValueOrDefault((w.StorageUnit, w.Position))))];
    }

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var change in events.Select(e => e.Data))
        {
            switch (change)
            {
                case SampleRegistered e:
                    operations.QueueSqlCommand(
                        $"insert into {Barcodes} (organisation, barcode, sample_id) values (?, ?, ?)", e.Organisation, e.Barcode, e.SampleId);
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
                case SampleDispatched e:
                    Free(operations, e.SampleId);
                    break;
                case SampleReceived { Placement: { } receivedInto } e:
                    Place(operations, e.SampleId, receivedInto);
                    break;
            }
        }

        return Task.CompletedTask;
    }

    private static void Place(IDocumentOperations operations, string sampleId, Placement placement) =>
        operations.QueueSqlCommand(
            $"insert into {Positions} (storage_unit, position, sample_id) values (?, ?, ?)", placement.StorageUnit, placement.Position, sampleId);

    private static void Free(IDocumentOperations operations, string sampleId) =>
        operations.QueueSqlCommand($"delete from {Positions} where sample_id = ?", sampleId);

    /// <summary>A box position and the sample in it.</summary>
    public sealed record Occupied(string Box, string Position, string Sample);

    private sealed record Count(string Box, int Occupied);
}
