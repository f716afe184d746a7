using Biobank.Domain.Failures;
using Biobank.Domain.Reservations;
using static Biobank.Domain.Tests.Builders;

namespace Biobank.Domain.Tests.Reservations;

public sealed class ReservationSeriesTests
{
    private static readonly Interval[] Mondays = [Hours(9, 11, 1), Hours(9, 11, 8), Hours(9, 11, 15)];

    private static ReservationSeries.Book Series(SeriesConflictMode mode, params CalendarEntry[] calendar)
    {
        var next = 0;
        return new(AnsesTechnician, Now, "reservationSeries/s1", Confocal(), Mondays, "Imaging", "AMR-2026", mode,
            () => $"reservations/r{++next}", [], calendar);
    }

    private static CalendarEntry BookedBy(string organisation, Interval slot) =>
        new("reservations/theirs", "equipment/confocal-1", CalendarEntryKind.Reservation, slot, organisation, TimeSpan.Zero);

    [Fact]
    public void When_every_occurrence_is_free_Then_each_is_booked_as_a_reservation_of_the_series()
    {
        var decision = ReservationSeries.Decide(Series(SeriesConflictMode.AllOrNothing));

        decision.Skipped.ShouldBeEmpty();
        decision.Booked.Select(b => (b.ReservationId, b.Interval, b.SeriesId)).ShouldBe(
            [("reservations/r1", Mondays[0], "reservationSeries/s1"), ("reservations/r2", Mondays[1], "reservationSeries/s1"),
             ("reservations/r3", Mondays[2], "reservationSeries/s1")]);
    }

    [Fact]
    public void When_one_occurrence_is_taken_and_all_or_nothing_is_asked_Then_the_series_fails_naming_that_occurrence()
    {
        var failure = Should.Throw<RuleViolationException>(() =>
            ReservationSeries.Decide(Series(SeriesConflictMode.AllOrNothing, BookedBy("inserm", Hours(10, 12, 8)))));

        failure.Reason.ShouldBe(ErrorReasons.SlotUnavailable);
        failure.Facts["occurrence_start"].ShouldBe(Mondays[1].Start);
    }

    [Fact]
    public void When_one_occurrence_is_taken_and_conflicts_are_skipped_Then_the_others_are_booked_and_it_is_listed_with_its_reason()
    {
        var decision = ReservationSeries.Decide(Series(SeriesConflictMode.SkipConflicts, BookedBy("inserm", Hours(10, 12, 8))));

        decision.Booked.Select(b => b.Interval).ShouldBe([Mondays[0], Mondays[2]]);
        decision.Skipped.ShouldHaveSingleItem().ShouldBe(
            decision.Skipped[0] with { Interval = Mondays[1], Reason = ErrorReasons.SlotUnavailable });
    }
}
