using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;
using Npgsql;

namespace Biobank.Server.Tests.Reservations;

/// <summary>Many real clients racing for one instrument through one server (over two server processes: Reliability/RacingNodesTests).</summary>
public sealed class ConcurrencyTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    private const int Racers = 32;
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task Racing_clients_with_distinct_slots_all_succeed()
    {
        var confocal = await server.RegisterConfocalAsync(new BookingRules { MaxDuration = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(Hour) });
        var day = Catalogue.Ahead(days: 6, hour: 0);
        var clients = Enumerable.Range(0, Racers).Select(i => server.AnsesTechnician($"tech-{i}")).ToList();

        var results = await RaceAsync(clients, i => Catalogue.Booking(confocal.Name, day.AddMinutes(30 * i), TimeSpan.FromMinutes(30)));

        results.ShouldAllBe(r => r.Error == null);
        results.Select(r => r.Result!.Name).Distinct().Count().ShouldBe(Racers);
        (await BlockingReservationsAsync(confocal.Name)).ShouldBe(Racers);
        (await OverlapsInDatabaseAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Racing_bookings_under_one_chosen_reservation_id_leave_exactly_one_reservation_by_that_name()
    {
        var confocal = await server.RegisterConfocalAsync();
        var day = Catalogue.Ahead(days: 8, hour: 0);
        var id = $"lims-{Guid.NewGuid():N}";
        var clients = Enumerable.Range(0, Racers).Select(i => server.AnsesTechnician($"tech-{i}")).ToList();

        var results = await RaceAsync(clients, i =>
        {
            var booking = Catalogue.Booking(confocal.Name, day.AddMinutes(30 * i), TimeSpan.FromMinutes(30));
            booking.ReservationId = id;
            return booking;
        });

        results.Count(r => r.Error is null).ShouldBe(1);
        results.Where(r => r.Error is not null).ShouldAllBe(r => r.Error!.StatusCode == StatusCode.AlreadyExists);
        results.Single(r => r.Error is null).Result!.Name.ShouldBe($"reservations/{id}");
        (await BlockingReservationsAsync(confocal.Name)).ShouldBe(1);
    }

    [Fact]
    public async Task Racing_clients_for_overlapping_slots_leave_exactly_one_winner()
    {
        var confocal = await server.RegisterConfocalAsync();
        var start = Catalogue.Ahead(days: 7, hour: 10);
        var clients = Enumerable.Range(0, Racers).Select(i => i % 2 == 0 ? server.AnsesTechnician($"tech-{i}") : server.InsermTechnician($"tech-{i}")).ToList();

        // Every slot overlaps every other: they all contain 11:00-11:15.
        var results = await RaceAsync(clients, i => Catalogue.Booking(confocal.Name, start.AddMinutes(i % 4 * 15), Hour));

        results.Count(r => r.Error == null).ShouldBe(1);
        results.Where(r => r.Error != null).ShouldAllBe(r =>
            r.Error!.StatusCode == StatusCode.FailedPrecondition && r.Error.Reason() == "SLOT_UNAVAILABLE");
        (await BlockingReservationsAsync(confocal.Name)).ShouldBe(1);
        (await OverlapsInDatabaseAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Round_after_round_of_racers_for_one_slot_each_ends_at_once_in_one_winner()
    {
        // Racers that insert overlapping rows at the same moment used to wait on one another until
        // PostgreSQL broke the knot, one of them a second: a round could outlast the call deadline.
        var confocal = await server.RegisterConfocalAsync();

        for (var round = 0; round < 10; round++)
        {
            var start = Catalogue.Ahead(days: 20, hour: round);
            var results = await Race.RunAsync(
                Racers, i => server.AnsesTechnician($"round-tech-{i}"),
                client => client.Reservations.CreateReservationAsync(
                    Catalogue.Booking(confocal.Name, start, Hour), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

            results.Count(r => r.Error == null).ShouldBe(1, $"round {round}");
            results.Where(r => r.Error != null).ShouldAllBe(r => r.Error!.Reason() == "SLOT_UNAVAILABLE");
        }

        (await OverlapsInDatabaseAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Bookings_racing_a_maintenance_window_that_cancels_overlapping_ones_never_end_up_inside_it()
    {
        var confocal = await server.RegisterConfocalAsync();
        var day = Catalogue.Ahead(days: 9, hour: 6);
        var clients = Enumerable.Range(0, 16).Select(i => server.AnsesTechnician($"tech-{i}")).ToList();
        using var manager = server.AnsesManager();

        var bookings = RaceAsync(clients, i => Catalogue.Booking(confocal.Name, day.AddMinutes(45 * i), TimeSpan.FromMinutes(30)));
        var maintenance = manager.Equipment.ScheduleMaintenanceAsync(new ScheduleMaintenanceRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Name = confocal.Name,
            Interval = Catalogue.Slot(day, TimeSpan.FromHours(12)),
            Reason = "Emergency decontamination",
            CancelOverlappingReservations = true,
        }).ResponseAsync;
        await Task.WhenAll(bookings, maintenance);

        (await maintenance).OverlappingReservationsCancelled.ShouldBe((await maintenance).OverlappingReservations.Count > 0);
        (await ReservationsInsideMaintenanceAsync(confocal.Name)).ShouldBe(0);
    }

    private static Task<List<(Reservation? Result, RpcException? Error)>> RaceAsync(
        List<BiobankClient> clients, Func<int, CreateReservationRequest> booking) =>
        Race.RunAsync(clients.Count, i => clients[i], (client, i) => client.Reservations.CreateReservationAsync(booking(i)).ResponseAsync);

    private async Task<long> BlockingReservationsAsync(string equipment)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from biobank.equipment_calendar where equipment_id = $1 and kind = 'Reservation'", connection)
        {
            Parameters = { new NpgsqlParameter { Value = equipment } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> ReservationsInsideMaintenanceAsync(string equipment)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select count(*) from biobank.equipment_calendar r join biobank.equipment_calendar m
              on r.equipment_id = m.equipment_id and m.kind = 'Maintenance' and r.kind = 'Reservation' and r.slot && m.slot
            where r.equipment_id = $1
            """, connection)
        {
            Parameters = { new NpgsqlParameter { Value = equipment } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Pairs of blocking reservations of one instrument whose slots overlap, straight from the reservation documents.</summary>
    private async Task<long> OverlapsInDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            with blocking as (
                select data->>'EquipmentId' as equipment,
                       tstzrange((data->'Interval'->>'Start')::timestamptz, (data->'Interval'->>'End')::timestamptz, '[)') as slot,
                       id
                from biobank.mt_doc_reservation
                where data->>'State' in ('PendingApproval', 'Confirmed', 'CheckedIn'))
            select count(*) from blocking a join blocking b
              on a.equipment = b.equipment and a.id < b.id and a.slot && b.slot
            """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
