using System.Globalization;
using System.Text.RegularExpressions;
using Biobank.Cli.CommandLine;
using Google.Protobuf.WellKnownTypes;

namespace Biobank.Cli.Values;

/// <summary>
/// Times as people type and read them at the bench, in the zone of the instrument or site they
/// concern: "2027-03-02 09:00", "tomorrow 14:00", "monday 9h30", "14:00" (today), "now",
/// "in 30 min", or an ISO 8601 time with its offset ("2027-03-02T08:00:00Z").
/// </summary>
public static partial class Times
{
    private const string Format = "yyyy-MM-dd HH:mm";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The instant <paramref name="text"/> names, read in <paramref name="zone"/>.</summary>
    public static DateTimeOffset Parse(string text, TimeZoneInfo zone, DateTimeOffset now)
    {
        var input = text.Trim().ToLowerInvariant();
        if (input == "")
        {
            throw new UsageException("An empty time was given.", "Give a time such as \"tomorrow 14:00\".");
        }

        if (input == "now")
        {
            return now;
        }

        if (Relative().Match(input) is { Success: true } relative)
        {
            return now + Durations.Parse(relative.Groups["duration"].Value);
        }

        if (WithOffset().IsMatch(input)
            && DateTimeOffset.TryParse(text.Trim(), Invariant, DateTimeStyles.AllowWhiteSpaces, out var exact))
        {
            return exact;
        }

        var local = ToZone(now, zone);
        if (LocalTime().Match(input) is not { Success: true } match
            || ReadDate(match.Groups["date"].Value, DateOnly.FromDateTime(local.DateTime)) is not { } date
            || ReadTimeOfDay(match.Groups["time"].Value) is not { } time)
        {
            throw new UsageException(
                $"'{text}' is not a time.",
                "Give a local time such as \"2027-03-02 09:00\", \"tomorrow 14:00\", \"friday 9h30\" or \"14:00\" (today),",
                $"\"now\", \"in 30 min\", or ISO 8601 with an offset (\"2027-03-02T08:00:00Z\"). Local times are in {zone.Id}.");
        }

        return FromLocal(date.ToDateTime(time), zone);
    }

    /// <summary>A day as "2027-03-02", "today", "tomorrow", "monday": its first instant in <paramref name="zone"/>.</summary>
    public static DateOnly ParseDay(string text, TimeZoneInfo zone, DateTimeOffset now) =>
        ReadDate(text.Trim().ToLowerInvariant(), DateOnly.FromDateTime(ToZone(now, zone).DateTime))
        ?? throw new UsageException($"'{text}' is not a day.", "Give a date such as 2027-03-02, today, tomorrow or a weekday (monday).");

    /// <summary>
    /// The instant a wall-clock time names in <paramref name="zone"/>. As the server expands series
    /// (RFC 5545): a time that a daylight-saving change skips is read with the offset before the gap
    /// (02:30 becomes 03:30), one that happens twice means the first of the two.
    /// </summary>
    public static DateTimeOffset FromLocal(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max()
            : zone.IsInvalidTime(local) ? zone.GetUtcOffset(local.AddHours(-6))
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    public static DateTimeOffset ToZone(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    /// <summary>"2027-03-02 09:00" in <paramref name="zone"/>.</summary>
    public static string Show(DateTimeOffset instant, TimeZoneInfo zone) => ToZone(instant, zone).ToString(Format, Invariant);

    public static string Show(Timestamp? instant, TimeZoneInfo zone) => instant is null ? "" : Show(instant.ToDateTimeOffset(), zone);

    /// <summary>"2027-03-02 09:00–11:00", or both dates in full when the interval spans midnight.</summary>
    public static string ShowInterval(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        var (from, to) = (ToZone(start, zone), ToZone(end, zone));
        return from.Date == to.Date || (to.TimeOfDay == TimeSpan.Zero && to.Date == from.Date.AddDays(1))
            ? $"{from.ToString(Format, Invariant)}–{(to.TimeOfDay == TimeSpan.Zero && to.Date != from.Date ? "24:00" : to.ToString("HH:mm", Invariant))}"
            : $"{from.ToString(Format, Invariant)} – {to.ToString(Format, Invariant)}";
    }

    public static string ShowInterval(V1.TimeInterval? interval, TimeZoneInfo zone) =>
        interval is null ? "" : ShowInterval(interval.StartTime.ToDateTimeOffset(), interval.EndTime.ToDateTimeOffset(), zone);

    /// <summary>A time the server sent in error metadata (ISO 8601, or "infinity"), shown in <paramref name="zone"/>.</summary>
    public static string ShowWireTime(string value, TimeZoneInfo zone) =>
        DateTimeOffset.TryParse(value, Invariant, DateTimeStyles.RoundtripKind, out var instant) ? Show(instant, zone)
        : value == "infinity" ? "further notice"
        : value;

    private static DateOnly? ReadDate(string date, DateOnly today)
    {
        if (date is "" or "today")
        {
            return today;
        }

        if (date == "tomorrow")
        {
            return today.AddDays(1);
        }

        if (date == "yesterday")
        {
            return today.AddDays(-1);
        }

        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var exact))
        {
            return exact;
        }

        // A weekday is the next one to come, today included.
        var weekday = System.Enum.GetValues<DayOfWeek>().Where(d => d.ToString().ToLowerInvariant() is { } name && name.StartsWith(date, StringComparison.Ordinal) && date.Length >= 3).ToList();
        return weekday.Count == 1 ? today.AddDays(((int)weekday[0] - (int)today.DayOfWeek + 7) % 7) : null;
    }

    private static TimeOnly? ReadTimeOfDay(string time)
    {
        if (time == "")
        {
            return TimeOnly.MinValue;
        }

        var parts = time.Replace('h', ':').TrimEnd(':').Split(':');
        return parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, Invariant, out var hours) && hours is >= 0 and < 24
            && (parts.Length == 1 || (int.TryParse(parts[1], NumberStyles.None, Invariant, out var m) && m is >= 0 and < 60 && parts[1].Length == 2))
            ? new TimeOnly(hours, parts.Length == 2 ? int.Parse(parts[1], Invariant) : 0)
            : null;
    }

    [GeneratedRegex(@"^(in\s+|\+)(?<duration>.+)$")]
    private static partial Regex Relative();

    [GeneratedRegex(@"\d[t ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(z|[+-]\d{2}(:?\d{2})?)$")]
    private static partial Regex WithOffset();

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2}|[a-z]+)?(?:[t ]+)?(?<time>\d{1,2}(?::\d{2}|h\d{2}|h)?)?$")]
    private static partial Regex LocalTime();
}
