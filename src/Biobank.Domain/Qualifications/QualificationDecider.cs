using Biobank.Domain.Access;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;

namespace Biobank.Domain.Qualifications;

public static class QualificationDecider
{
    public abstract record Command(Caller Caller, DateTimeOffset Now);

    /// <summary>Grant on one instrument (<paramref name="Instrument"/> set) or on a kind.</summary>
    public sealed record Grant(
        Caller Caller, DateTimeOffset Now, string QualificationId, string Person, string PersonOrganisation,
        Instrument? Instrument, EquipmentKind? Kind, DateTimeOffset? ExpireTime) : Command(Caller, Now);

    public sealed record Revoke(Caller Caller, DateTimeOffset Now, string Reason) : Command(Caller, Now);

    public static IReadOnlyList<object> Decide(Command command, Qualification? state) => (command, state) switch
    {
        (Grant c, null) => DecideGrant(c),
        (Grant c, not null) => throw new ResourceAlreadyExistsException(c.QualificationId, "The qualification already exists."),
        (Revoke c, not null) => DecideRevoke(c, state),
        _ => throw new InvalidOperationException("The handler loads the qualification before revoking it."),
    };

    private static IReadOnlyList<object> DecideGrant(Grant c)
    {
        c.Caller.RequireAnyRole(Role.FacilityManager, Role.Admin);
        if (c.Instrument is not null)
        {
            c.Caller.RequireOrganisation(c.Instrument.OwnerOrganisation);
        }

        if (c.ExpireTime is { } expiry && expiry <= c.Now)
        {
            throw new InvalidRequestException("qualification.expire_time", "must be in the future");
        }

        return
        [
            new QualificationGranted(
                c.QualificationId, c.Person, c.PersonOrganisation, c.Instrument?.Id, c.Instrument is null ? c.Kind : null,
                c.Caller.Organisation, c.ExpireTime, c.Now),
        ];
    }

    private static IReadOnlyList<object> DecideRevoke(Revoke c, Qualification state)
    {
        c.Caller.RequireAnyRole(Role.FacilityManager, Role.Admin);
        c.Caller.RequireOrganisation(state.GrantingOrganisation);
        return state.Revoked ? [] : [new QualificationRevoked(state.Id, c.Reason, c.Now)];
    }
}
