using Biobank.Domain.Access;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Qualifications;

namespace Biobank.Domain.Reservations;

/// <summary>
/// What a booking of an instrument must satisfy: the instrument in service, the rules' duration,
/// notice and horizon, the booker's qualification, and a free slot. Shared by booking, rescheduling
/// and series.
/// </summary>
public static class BookingPolicy
{
    /// <summary>
    /// Fails with the first broken rule, as FAILED_PRECONDITION with its reason. The slot is the
    /// interval and the instrument's buffer after it; <paramref name="except"/> is the reservation
    /// itself, whose own entry does not count.
    /// </summary>
    public static void Check(
        Instrument instrument, Interval interval, DateTimeOffset now, Caller booker, IReadOnlyList<Qualification> qualifications,
        IReadOnlyList<CalendarEntry> calendar, string except)
    {
        if (instrument.Status != EquipmentStatus.InService)
        {
            throw new RuleViolationException(ErrorReasons.EquipmentUnavailable, $"The instrument is {instrument.Status}.", ("status", instrument.Status));
        }

        if (instrument.Away is { } away && away.Overlaps(new Interval(interval.Start, interval.End + instrument.Rules.Buffer)))
        {
            throw new RuleViolationException(
                ErrorReasons.EquipmentUnavailable, $"The instrument leaves with {instrument.Transfer} during that time.",
                ("status", instrument.Status), ("transfer", instrument.Transfer ?? ""));
        }

        var rules = instrument.Rules;
        if (interval.Duration < rules.MinDuration || interval.Duration > rules.MaxDuration)
        {
            throw new RuleViolationException(
                ErrorReasons.DurationOutOfRange,
                $"Reservations of this instrument last from {rules.MinDuration} to {rules.MaxDuration}.",
                ("min_duration", rules.MinDuration), ("max_duration", rules.MaxDuration));
        }

        var earliest = now + rules.MinimumNotice;
        if (interval.Start < earliest)
        {
            throw new RuleViolationException(ErrorReasons.InsufficientNotice, $"Reservations must start at or after {earliest:O}.", ("earliest_start", earliest));
        }

        var latest = now + rules.BookingHorizon;
        if (interval.Start > latest)
        {
            throw new RuleViolationException(ErrorReasons.OutsideBookingHorizon, $"Reservations must start by {latest:O}.", ("latest_start", latest));
        }

        if (rules.QualificationRequired && !IsQualified(booker, instrument, interval.End, qualifications))
        {
            throw new RuleViolationException(
                ErrorReasons.QualificationRequired, "The booker holds no valid qualification for this instrument or its kind.",
                ("person", booker.Subject), ("equipment", instrument.Id), ("kind", instrument.Kind));
        }

        var slot = new Interval(interval.Start, interval.End + rules.Buffer);
        var conflict = calendar
            .Where(entry => entry.EntryId != except && entry.Slot.Overlaps(slot))
            .OrderBy(entry => entry.Slot.Start)
            .ThenBy(entry => entry.EntryId, StringComparer.Ordinal)
            .FirstOrDefault();
        if (conflict is not null)
        {
            throw SlotUnavailable(instrument.Id, conflict);
        }
    }

    /// <summary>Whether the booker holds, among <paramref name="qualifications"/>, one covering the instrument until <paramref name="until"/>.</summary>
    public static bool IsQualified(Caller booker, Instrument instrument, DateTimeOffset until, IReadOnlyList<Qualification> qualifications) =>
        qualifications.Any(q => q.Person == booker.Subject && q.PersonOrganisation == booker.Organisation && q.Covers(instrument, until));

    public static RuleViolationException SlotUnavailable(string equipmentId, CalendarEntry conflict) => new(
        ErrorReasons.SlotUnavailable,
        $"The slot overlaps a {conflict.Kind} from {conflict.Slot.Start:O} to {conflict.Slot.End:O}.",
        ("equipment", equipmentId),
        ("conflict_start", conflict.Slot.Start),
        ("conflict_end", conflict.Slot.End),
        ("conflict_kind", conflict.Kind));
}
