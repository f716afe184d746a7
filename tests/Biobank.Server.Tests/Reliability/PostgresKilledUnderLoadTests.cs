using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Biobank.Server.Tests.Reliability;

/// <summary>
/// The server's own PostgreSQL killed with SIGKILL while technicians book, and started again by the
/// server's supervision: what was acknowledged is kept, and what failed is applied once on retry.
/// </summary>
[Collection(nameof(OutsideAttacks))]
public sealed class PostgresKilledUnderLoadTests(ITestOutputHelper output) : IDisposable
{
    private const int BookerCount = 8;
    private const int Instruments = 4;
    private const int BookingsEitherSide = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ServerDataDirectory _data = new();

    [Fact]
    public async Task Bookings_acknowledged_around_a_kill_minus_9_of_PostgreSQL_are_kept_once_and_failed_ones_retried_are_applied_once()
    {
        await using var server = await ServerProcess.StartAsync(_data.Argument);
        using var manager = _data.ClientFor(server.Address, Catalogue.Person("marie.facility", "anses", Role.FacilityManager));
        var instruments = new List<string>();
        for (var i = 0; i < Instruments; i++)
        {
            instruments.Add((await manager.RegisterAsync($"Confocal {i}", EquipmentKind.ConfocalMicroscope, "sites/anses-maisons-alfort")).Name);
        }

        var load = new BookingLoad(instruments);
        await RunThroughKillAsync(load, Bookers(server, maxAttempts: 1));

        load.Failures.ShouldNotBeEmpty("the kill fell while nothing was being booked");
        load.Failures.ShouldAllBe(failure => failure.Error.StatusCode == StatusCode.Unavailable);
        var retryStart = DateTimeOffset.UtcNow;
        var retried = await RetryAsync(load.Failures, Bookers(server, maxAttempts: 4));

        var expected = load.Acknowledged.Select(booked => (booked.Request, booked.Reservation)).Concat(retried).ToList();
        var reservations = await ReservationsOfAsync(manager, instruments);
        reservations.Keys.Order(StringComparer.Ordinal).ShouldBe(expected.Select(e => e.Reservation.Name).Order(StringComparer.Ordinal));
        expected.ShouldAllBe(e => reservations[e.Reservation.Name].Interval.Equals(e.Request.Reservation.Interval));

        var replayed = retried.Count(r => r.Reservation.CreateTime.ToDateTimeOffset() < retryStart);
        output.WriteLine(
            $"{load.Acknowledged.Count} bookings acknowledged, {load.Failures.Count} failed and retried, " +
            $"{replayed} of those had been committed before their reply was lost and were answered from the request log.");
        (await server.TerminateAsync()).ShouldBe(0);
        _data.PostgresProcesses().ShouldBeEmpty();
    }

    public void Dispose() => _data.Dispose();

    /// <summary>Books until enough bookings are acknowledged, kills PostgreSQL, and books on until enough more are once it is back.</summary>
    private async Task RunThroughKillAsync(BookingLoad load, List<BiobankClient> bookers)
    {
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(bookers, stop.Token);
        try
        {
            await Eventually.TrueAsync(() => load.Acknowledged.Count >= BookingsEitherSide, Patience, "bookings before the kill");
            var killed = _data.Postmaster!.Value;
            await _data.KillPostmasterAsync();
            await Eventually.TrueAsync(() => _data.Postmaster is { } postmaster && postmaster.Id != killed.Id, Patience, "the server to start PostgreSQL again");
            var restarted = load.Acknowledged.Count;
            await Eventually.TrueAsync(() => load.Acknowledged.Count >= restarted + BookingsEitherSide, Patience, "bookings after the restart");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
            bookers.ForEach(booker => booker.Dispose());
        }
    }

    /// <summary>Retries every failed call once more, as its booker, with its request unchanged: the same request id.</summary>
    private static async Task<List<(CreateReservationRequest Request, Reservation Reservation)>> RetryAsync(
        IEnumerable<BookingLoad.Failed> failures, List<BiobankClient> bookers)
    {
        try
        {
            var retries = failures.GroupBy(failure => failure.Booker).Select(async calls =>
            {
                var answers = new List<(CreateReservationRequest, Reservation)>();
                foreach (var call in calls)
                {
                    answers.Add((call.Request, await bookers[call.Booker].Reservations.CreateReservationAsync(call.Request)));
                }

                return answers;
            });
            return (await Task.WhenAll(retries)).SelectMany(answers => answers).ToList();
        }
        finally
        {
            bookers.ForEach(booker => booker.Dispose());
        }
    }

    private List<BiobankClient> Bookers(ServerProcess server, int maxAttempts) =>
        Enumerable.Range(0, BookerCount)
            .Select(i => _data.ClientFor(server.Address, Catalogue.Person($"tech-{i}", "anses", Role.Technician), maxAttempts))
            .ToList();

    /// <summary>Every reservation of the instruments, by name, as the server lists them.</summary>
    private static async Task<Dictionary<string, Reservation>> ReservationsOfAsync(BiobankClient manager, IEnumerable<string> instruments)
    {
        var reservations = new List<Reservation>();
        foreach (var instrument in instruments)
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

        reservations.Select(r => r.Name).ShouldBeUnique();
        return reservations.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }
}
