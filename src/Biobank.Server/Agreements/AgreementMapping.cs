using Biobank.Domain.Agreements;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using Google.Protobuf.WellKnownTypes;
using V1 = Biobank.V1;

namespace Biobank.Server.Agreements;

/// <summary>Agreements between their domain state and the API.</summary>
public static class AgreementMapping
{
    public const string Collection = "agreements";

    public static V1.Agreement ToApi(this Agreement agreement, DateTimeOffset now)
    {
        var api = new V1.Agreement
        {
            Name = agreement.Id,
            ProviderOrganisation = ResourceNames.Organisation(agreement.ProviderOrganisation),
            RecipientOrganisation = ResourceNames.Organisation(agreement.RecipientOrganisation),
            OnwardTransferAllowed = agreement.OnwardTransferAllowed,
            Validity = agreement.Validity.ToApi(),
            ExternalReference = agreement.ExternalReference,
            AccessAndBenefitSharingReference = agreement.AccessAndBenefitSharingReference,
            State = (V1.AgreementState)agreement.StateAt(now),
            RevocationReason = agreement.RevocationReason,
            CreateTime = Timestamp.FromDateTimeOffset(agreement.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(agreement.UpdateTime),
            Etag = Etags.Format(agreement.Version),
        };
        api.PermittedPurposes.Add(agreement.PermittedPurposes.Select(p => (V1.PermittedUse)p));
        api.MaterialTypes.Add(agreement.MaterialTypes.Select(m => (V1.MaterialType)m));
        api.SourceKinds.Add(agreement.SourceKinds.Select(k => (V1.SourceKind)k));
        return api;
    }
}
