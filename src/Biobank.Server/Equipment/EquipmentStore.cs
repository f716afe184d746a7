using Biobank.Domain.Equipment;
using Biobank.Domain.Qualifications;
using Biobank.Server.EventStore;
using JasperFx.Events.Projections;
using Marten;

namespace Biobank.Server.Equipment;

public static class EquipmentStore
{
    /// <summary>Instruments and qualifications: inline snapshots, with the columns their lists filter on.</summary>
    public static void ConfigureEquipment(this StoreOptions store)
    {
        store.Projections.Add(new FoldProjection<Instrument, EquipmentEvent>(), ProjectionLifecycle.Inline);
        store.Projections.Add(new FoldProjection<Qualification, QualificationEvent>(), ProjectionLifecycle.Inline);
        store.Schema.For<Instrument>()
            .Duplicate(x => x.OwnerOrganisation)
            .Duplicate(x => x.Site);
        store.Schema.For<Qualification>()
            .Duplicate(x => x.Person);
    }
}
