using Biobank.Domain.Access;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;

namespace Biobank.Domain.Qualifications;

/// <summary>The events of a qualification's stream ("qualifications/{id}").</summary>
public abstract record QualificationEvent;

public sealed record QualificationGranted(
    string QualificationId, string Person, string PersonOrganisation, string? EquipmentId, EquipmentKind? Kind,
    string GrantingOrganisation, DateTimeOffset? ExpireTime, DateTimeOffset At) : QualificationEvent;

public sealed record QualificationRevoked(string QualificationId, string Reason, DateTimeOffset At) : QualificationEvent;

/// <summary>
/// Permission for a person to use one instrument, or every instrument of a kind owned by the
/// granting organisation, until an optional expiry.
/// </summary>
public sealed record Qualification(
    string Id, string Person, string PersonOrganisation, string? EquipmentId, EquipmentKind? Kind,
    string GrantingOrganisation, DateTimeOffset? ExpireTime, bool Revoked, DateTimeOffset CreateTime, long Version)
    : IEventFold<Qualification, QualificationEvent>
{
    public static Qualification? Evolve(Qualification? state, QualificationEvent change) => (state, change) switch
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
            || (Kind == instrument.Kind && GrantingOrganisation == instrument.Custodian));
}

/// <summary>Granting and revoking qualifications, and who may.</summary>
public static class QualificationDecider
{
    public abstract record Command(Caller Caller, DateTimeOffset Now);

    /// <summary>Grant on one instrument (<paramref name="Instrument"/> set) or on a kind; the handler has checked the expiry lies ahead.</summary>
    public sealed record Grant(
        Caller Caller, DateTimeOffset Now, string QualificationId, string Person, string PersonOrganisation,
        Instrument? Instrument, EquipmentKind? Kind, DateTimeOffset? ExpireTime) : Command(Caller, Now);

    public sealed record Revoke(Caller Caller, DateTimeOffset Now, string Reason) : Command(Caller, Now);

    public static IReadOnlyList<QualificationEvent> Decide(Command command, Qualification? state) => (command, state) switch
    {
        (Grant c, null) => DecideGrant(c),
        (Grant c, not null) => throw new ResourceAlreadyExistsException(c.QualificationId, "The qualification already exists."),
        (Revoke c, not null) => DecideRevoke(c, state),
        _ => throw new InvalidOperationException("The handler loads the qualification before revoking it."),
    };

    private static IReadOnlyList<QualificationEvent> DecideGrant(Grant c)
    {
        c.Caller.RequireAnyRole(Role.FacilityManager, Role.Admin);
        if (c.Instrument is not null)
        {
            c.Caller.RequireOrganisation(c.Instrument.Custodian);
        }

        return
        [
            new QualificationGranted(
                c.QualificationId, c.Person, c.PersonOrganisation, c.Instrument?.Id, c.Instrument is null ? c.Kind : null,
                c.Caller.Organisation, c.ExpireTime, c.Now),
        ];
    }

    private static IReadOnlyList<QualificationEvent> DecideRevoke(Revoke c, Qualification state)
    {
        c.Caller.RequireAnyRole(Role.FacilityManager, Role.Admin);
        c.Caller.RequireOrganisation(state.GrantingOrganisation);
        return state.Revoked ? [] : [new QualificationRevoked(state.Id, c.Reason, c.Now)];
    }
}
