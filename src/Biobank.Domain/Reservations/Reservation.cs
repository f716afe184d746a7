using Biobank.Domain.Access;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Qualifications;

namespace Biobank.Domain.Reservations;

// Events of a reservation's stream ("reservations/{id}"). The buffer is the instrument's at the
// time of booking: the slot a reservation blocks is [start, end + buffer).

/// <summary>The events of a reservation's stream.</summary>
public abstract record ReservationEvent;

public sealed record ReservationBooked(
    string ReservationId,
    string EquipmentId,
    string EquipmentOwner,
    string BookedBy,
    string Organisation,
    Interval Interval,
    TimeSpan Buffer,
    TimeSpan NoShowGrace,
    string Purpose,
    string Project,
    string? SeriesId,
    bool AwaitsApproval,
    DateTimeOffset At) : ReservationEvent;

public sealed record ReservationApproved(string ReservationId, DateTimeOffset At) : ReservationEvent;

public sealed record ReservationRejected(string ReservationId, string Reason, DateTimeOffset At) : ReservationEvent;

public sealed record ReservationCancelled(string ReservationId, string Reason, DateTimeOffset At) : ReservationEvent;

/// <summary>Moved to a new interval; a booking that needs the owner's approval waits for it again.</summary>
public sealed record ReservationRescheduled(string ReservationId, Interval Interval, TimeSpan Buffer, bool AwaitsApproval, DateTimeOffset At)
    : ReservationEvent;

public sealed record ReservationCheckedIn(string ReservationId, DateTimeOffset At) : ReservationEvent;

/// <summary>Checked out at <paramref name="At"/>; before the end, the rest of the slot is freed.</summary>
public sealed record ReservationCheckedOut(string ReservationId, DateTimeOffset At) : ReservationEvent;

public sealed record ReservationMarkedNoShow(string ReservationId, DateTimeOffset At) : ReservationEvent;

/// <summary>Where a reservation stands; the same names as <c>biobank.v1.ReservationState</c>.</summary>
public enum ReservationState
{
    Unspecified = 0,
    PendingApproval = 1,
    Confirmed = 2,
    CheckedIn = 3,
    Completed = 4,
    Cancelled = 5,
    Rejected = 6,
    NoShow = 7,
}

public static class ReservationStates
{
    /// <summary>States in which a reservation may still be cancelled, rescheduled or freed for maintenance.</summary>
    public static bool IsCancellable(this ReservationState state) =>
        state is ReservationState.PendingApproval or ReservationState.Confirmed;

    /// <summary>States in which a reservation blocks its slot of the instrument's calendar.</summary>
    public static bool HoldsSlot(this ReservationState state) =>
        state is ReservationState.PendingApproval or ReservationState.Confirmed or ReservationState.CheckedIn;
}

/// <summary>One booking of one instrument, folded from its stream.</summary>
public sealed record Reservation(
    string Id,
    string EquipmentId,
    string EquipmentOwner,
    string BookedBy,
    string Organisation,
    Interval Interval,
    TimeSpan Buffer,
    TimeSpan NoShowGrace,
    string Purpose,
    string Project,
    string? SeriesId,
    ReservationState State,
    string StateReason,
    DateTimeOffset? CheckInTime,
    DateTimeOffset? CheckOutTime,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IEventFold<Reservation, ReservationEvent>
{
    /// <summary>When a confirmed reservation nobody checked in becomes a no-show.</summary>
    public DateTimeOffset NoShowDue => Interval.Start + NoShowGrace;

    public static Reservation? Evolve(Reservation? state, ReservationEvent change) => (state, change) switch
    {
        (null, ReservationBooked e) => new Reservation(
            e.ReservationId, e.EquipmentId, e.EquipmentOwner, e.BookedBy, e.Organisation, e.Interval, e.Buffer, e.NoShowGrace,
            e.Purpose, e.Project, e.SeriesId,
            e.AwaitsApproval ? ReservationState.PendingApproval : ReservationState.Confirmed,
            "", null, null, e.At, e.At, 1),
        (null, _) => null,
        (_, ReservationApproved e) => state.Next(e.At) with { State = ReservationState.Confirmed },
        (_, ReservationRejected e) => state.Next(e.At) with { State = ReservationState.Rejected, StateReason = e.Reason },
        (_, ReservationCancelled e) => state.Next(e.At) with { State = ReservationState.Cancelled, StateReason = e.Reason },
        (_, ReservationRescheduled e) => state.Next(e.At) with
        {
            Interval = e.Interval,
            Buffer = e.Buffer,
            State = e.AwaitsApproval ? ReservationState.PendingApproval : state.State,
        },
        (_, ReservationCheckedIn e) => state.Next(e.At) with { State = ReservationState.CheckedIn, CheckInTime = e.At },
        (_, ReservationCheckedOut e) => state.Next(e.At) with { State = ReservationState.Completed, CheckOutTime = e.At },
        (_, ReservationMarkedNoShow e) => state.Next(e.At) with
        {
            State = ReservationState.NoShow,
            StateReason = "Not checked in within the grace period.",
        },
        _ => state,
    };

    /// <summary>From check-in to check-out, or to <paramref name="now"/> while still checked in; empty if never checked in.</summary>
    public Interval TimeInUse(DateTimeOffset now) => CheckInTime is { } checkIn
        ? new Interval(checkIn, CheckOutTime ?? now)
        : new Interval(Interval.Start, Interval.Start);

    private Reservation Next(DateTimeOffset at) => this with { UpdateTime = at, Version = Version + 1 };
}

/// <summary>Commands on a reservation and the rules that decide their events.</summary>
public static class ReservationDecider
{
    /// <summary>How long before its start a reservation may be checked in.</summary>
    public static readonly TimeSpan EarlyCheckIn = TimeSpan.FromMinutes(15);

    /// <summary>Roles that book instruments for their organisation.</summary>
    public static readonly string[] BookingRoles = [Role.Technician, Role.LabSystem, Role.FacilityManager, Role.Admin];

    public abstract record Command(Caller Caller, DateTimeOffset Now);

    /// <summary>
    /// Book <paramref name="Instrument"/> for <paramref name="Interval"/>. The handler supplies the
    /// booker's qualifications and the instrument's calendar entries around the slot.
    /// </summary>
    public sealed record Book(
        Caller Caller, DateTimeOffset Now, string ReservationId, Instrument Instrument, Interval Interval, string Purpose,
        string Project, string? SeriesId, IReadOnlyList<Qualification> Qualifications, IReadOnlyList<CalendarEntry> Calendar)
        : Command(Caller, Now);

    public sealed record Reschedule(
        Caller Caller, DateTimeOffset Now, Instrument Instrument, Interval Interval, IReadOnlyList<Qualification> Qualifications,
        IReadOnlyList<CalendarEntry> Calendar) : Command(Caller, Now);

    public sealed record Cancel(Caller Caller, DateTimeOffset Now, string Reason) : Command(Caller, Now);

    /// <summary>Frees the slot (for a maintenance window, or a series cancelled): cancels the reservation unless it is already in use or over.</summary>
    public sealed record CancelIfOpen(Caller Caller, DateTimeOffset Now, string Reason) : Command(Caller, Now);

    public sealed record Approve(Caller Caller, DateTimeOffset Now) : Command(Caller, Now);

    public sealed record Reject(Caller Caller, DateTimeOffset Now, string Reason) : Command(Caller, Now);

    public sealed record CheckIn(Caller Caller, DateTimeOffset Now) : Command(Caller, Now);

    public sealed record CheckOut(Caller Caller, DateTimeOffset Now) : Command(Caller, Now);

    /// <summary>The no-show sweep, acting for the system: a confirmed reservation nobody checked in within its grace period.</summary>
    public sealed record MarkNoShow(Caller Caller, DateTimeOffset Now) : Command(Caller, Now);

    public static IReadOnlyList<ReservationEvent> Decide(Command command, Reservation? state)
    {
        if (command is Book book)
        {
            return state is null
                ? DecideBook(book)
                : throw new ResourceAlreadyExistsException(book.ReservationId, "The reservation already exists.");
        }

        var reservation = state ?? throw new InvalidOperationException("The handler loads the reservation before deciding.");
        return command switch
        {
            Reschedule c => DecideReschedule(c, reservation),
            Cancel c => DecideCancel(c, reservation),
            CancelIfOpen c => DecideCancelIfOpen(c, reservation),
            Approve c => DecideApproval(c, reservation, () => new ReservationApproved(reservation.Id, c.Now)),
            Reject c => DecideApproval(c, reservation, () => new ReservationRejected(reservation.Id, c.Reason, c.Now)),
            CheckIn c => DecideCheckIn(c, reservation),
            CheckOut c => DecideCheckOut(c, reservation),
            MarkNoShow c => reservation.State == ReservationState.Confirmed && c.Now >= reservation.NoShowDue
                ? [new ReservationMarkedNoShow(reservation.Id, c.Now)]
                : [],
            _ => throw new InvalidOperationException($"Unknown command {command.GetType().Name}."),
        };
    }

    /// <summary>
    /// Whether <paramref name="viewer"/> may see who booked, which reservation and why: the booking
    /// and owning organisations, and auditors. Everyone else sees only that the slot is busy.
    /// </summary>
    public static bool SeesBookingDetails(this Caller viewer, string bookingOrganisation, string ownerOrganisation) =>
        viewer.Organisation == bookingOrganisation || viewer.Organisation == ownerOrganisation || viewer.Has(Role.Auditor);

    private static IReadOnlyList<ReservationEvent> DecideBook(Book c)
    {
        c.Caller.RequireAnyRole(BookingRoles);
        BookingPolicy.Check(c.Instrument, c.Interval, c.Now, c.Caller, c.Qualifications, c.Calendar, except: c.ReservationId);
        return
        [
            new ReservationBooked(
                c.ReservationId, c.Instrument.Id, c.Instrument.Custodian, c.Caller.Subject, c.Caller.Organisation,
                c.Interval, c.Instrument.Rules.Buffer, c.Instrument.Rules.NoShowGrace, c.Purpose, c.Project, c.SeriesId,
                AwaitsApproval(c.Instrument, c.Caller.Organisation), c.Now),
        ];
    }

    private static IReadOnlyList<ReservationEvent> DecideReschedule(Reschedule c, Reservation reservation)
    {
        RequireBookerOrganisation(c.Caller, reservation);
        RequireState(reservation, ReservationState.PendingApproval, ReservationState.Confirmed);
        if (c.Interval == reservation.Interval)
        {
            return [];
        }

        BookingPolicy.Check(c.Instrument, c.Interval, c.Now, c.Caller, c.Qualifications, c.Calendar, except: reservation.Id);
        return [new ReservationRescheduled(reservation.Id, c.Interval, c.Instrument.Rules.Buffer, AwaitsApproval(c.Instrument, reservation.Organisation), c.Now)];
    }

    private static IReadOnlyList<ReservationEvent> DecideCancelIfOpen(CancelIfOpen c, Reservation reservation)
    {
        RequireCanceller(c.Caller, reservation);
        return reservation.State.IsCancellable() ? [new ReservationCancelled(reservation.Id, c.Reason, c.Now)] : [];
    }

    private static IReadOnlyList<ReservationEvent> DecideCancel(Cancel c, Reservation reservation)
    {
        RequireCanceller(c.Caller, reservation);
        if (reservation.State == ReservationState.Cancelled)
        {
            return [];
        }

        RequireState(reservation, ReservationState.PendingApproval, ReservationState.Confirmed);
        return [new ReservationCancelled(reservation.Id, c.Reason, c.Now)];
    }

    private static IReadOnlyList<ReservationEvent> DecideApproval(Command c, Reservation reservation, Func<ReservationEvent> decision)
    {
        c.Caller.RequireAnyRole(Role.FacilityManager, Role.Admin);
        c.Caller.RequireOrganisation(reservation.EquipmentOwner);
        RequireState(reservation, ReservationState.PendingApproval);
        return [decision()];
    }

    private static IReadOnlyList<ReservationEvent> DecideCheckIn(CheckIn c, Reservation reservation)
    {
        RequireBookerOrganisation(c.Caller, reservation);
        if (reservation.State == ReservationState.CheckedIn)
        {
            return [];
        }

        RequireState(reservation, ReservationState.Confirmed);
        if (c.Now < reservation.Interval.Start - EarlyCheckIn || c.Now >= reservation.Interval.End)
        {
            throw new RuleViolationException(
                ErrorReasons.InvalidStateTransition,
                $"Check-in is possible from {EarlyCheckIn.TotalMinutes} minutes before the start until the end of the reservation.",
                ("state", reservation.State));
        }

        return [new ReservationCheckedIn(reservation.Id, c.Now)];
    }

    private static IReadOnlyList<ReservationEvent> DecideCheckOut(CheckOut c, Reservation reservation)
    {
        RequireBookerOrganisation(c.Caller, reservation);
        if (reservation.State == ReservationState.Completed)
        {
            return [];
        }

        RequireState(reservation, ReservationState.CheckedIn);
        return [new ReservationCheckedOut(reservation.Id, c.Now)];
    }

    /// <summary>The booking organisation, and the owning organisation's managers, cancel a reservation.</summary>
    private static void RequireCanceller(Caller caller, Reservation reservation)
    {
        var ownerManager = caller.Organisation == reservation.EquipmentOwner
            && (caller.Has(Role.FacilityManager) || caller.Has(Role.Admin));
        if (!ownerManager)
        {
            RequireBookerOrganisation(caller, reservation);
        }
    }

    private static bool AwaitsApproval(Instrument instrument, string organisation) =>
        instrument.Rules.CrossOrganisationApproval && organisation != instrument.Custodian;

    private static void RequireBookerOrganisation(Caller caller, Reservation reservation)
    {
        caller.RequireAnyRole(BookingRoles);
        caller.RequireOrganisation(reservation.Organisation);
    }

    private static void RequireState(Reservation reservation, params ReservationState[] allowed)
    {
        if (!allowed.Contains(reservation.State))
        {
            throw new RuleViolationException(
                ErrorReasons.InvalidStateTransition,
                $"The reservation is {reservation.State}; this needs it to be {string.Join(" or ", allowed)}.",
                ("state", reservation.State));
        }
    }
}
