using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Server.Tests.Reservations;

public sealed class AvailabilityTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);
    private static readonly BookingRules HalfHourBuffer = new() { Buffer = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)) };

    [Fact]
    public async Task Busy_time_says_what_blocks_it_and_free_time_is_the_rest_of_the_window()
    {
        var confocal = await server.RegisterConfocalAsync(HalfHourBuffer);
        using var alice = server.AnsesTechnician();
        using var marie = server.AnsesManager();
        var day = Day(2);
        var reservation = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, day.AddHours(9), TwoHours));
        await marie.Equipment.ScheduleMaintenanceAsync(new ScheduleMaintenanceRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Name = confocal.Name,
            Interval = Catalogue.Slot(day.AddHours(13), TimeSpan.FromHours(1)),
            Reason = "Laser alignment",
        });
        server.Clock.Advance(day.AddHours(15) - server.Clock.GetUtcNow());
        var outOfServiceFrom = server.Clock.GetUtcNow();
        await marie.Equipment.SetEquipmentStatusAsync(new SetEquipmentStatusRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Name = confocal.Name,
            Status = EquipmentStatus.OutOfService,
            Reason = "Stage motor failure",
        });
        var outOfServiceBy = server.Clock.GetUtcNow();
        var window = Catalogue.Slot(day.AddHours(8), TimeSpan.FromHours(10));

        var availability = await alice.Reservations.GetAvailabilityAsync(new GetAvailabilityRequest { Equipment = confocal.Name, Window = window });

        availability.Equipment.ShouldBe(confocal.Name);
        availability.Window.ShouldBe(window);
        var busy = availability.Busy;
        busy.Select(b => b.Kind).ShouldBe([BusyKind.Reservation, BusyKind.Buffer, BusyKind.Maintenance, BusyKind.OutOfService]);
        busy[0].ShouldBe(new BusyInterval
        {
            Interval = Catalogue.Slot(day.AddHours(9), TwoHours),
            Kind = BusyKind.Reservation,
            Reservation = reservation.Name,
            Organisation = "organisations/anses",
        });
        busy[1].ShouldBe(new BusyInterval { Interval = Catalogue.Slot(day.AddHours(11), TimeSpan.FromMinutes(30)), Kind = BusyKind.Buffer });
        busy[2].ShouldBe(new BusyInterval { Interval = Catalogue.Slot(day.AddHours(13), TimeSpan.FromHours(1)), Kind = BusyKind.Maintenance });
        var outOfService = busy[3].Interval;
        outOfService.StartTime.ToDateTimeOffset().ShouldBeInRange(outOfServiceFrom, outOfServiceBy);
        outOfService.EndTime.ShouldBe(window.EndTime, "out of service until further notice: to the end of the window");
        availability.Free.ShouldBe(
        [
            Catalogue.Slot(day.AddHours(8), TimeSpan.FromHours(1)),
            Catalogue.Slot(day.AddHours(11.5), TimeSpan.FromHours(1.5)),
            new TimeInterval { StartTime = Timestamp.FromDateTimeOffset(day.AddHours(14)), EndTime = outOfService.StartTime },
        ]);
    }

    [Fact]
    public async Task Another_organisation_sees_who_holds_a_slot_but_not_which_reservation()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        using var bob = server.InsermTechnician();
        var day = Day(3);
        var ansesBooking = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, day.AddHours(9), TwoHours));
        var insermBooking = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, day.AddHours(14), TwoHours));
        var request = new GetAvailabilityRequest { Equipment = confocal.Name, Window = Catalogue.Slot(day, TimeSpan.FromDays(1)) };

        var seenByInserm = await bob.Reservations.GetAvailabilityAsync(request);
        var seenByOwner = await alice.Reservations.GetAvailabilityAsync(request);

        seenByInserm.Busy.Select(b => (b.Kind, b.Organisation, b.Reservation)).ShouldBe(
        [
            (BusyKind.Reservation, "organisations/anses", ""),
            (BusyKind.Reservation, "organisations/inserm", insermBooking.Name),
        ]);
        seenByOwner.Busy.Select(b => (b.Kind, b.Organisation, b.Reservation)).ShouldBe(
        [
            (BusyKind.Reservation, "organisations/anses", ansesBooking.Name),
            (BusyKind.Reservation, "organisations/inserm", insermBooking.Name),
        ]);
        seenByInserm.Busy.Select(b => b.Interval).ShouldBe(seenByOwner.Busy.Select(b => b.Interval));
    }

    [Fact]
    public async Task Busy_time_is_clipped_to_the_window_and_back_to_back_bookings_leave_no_free_gap()
    {
        var confocal = await server.RegisterConfocalAsync(HalfHourBuffer);
        using var alice = server.AnsesTechnician();
        var day = Day(4);
        await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, day.AddHours(9), TwoHours));
        await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, day.AddHours(11.5), TwoHours));

        var availability = await alice.Reservations.GetAvailabilityAsync(new GetAvailabilityRequest
        {
            Equipment = confocal.Name,
            Window = Catalogue.Slot(day.AddHours(10), TimeSpan.FromHours(4)),
        });

        availability.Busy.Select(b => (b.Kind, b.Interval)).ShouldBe(
        [
            (BusyKind.Reservation, Catalogue.Slot(day.AddHours(10), TimeSpan.FromHours(1))),
            (BusyKind.Buffer, Catalogue.Slot(day.AddHours(11), TimeSpan.FromMinutes(30))),
            (BusyKind.Reservation, Catalogue.Slot(day.AddHours(11.5), TwoHours)),
            (BusyKind.Buffer, Catalogue.Slot(day.AddHours(13.5), TimeSpan.FromMinutes(30))),
        ]);
        availability.Free.ShouldBeEmpty();
    }

    [Fact]
    public async Task Checking_out_early_frees_the_rest_of_the_slot_after_the_buffer()
    {
        var confocal = await server.RegisterConfocalAsync(HalfHourBuffer);
        using var alice = server.AnsesTechnician();
        var day = Day(5);
        var reservation = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, day.AddHours(9), TwoHours));
        server.Clock.Advance(day.AddHours(9) - server.Clock.GetUtcNow());
        await alice.Reservations.CheckInReservationAsync(new CheckInReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = reservation.Name });
        server.Clock.Advance(TimeSpan.FromHours(1));
        var checkedOut = await alice.Reservations.CheckOutReservationAsync(new CheckOutReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = reservation.Name });
        // The calendar keeps PostgreSQL's microseconds.
        var end = checkedOut.CheckOutTime.ToDateTimeOffset();
        end = end.AddTicks(-(end.Ticks % TimeSpan.TicksPerMicrosecond));

        var availability = await alice.Reservations.GetAvailabilityAsync(new GetAvailabilityRequest
        {
            Equipment = confocal.Name,
            Window = Catalogue.Slot(day.AddHours(8), TimeSpan.FromHours(6)),
        });

        availability.Busy.Select(b => (b.Kind, b.Interval.StartTime.ToDateTimeOffset(), b.Interval.EndTime.ToDateTimeOffset())).ShouldBe(
        [
            (BusyKind.Reservation, day.AddHours(9), end),
            (BusyKind.Buffer, end, end.AddMinutes(30)),
        ]);
        availability.Free.Last().StartTime.ToDateTimeOffset().ShouldBe(end.AddMinutes(30));
    }

    [Fact]
    public async Task A_window_must_be_given_end_after_its_start_and_span_at_most_92_days()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var bob = server.InsermTechnician();
        var day = Day(1);

        var missing = await AvailabilityErrorAsync(bob, new GetAvailabilityRequest { Equipment = confocal.Name });
        var backwards = await AvailabilityErrorAsync(bob, new GetAvailabilityRequest
        {
            Equipment = confocal.Name,
            Window = new TimeInterval { StartTime = Timestamp.FromDateTimeOffset(day), EndTime = Timestamp.FromDateTimeOffset(day.AddHours(-1)) },
        });
        var tooLong = await AvailabilityErrorAsync(bob, new GetAvailabilityRequest { Equipment = confocal.Name, Window = Catalogue.Slot(day, TimeSpan.FromDays(93)) });
        var badName = await AvailabilityErrorAsync(bob, new GetAvailabilityRequest { Equipment = "microscope-7", Window = Catalogue.Slot(day, TimeSpan.FromDays(92)) });

        foreach (var error in new[] { missing, backwards, tooLong, badName })
        {
            error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
            error.Reason().ShouldBe("INVALID_FIELDS");
        }

        missing.FieldViolations().Select(v => v.Field).ShouldBe(["window"]);
        backwards.FieldViolations().Select(v => v.Field).ShouldBe(["window.end_time"]);
        tooLong.FieldViolations().Select(v => v.Field).ShouldBe(["window"]);
        badName.FieldViolations().Select(v => v.Field).ShouldBe(["equipment"]);
    }

    [Fact]
    public async Task An_unknown_instrument_is_not_found()
    {
        using var bob = server.InsermTechnician();

        var error = await AvailabilityErrorAsync(bob, new GetAvailabilityRequest
        {
            Equipment = "equipment/never-registered",
            Window = Catalogue.Slot(Day(1), TimeSpan.FromDays(1)),
        });

        error.StatusCode.ShouldBe(StatusCode.NotFound);
        error.ErrorInfo()!.Metadata["name"].ShouldBe("equipment/never-registered");
    }

    /// <summary>Midnight UTC <paramref name="days"/> after the server's today; other tests move its clock.</summary>
    private DateTimeOffset Day(int days) => new DateTimeOffset(server.Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(days);

    private static Task<RpcException> AvailabilityErrorAsync(BiobankClient client, GetAvailabilityRequest request) =>
        Should.ThrowAsync<RpcException>(client.Reservations.GetAvailabilityAsync(request).ResponseAsync);
}
