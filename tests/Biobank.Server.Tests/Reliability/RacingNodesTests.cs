using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;

namespace Biobank.Server.Tests.Reliability;

/// <summary>Racers for one slot of one instrument, half of them on each of two server processes sharing the database.</summary>
[Collection(nameof(OutsideAttacks))]
public sealed class RacingNodesTests
{
    private const int Racers = 32;
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task Of_32_racers_for_one_slot_split_over_two_server_processes_one_books_and_the_calendar_shows_one()
    {
        await using var nodes = await ServerNodes.StartAsync(2, nameof(RacingNodesTests));
        using var manager = nodes.ClientFor(0, Catalogue.Person("marie.facility", "anses", Role.FacilityManager));
        var confocal = await manager.RegisterAsync("Zeiss LSM 980 confocal", EquipmentKind.ConfocalMicroscope, "sites/anses-maisons-alfort");
        var start = Catalogue.Ahead(days: 3, hour: 10);

        var results = await Race.RunAsync(
            Racers,
            i => nodes.ClientFor(i % 2, Catalogue.Person($"tech-{i}", i % 4 < 2 ? "anses" : "inserm", Role.Technician)),
            client => client.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start, Hour)).ResponseAsync);

        var winner = results.Where(r => r.Error is null).ShouldHaveSingleItem().Result!;
        results.Where(r => r.Error is not null).ShouldAllBe(r => LostTo(r.Error!, winner));
        for (var node = 0; node < 2; node++)
        {
            using var client = nodes.ClientFor(node, Catalogue.Person("marie.facility", "anses", Role.FacilityManager));
            var calendar = await client.Reservations.GetAvailabilityAsync(new GetAvailabilityRequest
            {
                Equipment = confocal.Name,
                Window = Catalogue.Slot(start.AddHours(-10), TimeSpan.FromDays(1)),
            });
            var busy = calendar.Busy.ShouldHaveSingleItem($"node {node}");
            busy.Kind.ShouldBe(BusyKind.Reservation);
            busy.Reservation.ShouldBe(winner.Name);
            busy.Interval.ShouldBe(winner.Interval);
        }
    }

    /// <summary>
    /// A racer that lost learns why: the slot is taken by the winner's reservation, or, if a
    /// concurrent change kept winning, that it may retry.
    /// </summary>
    private static bool LostTo(RpcException error, Reservation winner) =>
        (error.StatusCode, error.Reason()) switch
        {
            (StatusCode.FailedPrecondition, "SLOT_UNAVAILABLE") =>
                error.ErrorInfo()!.Metadata["conflict_kind"] == "RESERVATION"
                && DateTimeOffset.Parse(error.ErrorInfo()!.Metadata["conflict_start"], System.Globalization.CultureInfo.InvariantCulture)
                    == winner.Interval.StartTime.ToDateTimeOffset(),
            (StatusCode.Aborted, "CONCURRENT_MODIFICATION") => true,
            _ => false,
        };
}
