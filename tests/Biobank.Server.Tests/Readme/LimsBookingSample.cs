using System.Globalization;
using Biobank.Client;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Server.Tests.Readme;

/// <summary>
/// The README's LIMS booking sample, compiled and run by <see cref="LimsBookingSampleTests"/>. The
/// README shows the code between the region markers verbatim; a test keeps the two equal.
/// </summary>
public static class LimsBookingSample
{
    #region lims-booking
    public abstract record Booking
    {
        public sealed record Confirmed(Reservation Reservation) : Booking;
        public sealed record AwaitingApproval(Reservation Reservation) : Booking;
        public sealed record SlotTaken(DateTimeOffset From, DateTimeOffset? Until) : Booking;
    }

    public static async Task<Booking> BookAsync(
        BiobankClient client, string equipment, DateTimeOffset start, TimeSpan length,
        string purpose, string project, CancellationToken cancellationToken = default)
    {
        var request = new CreateReservationRequest
        {
            // One id per booking, kept across retries: the server books it at most once.
            RequestId = BiobankClient.NewRequestId(),
            Reservation = new Reservation
            {
                Equipment = equipment,
                Interval = new TimeInterval
                {
                    StartTime = Timestamp.FromDateTimeOffset(start),
                    EndTime = Timestamp.FromDateTimeOffset(start + length),
                },
                Purpose = purpose,
                Project = project,
            },
        };

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var reservation = await client.Reservations.CreateReservationAsync(
                    request, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
                return reservation.State == ReservationState.PendingApproval
                    ? new Booking.AwaitingApproval(reservation) // the owner's facility manager decides
                    : new Booking.Confirmed(reservation);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && attempt < 5)
            {
                // The booking may or may not have been made: retrying with the same request id is safe.
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
            catch (RpcException e) when (e.Reason() == "SLOT_UNAVAILABLE")
            {
                var conflict = e.ErrorInfo()!.Metadata;
                return new Booking.SlotTaken(
                    DateTimeOffset.Parse(conflict["conflict_start"], CultureInfo.InvariantCulture),
                    conflict["conflict_end"] == "infinity" ? null : DateTimeOffset.Parse(conflict["conflict_end"], CultureInfo.InvariantCulture));
            }
        }
    }
    #endregion

    /// <summary>How a LIMS calls <see cref="BookAsync"/> and tells its user what became of the booking.</summary>
    public static async Task<string> BookConfocalAsync(Uri server, string token, DateTimeOffset start)
    {
        #region lims-booking-usage
        using var biobank = new BiobankClient(server, token);
        var booking = await BookAsync(biobank, "equipment/anses-ma-lsm980", start, TimeSpan.FromHours(2),
            "Imaging of Listeria-infected organoids", "LISTERIA-ORG");
        return booking switch
        {
            Booking.Confirmed c => $"Booked: {c.Reservation.Name}",
            Booking.AwaitingApproval a => $"{a.Reservation.Name} awaits the approval of the instrument's owner",
            Booking.SlotTaken { Until: null } t => $"Out of service since {t.From:u}",
            Booking.SlotTaken t => $"Taken from {t.From:u} until {t.Until:u}",
            _ => throw new InvalidOperationException($"Unexpected booking {booking}"),
        };
        #endregion
    }
}
