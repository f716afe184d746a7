using Biobank.Domain.Failures;

namespace Biobank.Domain.Reservations;

/// <summary>The same names as <c>biobank.v1.RecurrenceFrequency</c>.</summary>
public enum RecurrenceFrequency
{
    Unspecified = 0,
    Daily = 1,
    Weekly = 2,
}

/// <summary>
/// How a reservation series repeats its first occurrence: every <see cref="Interval"/> days or
/// weeks, <see cref="Count"/> times or until <see cref="Until"/>. Occurrences are laid out on the
/// wall clock of the instrument's site, so a 09:00 booking stays at 09:00 local time when the
/// site's UTC offset changes for daylight saving.
/// </summary>
/// <remarks>
/// Local times a daylight-saving change makes special are resolved as iCalendar does (RFC 5545,
/// 3.3.5): a time that does not exist (skipped when clocks go forward) is read with the offset in
/// force before the gap, so 02:30 becomes 03:30; a time that happens twice (when clocks go back)
/// means its first occurrence, the one still on daylight time. Every occurrence lasts exactly as
/// long as the first (RFC 5545, 3.8.5.3, for a first occurrence given by its start and end): the
/// instrument's duration rules then judge all occurrences alike, and only an occurrence that itself
/// spans a change ends at another wall-clock time than the first.
/// </remarks>
public sealed record Recurrence(RecurrenceFrequency Frequency, int Interval, int? Count, DateTimeOffset? Until)
{
    /// <summary>Most occurrences one series may have: a year of daily bookings.</summary>
    public const int MaxOccurrences = 366;

    /// <summary>Longest step between occurrences, in days or weeks.</summary>
    public const int MaxInterval = 366;

    /// <summary>
    /// The occurrences of a well-formed recurrence in time order, the first one included, laid out in
    /// <paramref name="zone"/>. Fails with INVALID_ARGUMENT, naming the request's
    /// <paramref name="fields"/>, when <see cref="Until"/> allows more than <see cref="MaxOccurrences"/>,
    /// or when an occurrence would overlap the next one, counting the <paramref name="buffer"/> the
    /// instrument keeps after each reservation: the instrument's calendar could never hold both.
    /// </summary>
    public IReadOnlyList<Domain.Interval> Occurrences(Domain.Interval first, TimeZoneInfo zone, TimeSpan buffer, Fields fields)
    {
        var wallClockStart = TimeZoneInfo.ConvertTime(first.Start, zone).DateTime;
        var days = Frequency == RecurrenceFrequency.Weekly ? 7 * Interval : Interval;
        var occurrences = new List<Domain.Interval>();
        for (var index = 0; Count is not { } count || index < count; index++)
        {
            var start = index == 0 ? first.Start : AtWallClock(wallClockStart.AddDays((double)index * days), zone);
            if (Until is { } until && start > until)
            {
                break;
            }

            if (occurrences.Count == MaxOccurrences)
            {
                throw new InvalidRequestException(fields.Until, $"allows more than {MaxOccurrences} occurrences");
            }

            var occurrence = new Domain.Interval(start, start + first.Duration);
            if (occurrences.Count > 0 && occurrences[^1].End + buffer > occurrence.Start)
            {
                throw new InvalidRequestException(
                    fields.Interval,
                    $"occurrences starting {Text(occurrences[^1].Start)} and {Text(occurrence.Start)} would overlap"
                    + (buffer > TimeSpan.Zero ? $" with the instrument's buffer of {buffer}" : ""));
            }

            occurrences.Add(occurrence);
        }

        return occurrences;
    }

    /// <summary>The request fields a recurrence was read from, to name in its failures.</summary>
    public sealed record Fields(string Until, string Interval);

    /// <summary>The instant a wall-clock time of <paramref name="zone"/> denotes, resolved as RFC 5545 does (see the remarks).</summary>
    public static DateTimeOffset AtWallClock(DateTime wallClock, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // No real zone changes its offset twice within a day, so a day earlier is before the gap.
            var beforeGap = zone.GetUtcOffset(new DateTimeOffset(local, TimeSpan.Zero).AddDays(-1));
            return new DateTimeOffset(local, beforeGap).ToUniversalTime();
        }

        if (zone.IsAmbiguousTime(local))
        {
            // The larger offset comes first: daylight time, before the clocks go back.
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max()).ToUniversalTime();
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static string Text(DateTimeOffset instant) => instant.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
