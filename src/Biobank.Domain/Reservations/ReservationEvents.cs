using Biobank.Domain.Calendar;

namespace Biobank.Domain.Reservations;

// Events of a reservation's stream ("reservations/{id}"). The buffer is the instrument's at the
// time of booking: the slot a reservation blocks is [start, end + buffer).

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
    DateTimeOffset At);

public sealed record ReservationApproved(string ReservationId, DateTimeOffset At);

public sealed record ReservationRejected(string ReservationId, string Reason, DateTimeOffset At);

public sealed record ReservationCancelled(string ReservationId, string Reason, DateTimeOffset At);

/// <summary>Moved to a new interval; a booking that needs the owner's approval waits for it again.</summary>
public sealed record ReservationRescheduled(string ReservationId, Interval Interval, TimeSpan Buffer, bool AwaitsApproval, DateTimeOffset At);

public sealed record ReservationCheckedIn(string ReservationId, DateTimeOffset At);

/// <summary>Checked out at <paramref name="At"/>; before the end, the rest of the slot is freed.</summary>
public sealed record ReservationCheckedOut(string ReservationId, DateTimeOffset At);

public sealed record ReservationMarkedNoShow(string ReservationId, DateTimeOffset At);
