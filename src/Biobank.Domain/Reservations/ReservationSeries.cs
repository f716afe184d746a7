using Biobank.Domain.Access;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Qualifications;

namespace Biobank.Domain.Reservations;

/// <summary>What a series does with an occurrence that cannot be booked; the same names as <c>biobank.v1.SeriesConflictMode</c>.</summary>
public enum SeriesConflictMode
{
    Unspecified = 0,
    AllOrNothing = 1,
    SkipConflicts = 2,
}

/// <summary>An occurrence a series left out, and the rule that kept it out.</summary>
public sealed record SkippedOccurrence(Interval Interval, string Reason, string Description);

/// <summary>
/// Recurring bookings. A series is no stream of its own: it is the id its occurrences carry, and
/// each occurrence is an ordinary reservation booked through the same rules as a single one.
/// </summary>
public static class ReservationSeries
{
    /// <summary>
    /// Book <paramref name="Occurrences"/>, laid out by <see cref="Recurrence.Occurrences"/> on the
    /// wall clock of the instrument's site. <paramref name="NewReservationId"/> names each occurrence
    /// booked; the handler supplies the booker's qualifications and the instrument's calendar over
    /// the whole series.
    /// </summary>
    public sealed record Book(
        Caller Caller, DateTimeOffset Now, string SeriesId, Instrument Instrument, IReadOnlyList<Interval> Occurrences,
        string Purpose, string Project, SeriesConflictMode Mode, Func<string> NewReservationId,
        IReadOnlyList<Qualification> Qualifications, IReadOnlyList<CalendarEntry> Calendar);

    /// <summary>The first event of each occurrence booked, and the occurrences skipped.</summary>
    public sealed record Decision(IReadOnlyList<ReservationBooked> Booked, IReadOnlyList<SkippedOccurrence> Skipped);

    /// <summary>
    /// Books each occurrence as a single booking would be. With ALL_OR_NOTHING the first that
    /// breaks a rule fails the whole series (its metadata names the <c>occurrence_start</c>); with
    /// SKIP_CONFLICTS it is left out with the rule it broke. Occurrences never overlap one another
    /// (<see cref="Recurrence.Occurrences"/> refuses such a series), so each is judged against the
    /// calendar alone.
    /// </summary>
    public static Decision Decide(Book c)
    {
        var booked = new List<ReservationBooked>();
        var skipped = new List<SkippedOccurrence>();
        foreach (var occurrence in c.Occurrences)
        {
            var id = c.NewReservationId();
            try
            {
                booked.Add((ReservationBooked)ReservationDecider.Decide(
                    new ReservationDecider.Book(c.Caller, c.Now, id, c.Instrument, occurrence, c.Purpose, c.Project, c.SeriesId, c.Qualifications, c.Calendar),
                    null).Single());
            }
            catch (RuleViolationException broken) when (c.Mode == SeriesConflictMode.SkipConflicts)
            {
                skipped.Add(new SkippedOccurrence(occurrence, broken.Reason, broken.Message));
            }
            catch (RuleViolationException broken)
            {
                throw new RuleViolationException(
                    broken.Reason,
                    $"The occurrence starting {occurrence.Start:O} cannot be booked, so no occurrence was: {broken.Message}",
                    new Dictionary<string, object>(broken.Facts) { ["occurrence_start"] = occurrence.Start });
            }
        }

        return new Decision(booked, skipped);
    }

    /// <summary>
    /// The occurrences a cancellation of the series from <paramref name="from"/> on (from the first
    /// when null) reaches: those starting at or after it that are still open.
    /// </summary>
    public static IEnumerable<Reservation> OpenFrom(IReadOnlyList<Reservation> occurrences, Reservation? from) =>
        occurrences.Where(r => (from is null || r.Interval.Start >= from.Interval.Start) && r.State.IsCancellable());
}
