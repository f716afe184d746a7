using Biobank.Domain.StorageUnits;
using Biobank.Server.EventStore;
using JasperFx.Events.Projections;
using Marten;

namespace Biobank.Server.StorageUnits;

public static class StorageUnitStore
{
    /// <summary>Storage units as inline snapshots, with the columns their lists and searches filter on.</summary>
    public static void ConfigureStorageUnits(this StoreOptions store)
    {
        store.Projections.Add(new FoldProjection<StorageUnit, StorageUnitEvent>(), ProjectionLifecycle.Inline);
        store.Schema.For<StorageUnit>()
            .Duplicate(x => x.Site)
            .Duplicate(x => x.ParentId!)
            .Duplicate(x => x.Kind)
            .Duplicate(x => x.TemperatureBand);
    }
}
