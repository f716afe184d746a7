using System.Security.Cryptography;
using System.Text;
using Biobank.Domain.Access;
using Biobank.Domain.Failures;

namespace Biobank.Domain.Consents;

/// <summary>Uses a donor may permit; the same names as <c>biobank.v1.PermittedUse</c>.</summary>
public enum PermittedUse
{
    Unspecified = 0,
    GeneralResearch = 1,
    GeneticResearch = 2,
    CommercialUse = 3,
    PartnerSharing = 4,
}

/// <summary>What a withdrawal asks for; the same names as <c>biobank.v1.WithdrawalScope</c>.</summary>
public enum WithdrawalScope
{
    Unspecified = 0,
    StopFutureUse = 1,
    DestroyRemainingMaterial = 2,
}

/// <summary>The events of a consent's stream ("consents/{id}").</summary>
public abstract record ConsentEvent;

/// <summary>A consent recorded, or a new version of it (document or permitted uses).</summary>
public sealed record ConsentRecorded(
    string ConsentId, string Organisation, string DonorPseudonym, string Collection, string DocumentVersion,
    IReadOnlyList<PermittedUse> PermittedUses, DateTimeOffset At) : ConsentEvent;

public sealed record ConsentWithdrawn(string ConsentId, WithdrawalScope Scope, string Reason, DateTimeOffset At) : ConsentEvent;

/// <summary>A donor's consent for one collection of an organisation, folded from its stream.</summary>
public sealed record Consent(
    string Id,
    string Organisation,
    string DonorPseudonym,
    string Collection,
    string DocumentVersion,
    IReadOnlyList<PermittedUse> PermittedUses,
    bool Withdrawn,
    WithdrawalScope WithdrawalScope,
    DateTimeOffset? WithdrawTime,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IEventFold<Consent, ConsentEvent>
{
    /// <summary>
    /// The one stream of an organisation's donor in a collection: derived from the three, so two
    /// concurrent first recordings meet on one stream, and a registration finds the consent without
    /// a search. Hashed, because pseudonyms need not be valid resource ids.
    /// </summary>
    public static string NameFor(string organisation, string collection, string donorPseudonym) =>
        "consents/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{organisation}\n{collection}\n{donorPseudonym}")))[..32];

    public static Consent? Evolve(Consent? state, ConsentEvent change) => (state, change) switch
    {
        (null, ConsentRecorded e) => new Consent(
            e.ConsentId, e.Organisation, e.DonorPseudonym, e.Collection, e.DocumentVersion, e.PermittedUses, false,
            WithdrawalScope.Unspecified, null, e.At, e.At, 1),
        (null, _) => null,
        (_, ConsentRecorded e) => state with
        {
            DocumentVersion = e.DocumentVersion, PermittedUses = e.PermittedUses, UpdateTime = e.At, Version = state.Version + 1,
        },
        (_, ConsentWithdrawn e) => state with
        {
            Withdrawn = true, WithdrawalScope = e.Scope, WithdrawTime = e.At, UpdateTime = e.At, Version = state.Version + 1,
        },
        _ => state,
    };

    /// <summary>
    /// Why the donor's material is held after a withdrawal. Neutral wording: the reason is shown to
    /// technicians, who must not be able to link samples to one donor through it.
    /// </summary>
    public string ReviewHoldReason(string reason) => $"Donor consent withdrawn ({WithdrawalScope}): {reason}";
}

/// <summary>Recording and withdrawing consents, and who may.</summary>
public static class ConsentDecider
{
    public abstract record Command(Caller Caller, DateTimeOffset Now);

    public sealed record Record(
        Caller Caller, DateTimeOffset Now, string DonorPseudonym, string Collection, string DocumentVersion, IReadOnlyList<PermittedUse> PermittedUses)
        : Command(Caller, Now);

    /// <summary>
    /// Withdraws the consent. Every sample of the donor in the collection and every sample made from
    /// them is then held for review (<c>SampleDecider.HoldForConsentReview</c>), in the same transaction.
    /// </summary>
    public sealed record Withdraw(Caller Caller, DateTimeOffset Now, WithdrawalScope Scope, string Reason) : Command(Caller, Now);

    /// <summary>Who reads an organisation's consents: they name donor pseudonyms.</summary>
    public static void RequireReader(Caller caller) => caller.RequireAnyRole(Role.BiobankManager, Role.Admin);

    public static IReadOnlyList<ConsentEvent> Decide(Command command, Consent? state)
    {
        RequireReader(command.Caller);
        if (state is not null)
        {
            command.Caller.RequireOrganisation(state.Organisation);
        }

        return command switch
        {
            Record c => DecideRecord(c, state),
            Withdraw c => state is null
                ? throw new InvalidOperationException("The handler loads the consent before deciding.")
                : state.Withdrawn ? [] : [new ConsentWithdrawn(state.Id, c.Scope, c.Reason, c.Now)],
            _ => throw new InvalidOperationException($"Unknown command {command.GetType().Name}."),
        };
    }

    /// <summary>Fails with CONSENT_WITHDRAWN when the donor withdrew from the collection.</summary>
    public static void RequireNotWithdrawn(Consent? consent)
    {
        if (consent is { Withdrawn: true })
        {
            throw new RuleViolationException(
                ErrorReasons.ConsentWithdrawn, "The donor withdrew consent for this collection.", ("consent", consent.Id));
        }
    }

    private static IReadOnlyList<ConsentEvent> DecideRecord(Record c, Consent? state)
    {
        RequireNotWithdrawn(state);
        var uses = c.PermittedUses.Distinct().Order().ToList();
        if (state is not null && state.DocumentVersion == c.DocumentVersion && state.PermittedUses.SequenceEqual(uses))
        {
            return [];
        }

        var id = state?.Id ?? Consent.NameFor(c.Caller.Organisation, c.Collection, c.DonorPseudonym);
        return [new ConsentRecorded(id, c.Caller.Organisation, c.DonorPseudonym, c.Collection, c.DocumentVersion, uses, c.Now)];
    }
}
