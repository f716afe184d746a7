using Biobank.Domain.Equipment;

namespace Biobank.Domain.Qualifications;

public sealed record QualificationGranted(
    string QualificationId, string Person, string PersonOrganisation, string? EquipmentId, EquipmentKind? Kind,
    string GrantingOrganisation, DateTimeOffset? ExpireTime, DateTimeOffset At);

public sealed record QualificationRevoked(string QualificationId, string Reason, DateTimeOffset At);

/// <summary>
/// Permission for a person to use one instrument, or every instrument of a kind owned by the
/// granting organisation, until an optional expiry. Stream "qualifications/{id}".
/// </summary>
public sealed record Qualification(
    string Id, string Person, string PersonOrganisation, string? EquipmentId, EquipmentKind? Kind,
    string GrantingOrganisation, DateTimeOffset? ExpireTime, bool Revoked, DateTimeOffset CreateTime, long Version)
    : IEventFold<Qualification>
{
    public static Qualification? Evolve(Qualification? state, object change) => (state, change) switch
    {
        (null, QualificationGranted e) => new Qualification(
            e.QualificationId, e.Person, e.PersonOrganisation, e.EquipmentId, e.Kind, e.GrantingOrganisation, e.ExpireTime, false, e.At, 1),
        (not null, QualificationRevoked) => state with { Revoked = true, Version = state.Version + 1 },
        _ => state,
    };

    /// <summary>Whether it lets its person use <paramref name="instrument"/> throughout a use ending at <paramref name="until"/>.</summary>
    public bool Covers(Instrument instrument, DateTimeOffset until) =>
        !Revoked
        && (ExpireTime is null || ExpireTime >= until)
        && (EquipmentId == instrument.Id
            || (Kind == instrument.Kind && GrantingOrganisation == instrument.OwnerOrganisation));
}
