using Biobank.Domain.Access;
using Biobank.Domain.Reservations;
using Biobank.Server.Api;
using Biobank.Server.Equipment;
using Biobank.Server.Storage;
using Google.Protobuf.WellKnownTypes;
using V1 = Biobank.V1;

namespace Biobank.Server.Reservations;

public static class ReservationMapping
{
    /// <summary>
    /// Whether <paramref name="viewer"/> may see who booked, which reservation and why: the booking
    /// and owning organisations, and auditors. Everyone else sees only that the slot is busy.
    /// </summary>
    public static bool SeesBookingDetails(this Caller viewer, string bookingOrganisation, string ownerOrganisation) =>
        viewer.Organisation == bookingOrganisation || viewer.Organisation == ownerOrganisation || viewer.Has(Role.Auditor);

    /// <summary>
    /// The reservation as <paramref name="viewer"/> may see it: the booking and owning
    /// organisations see everything; others see the busy slot, not who booked it or why.
    /// </summary>
    public static V1.Reservation ToApi(this Reservation reservation, Caller viewer)
    {
        var involved = viewer.SeesBookingDetails(reservation.Organisation, reservation.EquipmentOwner);
        var api = new V1.Reservation
        {
            Name = reservation.Id,
            Equipment = reservation.EquipmentId,
            Interval = reservation.Interval.ToApi(),
            State = (V1.ReservationState)reservation.State,
            Organisation = ResourceNames.Organisation(reservation.Organisation),
            BookedBy = involved ? reservation.BookedBy : "",
            Purpose = involved ? reservation.Purpose : "",
            Project = involved ? reservation.Project : "",
            StateReason = involved ? reservation.StateReason : "",
            Series = involved ? reservation.SeriesId ?? "" : "",
            CreateTime = Timestamp.FromDateTimeOffset(reservation.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(reservation.UpdateTime),
            Etag = Etags.Format(reservation.Version),
        };
        if (reservation.CheckInTime is { } checkIn)
        {
            api.CheckInTime = Timestamp.FromDateTimeOffset(checkIn);
        }

        if (reservation.CheckOutTime is { } checkOut)
        {
            api.CheckOutTime = Timestamp.FromDateTimeOffset(checkOut);
        }

        return api;
    }
}
