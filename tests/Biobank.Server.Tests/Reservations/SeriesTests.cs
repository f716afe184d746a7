using System.Globalization;
using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Server.Tests.Reservations;

/// <summary>Recurring bookings of the Anses confocal at Maisons-Alfort, whose site keeps Paris time.</summary>
public sealed class SeriesTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task A_weekly_series_keeps_its_local_start_across_the_daylight_saving_change()
    {
        var confocal = await server.RegisterConfocalAsync(new BookingRules { BookingHorizon = Duration.FromTimeSpan(TimeSpan.FromDays(730)) });
        using var alice = server.AnsesTechnician();
        var change = NextDaylightSavingChange();
        var firstDay = change.AddDays(-12);

        var response = await alice.Reservations.CreateReservationSeriesAsync(
            Series(confocal.Name, NineAm(firstDay), count: 4, SeriesConflictMode.AllOrNothing));

        var offsetBefore = Paris.GetUtcOffset(NineAm(change.AddDays(-1)));
        var offsetAfter = Paris.GetUtcOffset(NineAm(change));
        offsetAfter.ShouldNotBe(offsetBefore);
        var starts = response.Reservations.Select(r => r.Interval.StartTime.ToDateTimeOffset()).ToList();
        starts.Select(s => s.TimeOfDay).ShouldBe([
            TimeSpan.FromHours(9) - offsetBefore, TimeSpan.FromHours(9) - offsetBefore,
            TimeSpan.FromHours(9) - offsetAfter, TimeSpan.FromHours(9) - offsetAfter]);
        (starts[2] - starts[1]).ShouldBe(TimeSpan.FromDays(7) - (offsetAfter - offsetBefore));
        response.Reservations.Select(r => Local(r.Interval.StartTime)).ShouldBe(
            Enumerable.Range(0, 4).Select(week => firstDay.AddDays(7 * week).ToDateTime(new TimeOnly(9, 0))));
        response.Reservations.ShouldAllBe(r => Local(r.Interval.EndTime).TimeOfDay == TimeSpan.FromHours(11));
        response.Series.ShouldStartWith("reservationSeries/");
        response.Skipped.ShouldBeEmpty();
        foreach (var reservation in response.Reservations)
        {
            var stored = await alice.Reservations.GetReservationAsync(new GetReservationRequest { Name = reservation.Name });
            stored.Series.ShouldBe(response.Series);
            stored.State.ShouldBe(ReservationState.Confirmed);
            stored.Interval.ShouldBe(reservation.Interval);
        }
    }

    [Fact]
    public async Task All_or_nothing_fails_on_the_occurrence_that_conflicts_and_books_none()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        using var bob = server.InsermTechnician();
        var firstDay = LocalToday().AddDays(3);
        var taken = await bob.Reservations.CreateReservationAsync(
            Catalogue.Booking(confocal.Name, NineAm(firstDay.AddDays(14)).AddHours(1), TwoHours));

        var error = await Should.ThrowAsync<RpcException>(alice.Reservations.CreateReservationSeriesAsync(
            Series(confocal.Name, NineAm(firstDay), count: 4, SeriesConflictMode.AllOrNothing)).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        error.Reason().ShouldBe("SLOT_UNAVAILABLE");
        Instant(error.ErrorInfo()!.Metadata["occurrence_start"]).ShouldBe(NineAm(firstDay.AddDays(14)));
        Instant(error.ErrorInfo()!.Metadata["conflict_start"]).ShouldBe(taken.Interval.StartTime.ToDateTimeOffset());
        (await ReservationsOfAsync(alice, confocal.Name)).Select(r => r.Name).ShouldBe([taken.Name]);
    }

    [Fact]
    public async Task Skip_conflicts_books_the_other_occurrences_and_says_which_were_skipped_and_why()
    {
        var confocal = await server.RegisterConfocalAsync(new BookingRules { BookingHorizon = Duration.FromTimeSpan(TimeSpan.FromDays(20)) });
        using var alice = server.AnsesTechnician();
        using var bob = server.InsermTechnician();
        var firstDay = LocalToday().AddDays(3);
        var taken = await bob.Reservations.CreateReservationAsync(
            Catalogue.Booking(confocal.Name, NineAm(firstDay.AddDays(7)).AddHours(1), TwoHours));

        var response = await alice.Reservations.CreateReservationSeriesAsync(
            Series(confocal.Name, NineAm(firstDay), count: 4, SeriesConflictMode.SkipConflicts));

        response.Reservations.Select(r => r.Interval.StartTime.ToDateTimeOffset())
            .ShouldBe([NineAm(firstDay), NineAm(firstDay.AddDays(14))]);
        response.Reservations.ShouldAllBe(r => r.Series == response.Series && r.State == ReservationState.Confirmed);
        response.Skipped.Select(s => (s.Interval.StartTime.ToDateTimeOffset(), s.Reason)).ShouldBe([
            (NineAm(firstDay.AddDays(7)), "SLOT_UNAVAILABLE"),
            (NineAm(firstDay.AddDays(21)), "OUTSIDE_BOOKING_HORIZON")]);
        response.Skipped[0].Description.ShouldContain(taken.Interval.StartTime.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture));
        response.Skipped.ShouldAllBe(s => s.Interval.EndTime.ToDateTimeOffset() - s.Interval.StartTime.ToDateTimeOffset() == TwoHours);
        (await ReservationsOfAsync(alice, confocal.Name)).Select(r => r.Name).Order()
            .ShouldBe(response.Reservations.Select(r => r.Name).Append(taken.Name).Order());
    }

    [Fact]
    public async Task Permission_failures_are_never_skipped()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var auditor = server.ClientFor("claire.audit", "anses", Role.Auditor);
        using var alice = server.AnsesTechnician();

        var error = await Should.ThrowAsync<RpcException>(auditor.Reservations.CreateReservationSeriesAsync(
            Series(confocal.Name, NineAm(LocalToday().AddDays(3)), count: 3, SeriesConflictMode.SkipConflicts)).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        (await ReservationsOfAsync(alice, confocal.Name)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Cancelling_a_series_from_an_occurrence_cancels_it_and_the_later_ones()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        var series = await alice.Reservations.CreateReservationSeriesAsync(
            Series(confocal.Name, NineAm(LocalToday().AddDays(3)), count: 4, SeriesConflictMode.AllOrNothing));
        var occurrences = series.Reservations.Select(r => r.Name).ToList();

        var fromThird = await alice.Reservations.CancelReservationSeriesAsync(new CancelReservationSeriesRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Series = series.Series,
            FromReservation = occurrences[2],
            Reason = "Project ends early",
        });
        var theRest = await alice.Reservations.CancelReservationSeriesAsync(new CancelReservationSeriesRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Series = series.Series,
            Reason = "Microscope moved to another lab",
        });

        fromThird.Cancelled.Select(r => r.Name).ShouldBe(occurrences[2..]);
        fromThird.Cancelled.ShouldAllBe(r => r.State == ReservationState.Cancelled && r.StateReason == "Project ends early");
        theRest.Cancelled.Select(r => r.Name).ShouldBe(occurrences[..2]);
        (await ReservationsOfAsync(alice, confocal.Name)).ShouldAllBe(r => r.State == ReservationState.Cancelled);
        var freed = await alice.Reservations.CreateReservationAsync(
            Catalogue.Booking(confocal.Name, series.Reservations[3].Interval.StartTime.ToDateTimeOffset(), TwoHours));
        freed.State.ShouldBe(ReservationState.Confirmed);
    }

    [Fact]
    public async Task Cancelling_an_unknown_series_a_stranger_occurrence_or_another_organisation_s_series_is_refused()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        using var bob = server.InsermTechnician();
        var series = await alice.Reservations.CreateReservationSeriesAsync(
            Series(confocal.Name, NineAm(LocalToday().AddDays(3)), count: 2, SeriesConflictMode.AllOrNothing));
        var single = await alice.Reservations.CreateReservationAsync(
            Catalogue.Booking(confocal.Name, NineAm(LocalToday().AddDays(4)), TwoHours));
        CancelReservationSeriesRequest Cancel(string name, string from = "") =>
            new() { RequestId = BiobankClient.NewRequestId(), Series = name, FromReservation = from, Reason = "No longer needed" };

        var unknown = await Should.ThrowAsync<RpcException>(alice.Reservations.CancelReservationSeriesAsync(
            Cancel($"reservationSeries/{Guid.CreateVersion7()}")).ResponseAsync);
        var stranger = await Should.ThrowAsync<RpcException>(alice.Reservations.CancelReservationSeriesAsync(
            Cancel(series.Series, from: single.Name)).ResponseAsync);
        var otherOrganisation = await Should.ThrowAsync<RpcException>(bob.Reservations.CancelReservationSeriesAsync(
            Cancel(series.Series)).ResponseAsync);

        unknown.StatusCode.ShouldBe(StatusCode.NotFound);
        stranger.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        stranger.FieldViolations().Single().Field.ShouldBe("from_reservation");
        otherOrganisation.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        (await ReservationsOfAsync(alice, confocal.Name)).ShouldAllBe(r => r.State == ReservationState.Confirmed);
    }

    [Fact]
    public async Task A_retried_series_request_returns_the_same_series_and_books_nothing_more()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        var request = Series(confocal.Name, NineAm(LocalToday().AddDays(3)), count: 3, SeriesConflictMode.AllOrNothing);

        var first = await alice.Reservations.CreateReservationSeriesAsync(request);
        var retry = await alice.Reservations.CreateReservationSeriesAsync(request);

        retry.ShouldBe(first);
        (await ReservationsOfAsync(alice, confocal.Name)).Select(r => r.Name).ShouldBe(first.Reservations.Select(r => r.Name));
    }

    [Fact]
    public async Task A_malformed_series_request_names_every_bad_field()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        var start = NineAm(LocalToday().AddDays(3));
        var noFrequencyTooManyNoMode = Series(confocal.Name, start, count: 367, SeriesConflictMode.Unspecified, RecurrenceFrequency.Unspecified);
        noFrequencyTooManyNoMode.FirstOccurrence.Purpose = "";
        var countAndUntil = Series(confocal.Name, start, count: 3, SeriesConflictMode.SkipConflicts);
        countAndUntil.Recurrence.UntilTime = Timestamp.FromDateTimeOffset(start.AddDays(30));
        var untilBeforeStart = Series(confocal.Name, start, count: 0, SeriesConflictMode.SkipConflicts);
        untilBeforeStart.Recurrence.UntilTime = Timestamp.FromDateTimeOffset(start.AddDays(-1));
        var neither = Series(confocal.Name, start, count: 0, SeriesConflictMode.SkipConflicts);
        var overlapping = Series(confocal.Name, start, count: 3, SeriesConflictMode.SkipConflicts, RecurrenceFrequency.Daily);
        overlapping.FirstOccurrence.Interval = Catalogue.Slot(start, TimeSpan.FromHours(30));

        async Task<IEnumerable<string>> BadFieldsAsync(CreateReservationSeriesRequest request)
        {
            var error = await Should.ThrowAsync<RpcException>(alice.Reservations.CreateReservationSeriesAsync(request).ResponseAsync);
            error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
            return error.FieldViolations().Select(v => v.Field).Order();
        }

        (await BadFieldsAsync(noFrequencyTooManyNoMode)).ShouldBe(
            ["conflict_mode", "first_occurrence.purpose", "recurrence.count", "recurrence.frequency"]);
        (await BadFieldsAsync(countAndUntil)).ShouldBe(["recurrence.until_time"]);
        (await BadFieldsAsync(untilBeforeStart)).ShouldBe(["recurrence.until_time"]);
        (await BadFieldsAsync(neither)).ShouldBe(["recurrence.count"]);
        (await BadFieldsAsync(overlapping)).ShouldBe(["recurrence.interval"]);
        (await ReservationsOfAsync(alice, confocal.Name)).ShouldBeEmpty();
    }

    private static CreateReservationSeriesRequest Series(
        string equipment, DateTimeOffset start, int count, SeriesConflictMode mode, RecurrenceFrequency frequency = RecurrenceFrequency.Weekly) => new()
    {
        RequestId = BiobankClient.NewRequestId(),
        FirstOccurrence = Catalogue.Booking(equipment, start, TwoHours, "Weekly imaging of infected organoids").Reservation,
        Recurrence = new Recurrence { Frequency = frequency, Count = count },
        ConflictMode = mode,
    };

    private static async Task<IReadOnlyList<Reservation>> ReservationsOfAsync(BiobankClient client, string equipment) =>
        (await client.Reservations.ListReservationsAsync(new ListReservationsRequest { Equipment = equipment })).Reservations;

    private static DateOnly LocalToday() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);

    /// <summary>09:00 in Paris on <paramref name="day"/>, as an instant.</summary>
    private static DateTimeOffset NineAm(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(9, 0)), Paris), TimeSpan.Zero);

    private static DateTime Local(Timestamp instant) => TimeZoneInfo.ConvertTime(instant.ToDateTimeOffset(), Paris).DateTime;

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The first day at least two weeks ahead on which Paris changes its UTC offset (2027-03-28 as of late 2026).</summary>
    private static DateOnly NextDaylightSavingChange()
    {
        var day = LocalToday().AddDays(14);
        while (Paris.GetUtcOffset(NineAm(day)) == Paris.GetUtcOffset(NineAm(day.AddDays(-1))))
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
