using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Server.Tests.Reservations;

public sealed class BookingTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    [Fact]
    public async Task A_technician_books_an_instrument_of_their_own_organisation_and_it_is_confirmed()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        var start = Catalogue.Ahead(days: 2);

        var reservation = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start, TwoHours));

        reservation.Name.ShouldStartWith("reservations/");
        reservation.State.ShouldBe(ReservationState.Confirmed);
        reservation.BookedBy.ShouldBe("alice.tech");
        reservation.Organisation.ShouldBe("organisations/anses");
        reservation.Interval.StartTime.ToDateTimeOffset().ShouldBe(start);
        reservation.Etag.ShouldBe("1");
        (await alice.Reservations.GetReservationAsync(new GetReservationRequest { Name = reservation.Name })).ShouldBe(reservation);
    }

    [Fact]
    public async Task An_overlapping_booking_fails_with_the_conflicting_interval()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        using var bob = server.InsermTechnician();
        var start = Catalogue.Ahead(days: 3);
        await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start, TwoHours));

        var error = await Should.ThrowAsync<RpcException>(
            bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start.AddHours(1), TwoHours)).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        error.Reason().ShouldBe("SLOT_UNAVAILABLE");
        var metadata = error.ErrorInfo()!.Metadata;
        DateTimeOffset.Parse(metadata["conflict_start"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(start);
        DateTimeOffset.Parse(metadata["conflict_end"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(start + TwoHours);
    }

    [Fact]
    public async Task Back_to_back_bookings_are_fine_but_the_buffer_keeps_its_distance()
    {
        var rules = new BookingRules { Buffer = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)) };
        var confocal = await server.RegisterConfocalAsync(rules);
        var plain = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        var start = Catalogue.Ahead(days: 4);
        await alice.Reservations.CreateReservationAsync(Catalogue.Booking(plain.Name, start, TwoHours));
        await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start, TwoHours));

        var backToBack = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(plain.Name, start + TwoHours, TwoHours));
        var inBuffer = await Should.ThrowAsync<RpcException>(
            alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start + TwoHours, TwoHours)).ResponseAsync);
        var afterBuffer = await alice.Reservations.CreateReservationAsync(
            Catalogue.Booking(confocal.Name, start + TwoHours + TimeSpan.FromMinutes(30), TwoHours));

        backToBack.State.ShouldBe(ReservationState.Confirmed);
        inBuffer.Reason().ShouldBe("SLOT_UNAVAILABLE");
        afterBuffer.State.ShouldBe(ReservationState.Confirmed);
    }

    [Fact]
    public async Task A_booking_keeps_its_own_buffer_clear_of_the_next_reservation_after_the_buffer_grows()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var manager = server.AnsesManager();
        using var alice = server.AnsesTechnician();
        var start = Catalogue.Ahead(days: 4);
        var later = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start + TwoHours, TwoHours));
        await manager.Equipment.UpdateBookingRulesAsync(new UpdateBookingRulesRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Name = confocal.Name,
            BookingRules = new BookingRules { Buffer = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)) },
        });

        var bufferRunsIntoIt = await Should.ThrowAsync<RpcException>(
            alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start, TwoHours)).ResponseAsync);
        var bufferEndsAtIt = await alice.Reservations.CreateReservationAsync(
            Catalogue.Booking(confocal.Name, start, TwoHours - TimeSpan.FromMinutes(30)));

        bufferRunsIntoIt.Reason().ShouldBe("SLOT_UNAVAILABLE");
        bufferRunsIntoIt.ErrorInfo()!.Metadata["conflict_kind"].ShouldBe("RESERVATION");
        DateTimeOffset.Parse(bufferRunsIntoIt.ErrorInfo()!.Metadata["conflict_start"], System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(later.Interval.StartTime.ToDateTimeOffset());
        bufferEndsAtIt.State.ShouldBe(ReservationState.Confirmed);
    }

    [Theory]
    [InlineData(10, "DURATION_OUT_OF_RANGE")]
    [InlineData(60 * 9, "DURATION_OUT_OF_RANGE")]
    public async Task Durations_outside_the_rules_are_refused(int minutes, string reason)
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();

        var error = await Should.ThrowAsync<RpcException>(alice.Reservations.CreateReservationAsync(
            Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 5), TimeSpan.FromMinutes(minutes))).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        error.Reason().ShouldBe(reason);
        error.ErrorInfo()!.Metadata["max_duration"].ShouldBe("28800");
    }

    [Fact]
    public async Task Notice_and_horizon_are_enforced()
    {
        var rules = new BookingRules
        {
            MinimumNotice = Duration.FromTimeSpan(TimeSpan.FromDays(1)),
            BookingHorizon = Duration.FromTimeSpan(TimeSpan.FromDays(14)),
        };
        var confocal = await server.RegisterConfocalAsync(rules);
        using var alice = server.AnsesTechnician();

        var tooSoon = await Should.ThrowAsync<RpcException>(alice.Reservations.CreateReservationAsync(
            Catalogue.Booking(confocal.Name, DateTimeOffset.UtcNow.AddHours(2), TwoHours)).ResponseAsync);
        var tooFar = await Should.ThrowAsync<RpcException>(alice.Reservations.CreateReservationAsync(
            Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 20), TwoHours)).ResponseAsync);
        var past = await Should.ThrowAsync<RpcException>(alice.Reservations.CreateReservationAsync(
            Catalogue.Booking(confocal.Name, DateTimeOffset.UtcNow.AddDays(-1), TwoHours)).ResponseAsync);

        tooSoon.Reason().ShouldBe("INSUFFICIENT_NOTICE");
        tooFar.Reason().ShouldBe("OUTSIDE_BOOKING_HORIZON");
        past.Reason().ShouldBe("INSUFFICIENT_NOTICE");
    }

    [Fact]
    public async Task Malformed_bookings_name_every_bad_field()
    {
        using var alice = server.AnsesTechnician();
        var start = Catalogue.Ahead(days: 2);

        var error = await Should.ThrowAsync<RpcException>(alice.Reservations.CreateReservationAsync(new CreateReservationRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Reservation = new Reservation
            {
                Equipment = "confocal-1",
                Interval = new TimeInterval { StartTime = Timestamp.FromDateTimeOffset(start), EndTime = Timestamp.FromDateTimeOffset(start.AddHours(-1)) },
            },
        }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal).ShouldBe(
            ["reservation.equipment", "reservation.interval.end_time", "reservation.purpose"]);
    }

    [Fact]
    public async Task A_missing_or_malformed_request_id_is_an_invalid_argument()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        var booking = Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 2, hour: 14), TwoHours);
        booking.RequestId = "not-a-uuid";

        var error = await Should.ThrowAsync<RpcException>(alice.Reservations.CreateReservationAsync(booking).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.FieldViolations().Single().Field.ShouldBe("request_id");
    }

    [Fact]
    public async Task Booking_an_unknown_instrument_is_not_found()
    {
        using var alice = server.AnsesTechnician();

        var error = await Should.ThrowAsync<RpcException>(alice.Reservations.CreateReservationAsync(
            Catalogue.Booking("equipment/no-such-thing", Catalogue.Ahead(days: 2), TwoHours)).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.NotFound);
        error.ErrorInfo()!.Metadata["name"].ShouldBe("equipment/no-such-thing");
    }

    [Fact]
    public async Task Auditors_cannot_book()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var auditor = server.ClientFor("claire.audit", "anses", "auditor");

        var error = await Should.ThrowAsync<RpcException>(auditor.Reservations.CreateReservationAsync(
            Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 2), TwoHours)).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        error.Reason().ShouldBe("ROLE_REQUIRED");
    }

    [Fact]
    public async Task Out_of_range_timestamps_and_durations_are_invalid_arguments_not_faults()
    {
        using var alice = server.AnsesTechnician();
        using var manager = server.AnsesManager();
        var booking = Catalogue.Booking("equipment/any", Catalogue.Ahead(days: 2), TwoHours);
        booking.Reservation.Interval.StartTime.Nanos = -1;
        booking.Reservation.Interval.EndTime.Seconds = 400_000_000_000;

        var badTimes = await Should.ThrowAsync<RpcException>(alice.Reservations.CreateReservationAsync(booking).ResponseAsync);
        var badDuration = await Should.ThrowAsync<RpcException>(manager.Equipment.RegisterEquipmentAsync(new RegisterEquipmentRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Equipment = new Biobank.V1.Equipment
            {
                DisplayName = "Cytometer", Kind = EquipmentKind.FlowCytometer, Site = "sites/anses-lyon",
                BookingRules = new BookingRules { Buffer = new Duration { Seconds = 60, Nanos = -1 } },
            },
        }).ResponseAsync);

        badTimes.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        badTimes.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal).ShouldBe(
            ["reservation.interval.end_time", "reservation.interval.start_time"]);
        badDuration.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        badDuration.FieldViolations().Single().Field.ShouldBe("equipment.booking_rules.buffer");
    }

    [Fact]
    public async Task A_forged_page_token_is_an_invalid_argument_not_a_fault()
    {
        using var alice = server.AnsesTechnician();
        var forged = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            """{"List":"reservations","Filter":"|||||","LastKey":"not-a-key"}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var error = await Should.ThrowAsync<RpcException>(
            alice.Reservations.ListReservationsAsync(new ListReservationsRequest { PageToken = forged }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Reason().ShouldBe("INVALID_PAGE_TOKEN");
    }
}
