using Biobank.Domain.Transfers;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using JasperFx.Events.Projections;
using Marten;

namespace Biobank.Server.Transfers;

public static class TransferStore
{
    /// <summary>Transfers in the change feed: watched by either organisation, or by any of their items.</summary>
    public static readonly ChangeFeed.Source Feed = new ChangeFeed.Source<Transfer, TransferEvent>(
        nameof(Transfer),
        t => t.Id,
        t => [t.Id, ResourceNames.Organisation(t.FromOrganisation), ResourceNames.Organisation(t.ToOrganisation), .. t.Items.Select(i => i.Name)]);

    /// <summary>Transfers as inline snapshots, and the table that keeps an item to one open transfer.</summary>
    public static void ConfigureTransfers(this StoreOptions store)
    {
        store.Projections.Add(new FoldProjection<Transfer, TransferEvent>(), ProjectionLifecycle.Inline);
        store.Projections.Add(
            new OpenTransfers(), ProjectionLifecycle.Inline, nameof(OpenTransfers),
            rebuild => rebuild.DeleteDataInTableOnTeardown(OpenTransfers.Table));
        store.Schema.For<Transfer>()
            .Duplicate(x => x.FromOrganisation)
            .Duplicate(x => x.ToOrganisation)
            .Duplicate(x => x.State)
            // "Transfers of this item" is a containment query on the stored items (data @> ...).
            .GinIndexJsonData();
    }
}
