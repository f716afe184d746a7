using Biobank.Domain.Transfers;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Biobank.Server.Transfers;

/// <summary>
/// Which open transfer each sample and instrument is in (<c>0006_open_transfer_items.sql</c>), kept
/// inline in the transaction of the transfer events that open and close it: a request takes its
/// items, a rejection or a cancellation frees them all, a receipt frees the items received.
/// Read by requests inside their transaction.
/// </summary>
public sealed class OpenTransfers : IProjection
{
    public const string Table = "biobank.open_transfer_items";

    /// <summary>The key that keeps an item to one open transfer.</summary>
    public const string OneOpenTransferPerItem = "open_transfer_items_pkey";

    /// <summary>Among <paramref name="items"/>, those in an open transfer, with that transfer.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> OfAsync(IQuerySession session, IReadOnlyList<string> items, CancellationToken cancellationToken) =>
        (await session.AdvancedSql.QueryAsync<Row>(
            $"select json_build_object('Item', item, 'TransferId', transfer_id) from {Table} where item = any(?) order by item",
            cancellationToken, [items.ToArray()]))
        .ToDictionary(r => r.Item, r => r.TransferId, StringComparer.Ordinal);

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var change in events.Select(e => e.Data))
        {
            switch (change)
            {
                case TransferRequested e:
                    operations.QueueSqlCommand(
                        $"insert into {Table} (item, transfer_id) select unnest(?), ?",
                        e.Items.Select(i => i.Name).ToArray(), e.TransferId);
                    break;
                case TransferRejected e:
                    Free(operations, e.TransferId);
                    break;
                case TransferCancelled e:
                    Free(operations, e.TransferId);
                    break;
                case TransferItemsReceived e:
                    operations.QueueSqlCommand(
                        $"delete from {Table} where transfer_id = ? and item = any(?)", e.TransferId, e.Receipts.Select(r => r.Item).ToArray());
                    break;
            }
        }

        return Task.CompletedTask;
    }

    private static void Free(IDocumentOperations operations, string transferId) =>
        operations.QueueSqlCommand($"delete from {Table} where transfer_id = ?", transferId);

    private sealed record Row(string Item, string TransferId);
}
