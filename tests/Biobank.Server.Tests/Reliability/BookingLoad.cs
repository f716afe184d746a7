using System.Collections.Concurrent;
using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;

namespace Biobank.Server.Tests.Reliability;

/// <summary>
/// Bookers taking quarter-hours of some instruments back to back, each quarter-hour asked for once.
/// Every call is tried once, so a failure is what the client saw; it is kept with its request and its
/// booker, to be retried with the same request id once a server can answer again.
/// </summary>
public sealed class BookingLoad
{
    private static readonly TimeSpan QuarterHour = TimeSpan.FromMinutes(15);

    private readonly IReadOnlyList<string> _instruments;
    private readonly DateTimeOffset _firstSlot = Catalogue.Ahead(days: 1, hour: 0);
    private readonly ConcurrentQueue<Booked> _acknowledged = new();
    private readonly ConcurrentQueue<Failed> _failed = new();
    private int _slots;

    private BookingLoad(IReadOnlyList<string> instruments) => _instruments = instruments;

    public sealed record Booked(int Booker, CreateReservationRequest Request, Reservation Reservation);

    public sealed record Failed(int Booker, CreateReservationRequest Request, RpcException Error);

    /// <summary>The bookings the server acknowledged.</summary>
    public IReadOnlyCollection<Booked> Acknowledged => _acknowledged;

    /// <summary>The calls that ended in an error, the request of each as it was sent.</summary>
    public IReadOnlyCollection<Failed> Failures => _failed;

    /// <summary>
    /// Whether every failure is one the contract tells the caller to retry with the same request id:
    /// the database or the server could not be reached, or the call ran past its deadline.
    /// </summary>
    public bool FailuresAreRetryable => _failed.All(failure => failure.Error.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded);

    /// <summary>Who booker number <paramref name="booker"/> is: a technician of the instruments' organisation.</summary>
    public static Caller Booker(int booker) => Catalogue.Person($"tech-{booker}", "anses", Role.Technician);

    /// <summary>A load on <paramref name="count"/> instruments the manager (of Anses) registers for it.</summary>
    public static async Task<BookingLoad> OnNewInstrumentsAsync(BiobankClient manager, int count)
    {
        var instruments = new List<string>();
        for (var i = 0; i < count; i++)
        {
            instruments.Add((await manager.RegisterAsync($"Confocal {i}", EquipmentKind.ConfocalMicroscope, "sites/anses-maisons-alfort")).Name);
        }

        return new BookingLoad(instruments);
    }

    /// <summary>
    /// Books as <paramref name="bookers"/> bookers at once, each one call at a time with a client of
    /// its own, until <paramref name="stop"/>; calls under way are completed.
    /// </summary>
    public Task RunAsync(int bookers, Func<int, BiobankClient> clientOf, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, bookers).Select(booker => BookAsync(booker, clientOf, stop)));

    /// <summary>Retries every failed call once more, as its booker, with its request unchanged: the same request id.</summary>
    public async Task<List<(CreateReservationRequest Request, Reservation Reservation)>> RetryFailuresAsync(Func<int, BiobankClient> clientOf)
    {
        var retries = _failed.GroupBy(failure => failure.Booker).Select(async calls =>
        {
            using var client = clientOf(calls.Key);
            var answers = new List<(CreateReservationRequest, Reservation)>();
            foreach (var call in calls)
            {
                answers.Add((call.Request, await client.Reservations.CreateReservationAsync(call.Request)));
            }

            return answers;
        });
        return (await Task.WhenAll(retries)).SelectMany(answers => answers).ToList();
    }

    /// <summary>
    /// The instruments hold the acknowledged bookings and the <paramref name="retried"/> ones, each once
    /// and in the slot it asked for, and nothing else.
    /// </summary>
    public async Task ShouldHoldEachOnceAsync(BiobankClient manager, IEnumerable<(CreateReservationRequest Request, Reservation Reservation)> retried)
    {
        var expected = _acknowledged.Select(booked => (booked.Request, booked.Reservation)).Concat(retried).ToList();
        var reservations = new List<Reservation>();
        foreach (var instrument in _instruments)
        {
            var page = new ListReservationsResponse();
            do
            {
                page = await manager.Reservations.ListReservationsAsync(
                    new ListReservationsRequest { Equipment = instrument, PageSize = 1000, PageToken = page.NextPageToken });
                reservations.AddRange(page.Reservations);
            }
            while (page.NextPageToken != "");
        }

        reservations.Select(r => r.Name).Order(StringComparer.Ordinal)
            .ShouldBe(expected.Select(e => e.Reservation.Name).Order(StringComparer.Ordinal));
        var byName = reservations.ToDictionary(r => r.Name, StringComparer.Ordinal);
        expected.ShouldAllBe(e => byName[e.Reservation.Name].Interval.Equals(e.Request.Reservation.Interval));
    }

    private async Task BookAsync(int booker, Func<int, BiobankClient> clientOf, CancellationToken stop)
    {
        using var client = clientOf(booker);
        while (!stop.IsCancellationRequested)
        {
            var slot = Interlocked.Increment(ref _slots) - 1;
            var request = Catalogue.Booking(
                _instruments[slot % _instruments.Count], _firstSlot + QuarterHour * (slot / _instruments.Count), QuarterHour);
            try
            {
                var reservation = await client.Reservations.CreateReservationAsync(
                    request, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: CancellationToken.None);
                _acknowledged.Enqueue(new Booked(booker, request, reservation));
            }
            catch (RpcException e)
            {
                _failed.Enqueue(new Failed(booker, request, e));

                // While the database or the server is down every call fails at once: a pause keeps the retries few.
                await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
            }
        }
    }
}
