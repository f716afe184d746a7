using Biobank.Domain.Consents;
using Biobank.Server.EventStore;
using JasperFx.Events.Projections;
using Marten;

namespace Biobank.Server.Consents;

public static class ConsentStore
{
    /// <summary>Consents as inline snapshots: a registration reads its donor's consent in its own transaction.</summary>
    public static void ConfigureConsents(this StoreOptions store)
    {
        store.Projections.Add(new FoldProjection<Consent, ConsentEvent>(), ProjectionLifecycle.Inline);
        store.Schema.For<Consent>().Duplicate(x => x.Organisation);
    }
}
