using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;

namespace Biobank.Server.Tests.Reliability;

/// <summary>
/// A server process killed with SIGKILL after it committed a booking and before its reply reached the
/// client, or in the middle of a booking load: the clients retry on another server process on the
/// same database, and every booking is applied once.
/// </summary>
[Collection(nameof(OutsideAttacks))]
public sealed class ServerKilledTests
{
    private const int Bookers = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly Caller Manager = Catalogue.Person("marie.facility", "anses", Role.FacilityManager);
    private static readonly Caller Alice = Catalogue.Person("alice.tech", "anses", Role.Technician);

    [Fact]
    public async Task The_retry_of_a_booking_whose_server_died_before_replying_is_answered_by_another_server_from_the_request_log()
    {
        await using var nodes = await ServerNodes.StartAsync(2, nameof(ServerKilledTests));
        using var manager = nodes.ClientFor(1, Manager);
        var confocal = await manager.RegisterAsync("Zeiss LSM 980 confocal", EquipmentKind.ConfocalMicroscope, "sites/anses-maisons-alfort");
        var booking = Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 2), TimeSpan.FromHours(1));
        await using var relay = new TcpRelay(nodes[0].Address);
        using var alice = nodes.ClientFor(relay.Address, Alice, maxAttempts: 1);
        // The connection's settings are exchanged before the replies are held back.
        await alice.Directory.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        relay.HoldReplies();
        var lostCall = alice.Reservations.CreateReservationAsync(booking).ResponseAsync;
        Reservation? committed = null;
        await Eventually.TrueAsync(
            async () => (committed = (await ReservationsOfAsync(manager, confocal.Name)).SingleOrDefault()) is not null,
            Patience, "the first server to commit the booking");
        lostCall.IsCompleted.ShouldBeFalse();
        await nodes[0].KillAsync();
        await relay.CutAsync();

        var lost = await Should.ThrowAsync<RpcException>(lostCall);
        lost.StatusCode.ShouldBe(StatusCode.Unavailable);

        using var aliceAgain = nodes.ClientFor(1, Alice);
        var retried = await aliceAgain.Reservations.CreateReservationAsync(booking);

        retried.Name.ShouldBe(committed!.Name);
        retried.Etag.ShouldBe(committed.Etag);
        retried.CreateTime.ShouldBe(committed.CreateTime);
        var reservation = (await ReservationsOfAsync(manager, confocal.Name)).ShouldHaveSingleItem();
        reservation.ShouldBe(committed, "the retry changed the booking");
    }

    [Fact]
    public async Task Bookings_under_way_when_a_server_is_killed_under_load_are_applied_once_when_retried_on_another_server()
    {
        await using var nodes = await ServerNodes.StartAsync(2, nameof(ServerKilledTests));
        using var manager = nodes.ClientFor(1, Manager);
        var load = await BookingLoad.OnNewInstrumentsAsync(manager, count: 4);

        using (var stop = new CancellationTokenSource())
        {
            var running = load.RunAsync(Bookers, booker => nodes.ClientFor(0, BookingLoad.Booker(booker), maxAttempts: 1), stop.Token);
            try
            {
                await Eventually.TrueAsync(() => load.Acknowledged.Count >= 20, Patience, "bookings before the kill");
                await nodes[0].KillAsync();
            }
            finally
            {
                await stop.CancelAsync();
                await running;
            }
        }

        load.Failures.ShouldNotBeEmpty();
        load.FailuresAreRetryable.ShouldBeTrue(string.Join(", ", load.Failures.Select(failure => failure.Error.Status).Distinct()));
        var retried = await load.RetryFailuresAsync(booker => nodes.ClientFor(1, BookingLoad.Booker(booker)));
        await load.ShouldHoldEachOnceAsync(manager, retried);
    }

    private static async Task<IReadOnlyList<Reservation>> ReservationsOfAsync(BiobankClient manager, string equipment) =>
        (await manager.Reservations.ListReservationsAsync(new ListReservationsRequest { Equipment = equipment })).Reservations;
}
