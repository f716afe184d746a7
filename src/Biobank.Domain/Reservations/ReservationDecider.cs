using Biobank.Domain.Access;
using Biobank.Domain.Calendar;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;

namespace Biobank.Domain.Reservations;

/// <summary>Commands on a reservation and the rules that decide their events.</summary>
public static class ReservationDecider
{
    /// <summary>How long before its start a reservation may be checked in.</summary>
    public static readonly TimeSpan EarlyCheckIn = TimeSpan.FromMinutes(15);

    /// <summary>Roles that book instruments for their organisation.</summary>
    public static readonly string[] BookingRoles = [Role.Technician, Role.LabSystem, Role.FacilityManager, Role.Admin];

    public abstract record Command(Caller Caller, DateTimeOffset Now);

    /// <summary>Book <paramref name="Instrument"/>; the handler supplies the calendar entries the slot overlaps.</summary>
    public sealed record Book(
        Caller Caller, DateTimeOffset Now, string ReservationId, Instrument Instrument, Interval Interval, string Purpose,
        string Project, string? SeriesId, bool BookerQualified, IReadOnlyList<CalendarEntry> Conflicts) : Command(Caller, Now);

    public sealed record Reschedule(
        Caller Caller, DateTimeOffset Now, Instrument Instrument, Interval Interval, bool BookerQualified,
        IReadOnlyList<CalendarEntry> Conflicts) : Command(Caller, Now);

    public sealed record Cancel(Caller Caller, DateTimeOffset Now, string Reason) : Command(Caller, Now);

    public sealed record Approve(Caller Caller, DateTimeOffset Now) : Command(Caller, Now);

    public sealed record Reject(Caller Caller, DateTimeOffset Now, string Reason) : Command(Caller, Now);

    public sealed record CheckIn(Caller Caller, DateTimeOffset Now) : Command(Caller, Now);

    public sealed record CheckOut(Caller Caller, DateTimeOffset Now) : Command(Caller, Now);

    /// <summary>The no-show sweep, acting for the system once the grace period has passed.</summary>
    public sealed record MarkNoShow(Caller Caller, DateTimeOffset Now) : Command(Caller, Now);

    public static IReadOnlyList<object> Decide(Command command, Reservation? state)
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
            Approve c => DecideApproval(c, reservation, () => new ReservationApproved(reservation.Id, c.Now)),
            Reject c => DecideApproval(c, reservation, () => new ReservationRejected(reservation.Id, c.Reason, c.Now)),
            CheckIn c => DecideCheckIn(c, reservation),
            CheckOut c => DecideCheckOut(c, reservation),
            MarkNoShow c => reservation.State == ReservationState.Confirmed && c.Now >= reservation.Interval.Start + reservation.NoShowGrace
                ? [new ReservationMarkedNoShow(reservation.Id, c.Now)]
                : [],
            _ => throw new InvalidOperationException($"Unknown command {command.GetType().Name}."),
        };
    }

    private static IReadOnlyList<object> DecideBook(Book c)
    {
        c.Caller.RequireAnyRole(BookingRoles);
        BookingPolicy.Check(c.Instrument, c.Interval, c.Now, c.Caller.Subject, c.BookerQualified, c.Conflicts);
        return
        [
            new ReservationBooked(
                c.ReservationId, c.Instrument.Id, c.Instrument.OwnerOrganisation, c.Caller.Subject, c.Caller.Organisation,
                c.Interval, c.Instrument.Rules.Buffer, c.Instrument.Rules.NoShowGrace, c.Purpose, c.Project, c.SeriesId,
                AwaitsApproval(c.Instrument, c.Caller.Organisation), c.Now),
        ];
    }

    private static IReadOnlyList<object> DecideReschedule(Reschedule c, Reservation reservation)
    {
        RequireBookerOrganisation(c.Caller, reservation);
        RequireState(reservation, ReservationState.PendingApproval, ReservationState.Confirmed);
        if (c.Interval == reservation.Interval)
        {
            return [];
        }

        BookingPolicy.Check(c.Instrument, c.Interval, c.Now, c.Caller.Subject, c.BookerQualified, c.Conflicts);
        return [new ReservationRescheduled(reservation.Id, c.Interval, c.Instrument.Rules.Buffer, AwaitsApproval(c.Instrument, reservation.Organisation), c.Now)];
    }

    private static IReadOnlyList<object> DecideCancel(Cancel c, Reservation reservation)
    {
        var ownerManager = c.Caller.Organisation == reservation.EquipmentOwner
            && (c.Caller.Has(Role.FacilityManager) || c.Caller.Has(Role.Admin));
        if (!ownerManager)
        {
            RequireBookerOrganisation(c.Caller, reservation);
        }

        if (reservation.State == ReservationState.Cancelled)
        {
            return [];
        }

        RequireState(reservation, ReservationState.PendingApproval, ReservationState.Confirmed);
        return [new ReservationCancelled(reservation.Id, c.Reason, c.Now)];
    }

    private static IReadOnlyList<object> DecideApproval(Command c, Reservation reservation, Func<object> decision)
    {
        c.Caller.RequireAnyRole(Role.FacilityManager, Role.Admin);
        c.Caller.RequireOrganisation(reservation.EquipmentOwner);
        RequireState(reservation, ReservationState.PendingApproval);
        return [decision()];
    }

    private static IReadOnlyList<object> DecideCheckIn(CheckIn c, Reservation reservation)
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
                new Dictionary<string, string> { ["state"] = StateName(reservation.State) });
        }

        return [new ReservationCheckedIn(reservation.Id, c.Now)];
    }

    private static IReadOnlyList<object> DecideCheckOut(CheckOut c, Reservation reservation)
    {
        RequireBookerOrganisation(c.Caller, reservation);
        if (reservation.State == ReservationState.Completed)
        {
            return [];
        }

        RequireState(reservation, ReservationState.CheckedIn);
        return [new ReservationCheckedOut(reservation.Id, c.Now)];
    }

    private static bool AwaitsApproval(Instrument instrument, string organisation) =>
        instrument.Rules.CrossOrganisationApproval && organisation != instrument.OwnerOrganisation;

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
                $"The reservation is {StateName(reservation.State)}; this needs it to be {string.Join(" or ", allowed.Select(StateName))}.",
                new Dictionary<string, string> { ["state"] = StateName(reservation.State) });
        }
    }

    /// <summary>The state's name in the API (UPPER_SNAKE).</summary>
    public static string StateName(ReservationState state) => state switch
    {
        ReservationState.PendingApproval => "PENDING_APPROVAL",
        ReservationState.CheckedIn => "CHECKED_IN",
        ReservationState.NoShow => "NO_SHOW",
        _ => state.ToString().ToUpperInvariant(),
    };
}
