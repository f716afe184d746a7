using System.Collections.Concurrent;
using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;

namespace Biobank.Server.Tests.Reliability;

/// <summary>
/// Bookers taking quarter-hours of some instruments back to back, each quarter-hour asked for once.
/// Every call is tried once, so a failure is what the client saw; it is kept with its request and its
/// booker, to be retried with the same request id once the server can answer again.
/// </summary>
public sealed class BookingLoad(IReadOnlyList<string> instruments)
{
    private static readonly TimeSpan QuarterHour = TimeSpan.FromMinutes(15);

    private readonly DateTimeOffset _firstSlot = Catalogue.Ahead(days: 1, hour: 0);
    private readonly ConcurrentQueue<Booked> _acknowledged = new();
    private readonly ConcurrentQueue<Failed> _failed = new();
    private int _slots;

    public sealed record Booked(int Booker, CreateReservationRequest Request, Reservation Reservation);

    public sealed record Failed(int Booker, CreateReservationRequest Request, RpcException Error);

    /// <summary>The bookings the server acknowledged.</summary>
    public IReadOnlyCollection<Booked> Acknowledged => _acknowledged;

    /// <summary>The calls that ended in an error, the request of each as it was sent.</summary>
    public IReadOnlyCollection<Failed> Failures => _failed;

    /// <summary>Books with every booker, each one call at a time, until <paramref name="stop"/>; calls under way are completed.</summary>
    public Task RunAsync(IReadOnlyList<BiobankClient> bookers, CancellationToken stop) =>
        Task.WhenAll(bookers.Select((client, booker) => BookAsync(booker, client, stop)));

    private async Task BookAsync(int booker, BiobankClient client, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var slot = Interlocked.Increment(ref _slots) - 1;
            var request = Catalogue.Booking(
                instruments[slot % instruments.Count], _firstSlot + QuarterHour * (slot / instruments.Count), QuarterHour);
            try
            {
                var reservation = await client.Reservations.CreateReservationAsync(
                    request, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: CancellationToken.None);
                _acknowledged.Enqueue(new Booked(booker, request, reservation));
            }
            catch (RpcException e)
            {
                _failed.Enqueue(new Failed(booker, request, e));

                // While the database is down every call fails at once: a pause keeps the retries few.
                await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
            }
        }
    }
}
