namespace Biobank.Domain.Reservations;

/// <summary>The same names as <c>biobank.v1.ReservationState</c>.</summary>
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
}
