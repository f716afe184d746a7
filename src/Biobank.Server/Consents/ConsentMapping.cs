using Biobank.Domain.Consents;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using Google.Protobuf.WellKnownTypes;
using V1 = Biobank.V1;

namespace Biobank.Server.Consents;

/// <summary>Consents between their domain state and the API.</summary>
public static class ConsentMapping
{
    public static V1.Consent ToApi(this Consent consent)
    {
        var api = new V1.Consent
        {
            Name = consent.Id,
            Organisation = ResourceNames.Organisation(consent.Organisation),
            DonorPseudonym = consent.DonorPseudonym,
            Collection = consent.Collection,
            DocumentVersion = consent.DocumentVersion,
            Withdrawn = consent.Withdrawn,
            WithdrawalScope = (V1.WithdrawalScope)consent.WithdrawalScope,
            WithdrawTime = consent.WithdrawTime is { } withdrawn ? Timestamp.FromDateTimeOffset(withdrawn) : null,
            CreateTime = Timestamp.FromDateTimeOffset(consent.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(consent.UpdateTime),
            Etag = Etags.Format(consent.Version),
        };
        api.PermittedUses.Add(consent.PermittedUses.Select(u => (V1.PermittedUse)u));
        return api;
    }
}
