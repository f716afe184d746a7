using Biobank.Domain.Agreements;
using Biobank.Server.EventStore;
using JasperFx.Events.Projections;
using Marten;

namespace Biobank.Server.Agreements;

public static class AgreementStore
{
    /// <summary>Agreements as inline snapshots: the release gate reads the one a transfer names in its own transaction.</summary>
    public static void ConfigureAgreements(this StoreOptions store)
    {
        store.Projections.Add(new FoldProjection<Agreement, AgreementEvent>(), ProjectionLifecycle.Inline);
        store.Schema.For<Agreement>()
            .Duplicate(x => x.ProviderOrganisation)
            .Duplicate(x => x.RecipientOrganisation);
    }
}
