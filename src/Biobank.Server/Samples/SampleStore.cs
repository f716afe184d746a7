using Biobank.Domain.Samples;
using Biobank.Server.EventStore;
using JasperFx.Events.Projections;
using Marten;

namespace Biobank.Server.Samples;

public static class SampleStore
{
    /// <summary>Samples as inline snapshots, and the tables that guard their barcodes and positions.</summary>
    public static void ConfigureSamples(this StoreOptions store)
    {
        store.Projections.Add(new FoldProjection<Sample, SampleEvent>(), ProjectionLifecycle.Inline);
        store.Projections.Add(
            new SampleRegistry(), ProjectionLifecycle.Inline, nameof(SampleRegistry),
            rebuild =>
            {
                rebuild.DeleteDataInTableOnTeardown(SampleRegistry.Barcodes);
                rebuild.DeleteDataInTableOnTeardown(SampleRegistry.Positions);
            });
        store.Schema.For<Sample>()
            .Duplicate(x => x.Organisation)
            .Duplicate(x => x.Collection)
            .Duplicate(x => x.MaterialType)
            .Duplicate(x => x.SourceKind)
            .Duplicate(x => x.State)
            .Duplicate(x => x.DonorPseudonym)
            .Duplicate(x => x.ConsentHolder)
            .Duplicate(x => x.ParentId!)
            // "Everything in this freezer" is a containment query on the stored units (data @> ...).
            .GinIndexJsonData();
    }
}
