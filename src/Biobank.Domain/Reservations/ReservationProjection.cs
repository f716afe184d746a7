namespace Biobank.Domain.Reservations;

public sealed class ReservationProjection() : FoldProjection<Reservation>(
    typeof(ReservationBooked), typeof(ReservationApproved), typeof(ReservationRejected), typeof(ReservationCancelled),
    typeof(ReservationRescheduled), typeof(ReservationCheckedIn), typeof(ReservationCheckedOut), typeof(ReservationMarkedNoShow));
