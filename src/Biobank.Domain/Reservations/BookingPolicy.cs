using System.Globalization;
using Biobank.Domain.Calendar;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;

namespace Biobank.Domain.Reservations;

/// <summary>
/// What a booking of an instrument must satisfy: the instrument in service, the rules' duration,
/// notice and horizon, the booker's qualification, and a free slot. Shared by booking, rescheduling
/// and series.
/// </summary>
public static class BookingPolicy
{
    /// <summary>Fails with the first broken rule, as FAILED_PRECONDITION with its reason.</summary>
    public static void Check(
        Instrument instrument, Interval interval, DateTimeOffset now, string booker, bool bookerQualified, IReadOnlyList<CalendarEntry> conflicts)
    {
        if (instrument.Status != EquipmentStatus.InService)
        {
            throw Broken(ErrorReasons.EquipmentUnavailable, $"The instrument is {instrument.Status}.", ("status", instrument.Status.ToString()));
        }

        var rules = instrument.Rules;
        if (interval.Duration < rules.MinDuration || interval.Duration > rules.MaxDuration)
        {
            throw Broken(
                ErrorReasons.DurationOutOfRange,
                $"Reservations of this instrument last from {rules.MinDuration} to {rules.MaxDuration}.",
                ("min_duration", Seconds(rules.MinDuration)), ("max_duration", Seconds(rules.MaxDuration)));
        }

        var earliest = now + rules.MinimumNotice;
        if (interval.Start < earliest)
        {
            throw Broken(ErrorReasons.InsufficientNotice, $"Reservations must start at or after {earliest:O}.", ("earliest_start", earliest.ToString("O", CultureInfo.InvariantCulture)));
        }

        var latest = now + rules.BookingHorizon;
        if (interval.Start > latest)
        {
            throw Broken(ErrorReasons.OutsideBookingHorizon, $"Reservations must start by {latest:O}.", ("latest_start", latest.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (rules.QualificationRequired && !bookerQualified)
        {
            throw Broken(
                ErrorReasons.QualificationRequired, "The booker holds no valid qualification for this instrument or its kind.",
                ("person", booker), ("equipment", instrument.Id), ("kind", instrument.Kind.ToString()));
        }

        if (conflicts.Count > 0)
        {
            throw SlotUnavailable(instrument.Id, conflicts[0]);
        }
    }

    public static RuleViolationException SlotUnavailable(string equipmentId, CalendarEntry conflict) => Broken(
        ErrorReasons.SlotUnavailable,
        $"The slot overlaps a {conflict.Kind.ToString().ToLowerInvariant()} from {conflict.Slot.Start:O} to {conflict.Slot.End:O}.",
        ("equipment", equipmentId),
        ("conflict_start", conflict.Slot.Start.ToString("O", CultureInfo.InvariantCulture)),
        ("conflict_end", conflict.Slot.End == DateTimeOffset.MaxValue ? "infinity" : conflict.Slot.End.ToString("O", CultureInfo.InvariantCulture)),
        ("conflict_kind", conflict.Kind.ToString()));

    private static string Seconds(TimeSpan span) => ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static RuleViolationException Broken(string reason, string message, params (string Key, string Value)[] metadata) =>
        new(reason, message, metadata.ToDictionary(m => m.Key, m => m.Value));
}
