using Biobank.Domain.Access;
using Biobank.Domain.Failures;
using Biobank.Domain.Reservations;

namespace Biobank.Domain.Equipment;

// Events of an instrument's stream ("equipment/{id}"). Who recorded each one, for which
// organisation and in which call is in the event envelope; times here are business times.

/// <summary>The events of an instrument's stream.</summary>
public abstract record EquipmentEvent;

public sealed record EquipmentRegistered(
    string EquipmentId,
    string DisplayName,
    EquipmentKind Kind,
    string OwnerOrganisation,
    string Site,
    string TimeZone,
    BookingRules Rules,
    DateTimeOffset At) : EquipmentEvent;

public sealed record BookingRulesUpdated(string EquipmentId, BookingRules Rules, DateTimeOffset At) : EquipmentEvent;

/// <summary>
/// Maintenance blocks <paramref name="Interval"/>. An exclusive window cancelled every booking it
/// overlapped and admits none; otherwise the bookings it overlapped were knowingly left in place.
/// </summary>
public sealed record MaintenanceScheduled(
    string EquipmentId, string MaintenanceId, Interval Interval, string Reason, bool Exclusive, DateTimeOffset At) : EquipmentEvent;

public sealed record MaintenanceCancelled(string EquipmentId, string MaintenanceId, string Reason, DateTimeOffset At) : EquipmentEvent;

/// <summary>Put in or out of service from <paramref name="At"/> on.</summary>
public sealed record EquipmentStatusChanged(string EquipmentId, EquipmentStatus Status, string Reason, DateTimeOffset At) : EquipmentEvent;

public sealed record EquipmentRetired(string EquipmentId, string Reason, DateTimeOffset At) : EquipmentEvent;

/// <summary>A scheduled, not cancelled, maintenance window.</summary>
public sealed record MaintenanceWindow(string MaintenanceId, Interval Interval, string Reason);

/// <summary>
/// The state of one shared instrument, folded from its stream. It stays small whatever the
/// instrument's history: reservations live in streams of their own, and maintenance windows that
/// are over are history, not state.
/// </summary>
public sealed record Instrument(
    string Id,
    string DisplayName,
    EquipmentKind Kind,
    string OwnerOrganisation,
    string Site,
    string TimeZone,
    BookingRules Rules,
    EquipmentStatus Status,
    string StatusReason,
    IReadOnlyList<MaintenanceWindow> Maintenance,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IEventFold<Instrument, EquipmentEvent>
{
    public static Instrument? Evolve(Instrument? state, EquipmentEvent change) => (state, change) switch
    {
        (null, EquipmentRegistered e) => new Instrument(
            e.EquipmentId, e.DisplayName, e.Kind, e.OwnerOrganisation, e.Site, e.TimeZone, e.Rules,
            EquipmentStatus.InService, "", [], e.At, e.At, 1),
        (null, _) => null,
        (_, BookingRulesUpdated e) => state.Next(e.At) with { Rules = e.Rules },
        (_, MaintenanceScheduled e) => state.Next(e.At) with
        {
            Maintenance = [.. state.Maintenance.Where(m => m.Interval.End > e.At), new MaintenanceWindow(e.MaintenanceId, e.Interval, e.Reason)],
        },
        (_, MaintenanceCancelled e) => state.Next(e.At) with
        {
            Maintenance = [.. state.Maintenance.Where(m => m.MaintenanceId != e.MaintenanceId)],
        },
        (_, EquipmentStatusChanged e) => state.Next(e.At) with { Status = e.Status, StatusReason = e.Reason },
        (_, EquipmentRetired e) => state.Next(e.At) with { Status = EquipmentStatus.Retired, StatusReason = e.Reason },
        _ => state,
    };

    /// <summary>The time zone of the instrument's site: recurring bookings follow its wall clock.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    private Instrument Next(DateTimeOffset at) => this with { UpdateTime = at, Version = Version + 1 };
}

/// <summary>Commands on an instrument and the rules that decide their events.</summary>
public static class EquipmentDecider
{
    public abstract record Command(Caller Caller, DateTimeOffset Now);

    public sealed record Register(
        Caller Caller, DateTimeOffset Now, string EquipmentId, string DisplayName, EquipmentKind Kind,
        string Site, string SiteOrganisation, string TimeZone, BookingRules Rules) : Command(Caller, Now);

    public sealed record UpdateRules(Caller Caller, DateTimeOffset Now, BookingRules Rules) : Command(Caller, Now);

    /// <summary>
    /// Blocks <paramref name="Interval"/> for maintenance. <paramref name="Overlapping"/> are the
    /// reservations it overlaps, as they stand after <see cref="ReservationDecider.CancelIfOpen"/>
    /// was decided on each when <paramref name="CancelOverlapping"/> asked for it.
    /// </summary>
    public sealed record ScheduleMaintenance(
        Caller Caller, DateTimeOffset Now, string MaintenanceId, Interval Interval, string Reason, bool CancelOverlapping,
        IReadOnlyList<Reservation> Overlapping) : Command(Caller, Now);

    public sealed record CancelMaintenance(Caller Caller, DateTimeOffset Now, string MaintenanceId, string Reason) : Command(Caller, Now);

    public sealed record SetStatus(Caller Caller, DateTimeOffset Now, EquipmentStatus Status, string Reason) : Command(Caller, Now);

    public sealed record Retire(Caller Caller, DateTimeOffset Now, string Reason) : Command(Caller, Now);

    public static IReadOnlyList<EquipmentEvent> Decide(Command command, Instrument? state)
    {
        if (command is Register register)
        {
            return DecideRegister(register, state);
        }

        var instrument = state ?? throw new InvalidOperationException("The handler loads the instrument before deciding.");
        RequireManagerOf(command.Caller, instrument);
        if (instrument.Status == EquipmentStatus.Retired)
        {
            throw new RuleViolationException(
                ErrorReasons.InvalidStateTransition, "The instrument is retired.", ("state", EquipmentStatus.Retired));
        }

        return command switch
        {
            UpdateRules c => c.Rules == instrument.Rules ? [] : [new BookingRulesUpdated(instrument.Id, c.Rules, c.Now)],
            ScheduleMaintenance c =>
            [
                new MaintenanceScheduled(instrument.Id, c.MaintenanceId, c.Interval, c.Reason, IsExclusive(c), c.Now),
            ],
            CancelMaintenance c => instrument.Maintenance.Any(m => m.MaintenanceId == c.MaintenanceId)
                ? [new MaintenanceCancelled(instrument.Id, c.MaintenanceId, c.Reason, c.Now)]
                : throw new ResourceNotFoundException($"{instrument.Id}/maintenance/{c.MaintenanceId}"),
            SetStatus c => c.Status == instrument.Status ? [] : [new EquipmentStatusChanged(instrument.Id, c.Status, c.Reason, c.Now)],
            Retire c => [new EquipmentRetired(instrument.Id, c.Reason, c.Now)],
            _ => throw new InvalidOperationException($"Unknown command {command.GetType().Name}."),
        };
    }

    /// <summary>
    /// A window is exclusive once every booking it overlapped is gone: the calendar then refuses any
    /// booking a concurrent request slips in. A booking already checked in stays, and so the window
    /// knowingly shares its time with it.
    /// </summary>
    public static bool IsExclusive(ScheduleMaintenance command) =>
        command.CancelOverlapping && command.Overlapping.All(r => !r.State.HoldsSlot());

    /// <summary>Only the owning organisation's facility managers (or admins) change an instrument.</summary>
    public static void RequireManagerOf(Caller caller, Instrument instrument)
    {
        caller.RequireAnyRole(Role.FacilityManager, Role.Admin);
        caller.RequireOrganisation(instrument.OwnerOrganisation);
    }

    private static IReadOnlyList<EquipmentEvent> DecideRegister(Register c, Instrument? state)
    {
        c.Caller.RequireAnyRole(Role.FacilityManager, Role.Admin);
        if (c.SiteOrganisation != c.Caller.Organisation)
        {
            throw new RuleViolationException(
                ErrorReasons.UnknownSite, $"Site '{c.Site}' does not belong to organisation '{c.Caller.Organisation}'.", ("site", c.Site));
        }

        if (state is not null)
        {
            throw new ResourceAlreadyExistsException(c.EquipmentId, $"Instrument '{c.EquipmentId}' already exists.");
        }

        return [new EquipmentRegistered(c.EquipmentId, c.DisplayName, c.Kind, c.Caller.Organisation, c.Site, c.TimeZone, c.Rules, c.Now)];
    }
}
