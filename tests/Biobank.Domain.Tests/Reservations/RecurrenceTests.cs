using Biobank.Domain.Failures;
using Biobank.Domain.Reservations;

namespace Biobank.Domain.Tests.Reservations;

/// <summary>
/// Expanding series in Europe/Paris, whose clocks go forward at 02:00 on 2027-03-28 (CET +01:00 to
/// CEST +02:00) and back at 03:00 on 2027-10-31.
/// </summary>
public sealed class RecurrenceTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static Recurrence Weekly(int count, int interval = 1) => new(RecurrenceFrequency.Weekly, interval, count, null);

    private static Recurrence Daily(int count) => new(RecurrenceFrequency.Daily, 1, count, null);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2027, month, day, hour, minute, 0, TimeSpan.Zero);

    private static readonly Recurrence.Fields Fields = new("recurrence.until_time", "recurrence.interval");

    private static Interval Slot(DateTimeOffset start, double hours) => new(start, start.AddHours(hours));

    private static TimeSpan WallClock(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Paris).TimeOfDay;

    [Fact]
    public void A_weekly_nine_o_clock_series_keeps_nine_o_clock_local_across_both_changes_of_the_year()
    {
        var spring = Weekly(count: 3).Occurrences(Slot(Utc(3, 23, 8), 2), Paris, TimeSpan.Zero, Fields);
        var autumn = Weekly(count: 3).Occurrences(Slot(Utc(10, 24, 7), 2), Paris, TimeSpan.Zero, Fields);

        spring.Select(o => o.Start).ShouldBe([Utc(3, 23, 8), Utc(3, 30, 7), Utc(4, 6, 7)]);
        autumn.Select(o => o.Start).ShouldBe([Utc(10, 24, 7), Utc(10, 31, 8), Utc(11, 7, 8)]);
        spring.Concat(autumn).ShouldAllBe(o => WallClock(o.Start) == TimeSpan.FromHours(9) && WallClock(o.End) == TimeSpan.FromHours(11));
    }

    [Fact]
    public void A_start_the_clocks_skip_is_read_with_the_offset_before_the_gap()
    {
        var occurrences = Daily(count: 3).Occurrences(Slot(Utc(3, 27, 1, 30), 1), Paris, TimeSpan.Zero, Fields);

        // 02:30 does not exist on 28 March: it is 01:30Z, which Paris shows as 03:30.
        occurrences.Select(o => o.Start).ShouldBe([Utc(3, 27, 1, 30), Utc(3, 28, 1, 30), Utc(3, 29, 0, 30)]);
        occurrences.Select(o => WallClock(o.Start)).ShouldBe([new TimeSpan(2, 30, 0), new TimeSpan(3, 30, 0), new TimeSpan(2, 30, 0)]);
    }

    [Fact]
    public void A_start_the_clocks_repeat_means_its_first_occurrence_on_daylight_time()
    {
        var occurrences = Daily(count: 3).Occurrences(Slot(Utc(10, 30, 0, 30), 1), Paris, TimeSpan.Zero, Fields);

        occurrences.Select(o => o.Start).ShouldBe([Utc(10, 30, 0, 30), Utc(10, 31, 0, 30), Utc(11, 1, 1, 30)]);
        occurrences.ShouldAllBe(o => WallClock(o.Start) == new TimeSpan(2, 30, 0));
    }

    [Fact]
    public void Every_occurrence_lasts_as_long_as_the_first_even_one_spanning_the_change()
    {
        // 01:00 to 04:00 on the night the clocks go forward: three hours, ending at 05:00 local.
        var occurrences = Daily(count: 2).Occurrences(Slot(Utc(3, 27, 0), 3), Paris, TimeSpan.Zero, Fields);

        occurrences[1].ShouldBe(Slot(Utc(3, 28, 0), 3));
        WallClock(occurrences[1].End).ShouldBe(TimeSpan.FromHours(5));
    }

    [Fact]
    public void Until_time_is_the_last_moment_an_occurrence_may_start()
    {
        var first = Slot(Utc(3, 1, 8), 2);

        var fortnightly = new Recurrence(RecurrenceFrequency.Weekly, 2, null, Utc(3, 29, 8)).Occurrences(first, Paris, TimeSpan.Zero, Fields);
        var untilTheThirdStart = new Recurrence(RecurrenceFrequency.Daily, 1, null, Utc(3, 3, 8)).Occurrences(first, Paris, TimeSpan.Zero, Fields);

        // 29 March at 09:00 is 07:00Z, before until_time: a 09:00 occurrence that day is in.
        fortnightly.Select(o => o.Start).ShouldBe([Utc(3, 1, 8), Utc(3, 15, 8), Utc(3, 29, 7)]);
        untilTheThirdStart.Count.ShouldBe(3);
    }

    [Fact]
    public void An_until_time_allowing_more_than_366_occurrences_is_refused()
    {
        var first = Slot(Utc(1, 4, 8), 1);
        var year = new Recurrence(RecurrenceFrequency.Daily, 1, null, first.Start.AddDays(365));
        var longer = new Recurrence(RecurrenceFrequency.Daily, 1, null, first.Start.AddDays(366));

        year.Occurrences(first, Paris, TimeSpan.Zero, Fields).Count.ShouldBe(366);
        var failure = Should.Throw<InvalidRequestException>(() => longer.Occurrences(first, Paris, TimeSpan.Zero, Fields));
        failure.Violations.Single().Field.ShouldBe("recurrence.until_time");
    }

    [Fact]
    public void Occurrences_that_would_overlap_the_next_are_refused_counting_the_short_day_and_the_buffer()
    {
        // 23.5 hours from 09:00 fit between two daily starts, except across the 23-hour day of 28 March.
        var beforeTheChange = Daily(count: 3).Occurrences(Slot(Utc(3, 20, 8), 23.5), Paris, TimeSpan.Zero, Fields);
        var acrossTheChange = Should.Throw<InvalidRequestException>(
            () => Daily(count: 3).Occurrences(Slot(Utc(3, 27, 8), 23.5), Paris, TimeSpan.Zero, Fields));
        var withTheBuffer = Should.Throw<InvalidRequestException>(
            () => Daily(count: 3).Occurrences(Slot(Utc(3, 20, 8), 20), Paris, TimeSpan.FromHours(5), Fields));

        beforeTheChange.Count.ShouldBe(3);
        acrossTheChange.Violations.Single().Field.ShouldBe("recurrence.interval");
        withTheBuffer.Violations.Single().Description.ShouldContain("buffer");
    }
}
