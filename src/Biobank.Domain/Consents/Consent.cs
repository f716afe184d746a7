using System.Security.Cryptography;
using System.Text;

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
    long Version) : IEventFold<Consent>
{
    /// <summary>
    /// The one stream of an organisation's donor in a collection: derived from the three, so two
    /// concurrent first recordings meet on one stream, and a registration finds the consent without
    /// a search. Hashed, because pseudonyms need not be valid resource ids.
    /// </summary>
    public static string NameFor(string organisation, string collection, string donorPseudonym) =>
        "consents/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{organisation}\n{collection}\n{donorPseudonym}")))[..32];

    public static Consent? Evolve(Consent? state, object change) => (state, change) switch
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
}

/// <summary>A consent recorded, or a new version of it (document or permitted uses).</summary>
public sealed record ConsentRecorded(
    string ConsentId, string Organisation, string DonorPseudonym, string Collection, string DocumentVersion,
    IReadOnlyList<PermittedUse> PermittedUses, DateTimeOffset At);

public sealed record ConsentWithdrawn(string ConsentId, WithdrawalScope Scope, string Reason, DateTimeOffset At);

public sealed class ConsentProjection() : FoldProjection<Consent>(typeof(ConsentRecorded), typeof(ConsentWithdrawn));
