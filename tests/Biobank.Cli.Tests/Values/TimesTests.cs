using Biobank.Cli.CommandLine;
using Biobank.Cli.Values;

namespace Biobank.Cli.Tests.Values;

public sealed class TimesTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    // A Tuesday, 10:20 in Paris (UTC+1 in winter).
    private static readonly DateTimeOffset Now = new(2027, 3, 2, 9, 20, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2027-03-02 09:00", "2027-03-02T08:00:00+00:00")]
    [InlineData("2027-03-02T09:00", "2027-03-02T08:00:00+00:00")]
    [InlineData("tomorrow 14:00", "2027-03-03T13:00:00+00:00")]
    [InlineData("Tomorrow 9h30", "2027-03-03T08:30:00+00:00")]
    [InlineData("14:00", "2027-03-02T13:00:00+00:00")]
    [InlineData("friday 9", "2027-03-05T08:00:00+00:00")]
    [InlineData("tue 08:00", "2027-03-02T07:00:00+00:00")]
    [InlineData("2027-03-10", "2027-03-09T23:00:00+00:00")]
    [InlineData("now", "2027-03-02T09:20:00+00:00")]
    [InlineData("in 30 min", "2027-03-02T09:50:00+00:00")]
    [InlineData("2027-03-02T09:00:00Z", "2027-03-02T09:00:00+00:00")]
    [InlineData("2027-03-02T09:00+02:00", "2027-03-02T07:00:00+00:00")]
    public void Times_are_read_as_typed_at_the_bench_in_the_instruments_zone(string typed, string instant) =>
        Times.Parse(typed, Paris, Now).ShouldBe(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Summer_time_is_the_zones_not_the_machines()
    {
        Times.Parse("2027-07-01 09:00", Paris, Now).ShouldBe(new DateTimeOffset(2027, 7, 1, 7, 0, 0, TimeSpan.Zero));
        Times.Show(new DateTimeOffset(2027, 7, 1, 7, 0, 0, TimeSpan.Zero), Paris).ShouldBe("2027-07-01 09:00");
    }

    [Fact]
    public void A_time_the_clocks_skip_is_read_after_the_gap_and_one_they_repeat_as_the_first_as_the_server_expands_series()
    {
        // Paris springs forward at 02:00 on 2027-03-28 and falls back at 03:00 on 2027-10-31.
        Times.Parse("2027-03-28 02:30", Paris, Now).ShouldBe(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero));
        Times.Parse("2027-10-31 02:30", Paris, Now).ShouldBe(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("next tuesday-ish")]
    [InlineData("25:00")]
    [InlineData("2027-13-01 09:00")]
    [InlineData("")]
    public void Anything_else_is_a_usage_error_that_shows_what_is_accepted(string typed) =>
        Should.Throw<UsageException>(() => Times.Parse(typed, Paris, Now)).ExitCode.ShouldBe(ExitCodes.Usage);

    [Theory]
    [InlineData("2h", 120)]
    [InlineData("90m", 90)]
    [InlineData("1h30", 90)]
    [InlineData("1h 30min", 90)]
    [InlineData("45 minutes", 45)]
    [InlineData("01:30", 90)]
    [InlineData("PT2H", 120)]
    [InlineData("2d", 2880)]
    public void Lengths_are_read_as_people_write_them(string typed, int minutes) =>
        Durations.Parse(typed).ShouldBe(TimeSpan.FromMinutes(minutes));

    [Fact]
    public void Intervals_show_the_date_once_when_they_stay_within_a_day()
    {
        var start = new DateTimeOffset(2027, 3, 2, 8, 0, 0, TimeSpan.Zero);

        Times.ShowInterval(start, start.AddHours(2), Paris).ShouldBe("2027-03-02 09:00–11:00");
        Times.ShowInterval(start, start.AddDays(1), Paris).ShouldBe("2027-03-02 09:00 – 2027-03-03 09:00");
    }
}
