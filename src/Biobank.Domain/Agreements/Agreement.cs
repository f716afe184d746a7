using Biobank.Domain.Access;
using Biobank.Domain.Consents;
using Biobank.Domain.Failures;
using Biobank.Domain.Samples;

namespace Biobank.Domain.Agreements;

/// <summary>The events of a material transfer agreement's stream ("agreements/{id}").</summary>
public abstract record AgreementEvent;

/// <summary>
/// An agreement signed between a provider and a recipient organisation: what the recipient may use
/// the provider's material for, which material, whether it may pass it on, and when it holds.
/// </summary>
public sealed record AgreementRegistered(
    string AgreementId,
    string ProviderOrganisation,
    string RecipientOrganisation,
    IReadOnlyList<PermittedUse> PermittedPurposes,
    IReadOnlyList<MaterialType> MaterialTypes,
    IReadOnlyList<SourceKind> SourceKinds,
    bool OnwardTransferAllowed,
    Interval Validity,
    string ExternalReference,
    string AccessAndBenefitSharingReference,
    DateTimeOffset At) : AgreementEvent;

public sealed record AgreementRevoked(string AgreementId, string Reason, DateTimeOffset At) : AgreementEvent;

/// <summary>Whether an agreement holds; the same names as <c>biobank.v1.AgreementState</c>.</summary>
public enum AgreementState
{
    Unspecified = 0,
    Active = 1,
    Revoked = 2,
    Expired = 3,
    NotYetValid = 4,
}

/// <summary>A material transfer agreement (MTA), folded from its stream.</summary>
public sealed record Agreement(
    string Id,
    string ProviderOrganisation,
    string RecipientOrganisation,
    IReadOnlyList<PermittedUse> PermittedPurposes,
    IReadOnlyList<MaterialType> MaterialTypes,
    IReadOnlyList<SourceKind> SourceKinds,
    bool OnwardTransferAllowed,
    Interval Validity,
    string ExternalReference,
    string AccessAndBenefitSharingReference,
    bool Revoked,
    string RevocationReason,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IEventFold<Agreement, AgreementEvent>
{
    public static Agreement? Evolve(Agreement? state, AgreementEvent change) => (state, change) switch
    {
        (null, AgreementRegistered e) => new Agreement(
            e.AgreementId, e.ProviderOrganisation, e.RecipientOrganisation, e.PermittedPurposes, e.MaterialTypes, e.SourceKinds,
            e.OnwardTransferAllowed, e.Validity, e.ExternalReference, e.AccessAndBenefitSharingReference, false, "", e.At, e.At, 1),
        (not null, AgreementRevoked e) => state with { Revoked = true, RevocationReason = e.Reason, UpdateTime = e.At, Version = state.Version + 1 },
        _ => state,
    };

    /// <summary>Whether the agreement holds at <paramref name="now"/>: not revoked, and within its validity.</summary>
    public AgreementState StateAt(DateTimeOffset now) =>
        Revoked ? AgreementState.Revoked
        : now < Validity.Start ? AgreementState.NotYetValid
        : now >= Validity.End ? AgreementState.Expired
        : AgreementState.Active;

    /// <summary>Whether the agreement lets <paramref name="provider"/> send this material to <paramref name="recipient"/> for <paramref name="purpose"/>.</summary>
    public bool Covers(string provider, string recipient, PermittedUse purpose, MaterialType material, SourceKind source) =>
        ProviderOrganisation == provider && RecipientOrganisation == recipient
        && PermittedPurposes.Contains(purpose) && MaterialTypes.Contains(material) && SourceKinds.Contains(source);
}

/// <summary>Registering and revoking agreements, and who may.</summary>
public static class AgreementDecider
{
    public abstract record Command(Caller Caller, DateTimeOffset Now);

    /// <summary>Registers an agreement; the handler has checked the fields' form.</summary>
    public sealed record Register(
        Caller Caller, DateTimeOffset Now, string AgreementId, string ProviderOrganisation, string RecipientOrganisation,
        IReadOnlyList<PermittedUse> PermittedPurposes, IReadOnlyList<MaterialType> MaterialTypes, IReadOnlyList<SourceKind> SourceKinds,
        bool OnwardTransferAllowed, Interval Validity, string ExternalReference, string AccessAndBenefitSharingReference) : Command(Caller, Now);

    public sealed record Revoke(Caller Caller, DateTimeOffset Now, string Reason) : Command(Caller, Now);

    public static IReadOnlyList<AgreementEvent> Decide(Command command, Agreement? state)
    {
        command.Caller.RequireAnyRole(Role.BiobankManager, Role.Admin);
        return (command, state) switch
        {
            (Register c, null) => DecideRegister(c),
            (Register c, not null) => throw new ResourceAlreadyExistsException(c.AgreementId, $"Agreement '{c.AgreementId}' already exists."),
            (Revoke c, not null) => DecideRevoke(c, state),
            _ => throw new InvalidOperationException("The handler loads the agreement before revoking it."),
        };
    }

    private static IReadOnlyList<AgreementEvent> DecideRegister(Register c)
    {
        // Either party's biobank managers record the agreement their institute signed.
        if (c.Caller.Organisation != c.ProviderOrganisation && c.Caller.Organisation != c.RecipientOrganisation)
        {
            c.Caller.RequireOrganisation(c.ProviderOrganisation);
        }

        return
        [
            new AgreementRegistered(
                c.AgreementId, c.ProviderOrganisation, c.RecipientOrganisation,
                [.. c.PermittedPurposes.Distinct().Order()], [.. c.MaterialTypes.Distinct().Order()], [.. c.SourceKinds.Distinct().Order()],
                c.OnwardTransferAllowed, c.Validity, c.ExternalReference, c.AccessAndBenefitSharingReference, c.Now),
        ];
    }

    private static IReadOnlyList<AgreementEvent> DecideRevoke(Revoke c, Agreement state)
    {
        if (c.Caller.Organisation != state.ProviderOrganisation && c.Caller.Organisation != state.RecipientOrganisation)
        {
            c.Caller.RequireOrganisation(state.ProviderOrganisation);
        }

        return state.Revoked ? [] : [new AgreementRevoked(state.Id, c.Reason, c.Now)];
    }
}
