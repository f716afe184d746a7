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

/// <summary>
/// A transfer of the instrument was approved: during <paramref name="Away"/> (from the approval to a
/// loan's expected return; open-ended for a return or a move) it is not booked where it stands.
/// </summary>
public sealed record EquipmentTransferApproved(string EquipmentId, string TransferId, Interval Away, DateTimeOffset At) : EquipmentEvent;

/// <summary>An approved transfer was rejected or cancelled before the instrument left: it is booked where it stands again.</summary>
public sealed record EquipmentTransferWithdrawn(string EquipmentId, string TransferId, DateTimeOffset At) : EquipmentEvent;

/// <summary>Handed to a carrier for a transfer: in its custody until received.</summary>
public sealed record EquipmentDispatched(string EquipmentId, string TransferId, string Carrier, DateTimeOffset At) : EquipmentEvent;

/// <summary>
/// Received by <paramref name="Custodian"/> at <paramref name="Site"/>: booked there, in that site's
/// time zone, under its custodian's managers, until it is transferred again. A damaged instrument is
/// received out of service.
/// </summary>
public sealed record EquipmentReceived(
    string EquipmentId, string TransferId, string Custodian, string Site, string TimeZone, bool Damaged, DateTimeOffset At) : EquipmentEvent;

/// <summary>Never received from the carrier.</summary>
public sealed record EquipmentLost(string EquipmentId, string TransferId, DateTimeOffset At) : EquipmentEvent;

/// <summary>A scheduled, not cancelled, maintenance window.</summary>
public sealed record MaintenanceWindow(string MaintenanceId, Interval Interval, string Reason);

/// <summary>
/// The state of one shared instrument, folded from its stream. It stays small whatever the
/// instrument's history: reservations live in streams of their own, and maintenance windows that
/// are over are history, not state. <paramref name="Custodian"/> is the organisation that has it
/// now, at <paramref name="Site"/>: its owner, or the partner it is lent to, whose managers then run it.
/// </summary>
public sealed record Instrument(
    string Id,
    string DisplayName,
    EquipmentKind Kind,
    string OwnerOrganisation,
    string Custodian,
    string Site,
    string TimeZone,
    BookingRules Rules,
    EquipmentStatus Status,
    string StatusReason,
    IReadOnlyList<MaintenanceWindow> Maintenance,
    // The open transfer that moves it (approved, dispatched), if any, and when it is away for it.
    string? Transfer,
    Interval? Away,
    // The transfer that lent it to its custodian, while it is away from its owner.
    string? Loan,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IEventFold<Instrument, EquipmentEvent>
{
    public static Instrument? Evolve(Instrument? state, EquipmentEvent change) => (state, change) switch
    {
        (null, EquipmentRegistered e) => new Instrument(
            e.EquipmentId, e.DisplayName, e.Kind, e.OwnerOrganisation, e.OwnerOrganisation, e.Site, e.TimeZone, e.Rules,
            EquipmentStatus.InService, "", [], null, null, null, e.At, e.At, 1),
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
        (_, EquipmentTransferApproved e) => state.Next(e.At) with { Transfer = e.TransferId, Away = e.Away },
        (_, EquipmentTransferWithdrawn e) => state.Next(e.At) with { Transfer = null, Away = null },
        (_, EquipmentDispatched e) => state.Next(e.At) with
        {
            Status = EquipmentStatus.InTransit, StatusReason = $"With {e.Carrier} for {e.TransferId}.", Transfer = e.TransferId,
        },
        (_, EquipmentReceived e) => state.Next(e.At) with
        {
            Custodian = e.Custodian,
            Site = e.Site,
            TimeZone = e.TimeZone,
            Status = e.Damaged ? EquipmentStatus.OutOfService : EquipmentStatus.InService,
            StatusReason = e.Damaged ? $"Received damaged from {e.TransferId}." : "",
            Transfer = null,
            Away = null,
            Loan = e.Custodian == state.OwnerOrganisation ? null : e.TransferId,
        },
        (_, EquipmentLost e) => state.Next(e.At) with { Status = EquipmentStatus.Lost, StatusReason = $"Lost in {e.TransferId}.", Transfer = null, Away = null },
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

    /// <summary>A transfer (<paramref name="TransferId"/>) was approved: the instrument is not booked where it stands during <paramref name="Away"/>.</summary>
    public sealed record ApproveTransfer(Caller Caller, DateTimeOffset Now, string TransferId, Interval Away) : Command(Caller, Now);

    /// <summary>The approved transfer ended before the instrument left (rejected or cancelled).</summary>
    public sealed record WithdrawTransfer(Caller Caller, DateTimeOffset Now, string TransferId) : Command(Caller, Now);

    /// <summary>Hands the instrument to the carrier of <paramref name="TransferId"/>; the transfer's gate decided it may go.</summary>
    public sealed record Dispatch(Caller Caller, DateTimeOffset Now, string TransferId, string Carrier) : Command(Caller, Now);

    /// <summary>Receives the instrument from <paramref name="TransferId"/> at a site of the caller's organisation, as it arrived.</summary>
    public sealed record Receive(Caller Caller, DateTimeOffset Now, string TransferId, string Site, string TimeZone, Transfers.ItemCondition Condition)
        : Command(Caller, Now);

    public static IReadOnlyList<EquipmentEvent> Decide(Command command, Instrument? state)
    {
        if (command is Register register)
        {
            return DecideRegister(register, state);
        }

        var instrument = state ?? throw new InvalidOperationException("The handler loads the instrument before deciding.");
        if (DecideTransfer(command, instrument) is { } moved)
        {
            // Decided on the transfer, by its sender's managers or its receiver's staff.
            return moved;
        }

        RequireManagerOf(command.Caller, instrument);
        if (instrument.Status is EquipmentStatus.Retired or EquipmentStatus.InTransit or EquipmentStatus.Lost)
        {
            throw new RuleViolationException(
                ErrorReasons.InvalidStateTransition, $"The instrument is {instrument.Status}.", ("state", instrument.Status));
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

    /// <summary>What a transfer of the instrument decides on its stream; null for any other command.</summary>
    private static IReadOnlyList<EquipmentEvent>? DecideTransfer(Command command, Instrument instrument) => command switch
    {
        ApproveTransfer c => instrument.Transfer == c.TransferId ? [] : [new EquipmentTransferApproved(instrument.Id, c.TransferId, c.Away, c.Now)],
        WithdrawTransfer c => instrument.Transfer == c.TransferId && instrument.Status != EquipmentStatus.InTransit
            ? [new EquipmentTransferWithdrawn(instrument.Id, c.TransferId, c.Now)]
            : [],
        Dispatch c => instrument.Status == EquipmentStatus.InTransit
            ? []
            : [new EquipmentDispatched(instrument.Id, c.TransferId, c.Carrier, c.Now)],
        Receive c => instrument.Status != EquipmentStatus.InTransit || instrument.Transfer != c.TransferId
            ? []
            : c.Condition == Transfers.ItemCondition.Missing
                ? [new EquipmentLost(instrument.Id, c.TransferId, c.Now)]
                : [new EquipmentReceived(
                    instrument.Id, c.TransferId, c.Caller.Organisation, c.Site, c.TimeZone,
                    c.Condition is Transfers.ItemCondition.Damaged or Transfers.ItemCondition.Thawed, c.Now)],
        _ => null,
    };

    /// <summary>Only the custodian organisation's facility managers (or admins) change an instrument: its owner's, or while lent, the borrower's.</summary>
    public static void RequireManagerOf(Caller caller, Instrument instrument)
    {
        caller.RequireAnyRole(Role.FacilityManager, Role.Admin);
        caller.RequireOrganisation(instrument.Custodian);
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
