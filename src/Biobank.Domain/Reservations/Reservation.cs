using Biobank.Domain.Calendar;

namespace Biobank.Domain.Reservations;

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
    long Version) : IEventFold<Reservation>
{
    /// <summary>When a confirmed reservation nobody checked in becomes a no-show.</summary>
    public DateTimeOffset NoShowDue => Interval.Start + NoShowGrace;

    public static Reservation? Evolve(Reservation? state, object change) => (state, change) switch
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

    private Reservation Next(DateTimeOffset at) => this with { UpdateTime = at, Version = Version + 1 };
}
