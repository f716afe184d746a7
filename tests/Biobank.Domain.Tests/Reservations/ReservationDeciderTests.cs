using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Qualifications;
using Biobank.Domain.Reservations;
using static Biobank.Domain.Tests.Builders;

namespace Biobank.Domain.Tests.Reservations;

public sealed class ReservationDeciderTests
{
    private const string Id = "reservations/r1";

    private static DeciderSpecification<Reservation, ReservationEvent, ReservationDecider.Command> Spec() => new(ReservationDecider.Decide);

    private static ReservationDecider.Book Book(
        Domain.Access.Caller who, Instrument instrument, Interval interval, bool qualified = true, params CalendarEntry[] calendar) =>
        new(who, Now, Id, instrument, interval, "Imaging", "AMR-2026", null, qualified ? [QualificationOf(who, instrument)] : [], calendar);

    private static Qualification QualificationOf(Domain.Access.Caller who, Instrument instrument) =>
        Qualification.Evolve(null, new QualificationGranted(
            "qualifications/q1", who.Subject, who.Organisation, instrument.Id, null, instrument.OwnerOrganisation, null, Now.AddDays(-1)))!;

    private static ReservationBooked Booked(Interval interval, string organisation = "anses", bool awaitsApproval = false) =>
        new(Id, "equipment/confocal-1", "anses", organisation == "anses" ? "alice" : "bob", organisation, interval,
            TimeSpan.Zero, TimeSpan.FromMinutes(30), "Imaging", "AMR-2026", null, awaitsApproval, Now);

    [Fact]
    public void When_the_owner_organisation_books_a_free_slot_Then_it_is_confirmed_at_once()
    {
        Spec().When(Book(AnsesTechnician, Confocal(), Hours(9, 11)))
            .Then(Booked(Hours(9, 11)));
    }

    [Fact]
    public void When_another_organisation_books_an_instrument_needing_approval_Then_it_awaits_approval()
    {
        var confocal = Confocal(BookingRules.Default with { CrossOrganisationApproval = true });

        Spec().When(Book(InsermTechnician, confocal, Hours(9, 11)))
            .Then(Booked(Hours(9, 11), "inserm", awaitsApproval: true));
    }

    [Fact]
    public void When_the_slot_overlaps_a_maintenance_window_Then_it_is_unavailable_with_the_window()
    {
        var maintenance = new CalendarEntry("m", "equipment/confocal-1", CalendarEntryKind.Maintenance, Hours(10, 12), "", TimeSpan.Zero);

        var failure = Spec().When(Book(AnsesTechnician, Confocal(), Hours(9, 11), qualified: true, maintenance))
            .ThenFails<RuleViolationException>(ErrorReasons.SlotUnavailable);

        failure.Facts["conflict_kind"].ShouldBe(CalendarEntryKind.Maintenance);
    }

    [Fact]
    public void When_an_unqualified_person_books_an_instrument_requiring_qualification_Then_it_is_refused()
    {
        var confocal = Confocal(BookingRules.Default with { QualificationRequired = true });

        Spec().When(Book(AnsesTechnician, confocal, Hours(9, 11), qualified: false))
            .ThenFails<RuleViolationException>(ErrorReasons.QualificationRequired);
    }

    [Fact]
    public void Given_a_pending_reservation_When_the_owner_manager_approves_Then_it_is_confirmed()
    {
        var spec = Spec().Given(Booked(Hours(9, 11), "inserm", awaitsApproval: true))
            .When(new ReservationDecider.Approve(AnsesManager, Now));

        spec.Then(new ReservationApproved(Id, Now));
    }

    [Fact]
    public void Given_a_pending_reservation_When_the_booking_organisation_approves_it_Then_it_is_refused()
    {
        Spec().Given(Booked(Hours(9, 11), "inserm", awaitsApproval: true))
            .When(new ReservationDecider.Approve(InsermManager, Now))
            .ThenFails<PermissionDeniedException>(ErrorReasons.OrganisationMismatch);
    }

    [Fact]
    public void Given_a_confirmed_reservation_When_another_organisation_cancels_Then_it_is_refused()
    {
        Spec().Given(Booked(Hours(9, 11)))
            .When(new ReservationDecider.Cancel(InsermTechnician, Now, "Mine now"))
            .ThenFails<PermissionDeniedException>(ErrorReasons.OrganisationMismatch);
    }

    [Fact]
    public void Given_a_cancelled_reservation_When_it_is_cancelled_again_Then_nothing_happens()
    {
        Spec().Given(Booked(Hours(9, 11)), new ReservationCancelled(Id, "Sick", Now))
            .When(new ReservationDecider.Cancel(AnsesTechnician, Now, "Sick"))
            .Then();
    }

    [Fact]
    public void Given_a_completed_reservation_When_cancelled_Then_the_transition_is_refused()
    {
        Spec().Given(Booked(Hours(9, 11)), new ReservationCheckedIn(Id, Now), new ReservationCheckedOut(Id, Now))
            .When(new ReservationDecider.Cancel(AnsesTechnician, Now, "Too late"))
            .ThenFails<RuleViolationException>(ErrorReasons.InvalidStateTransition);
    }

    [Fact]
    public void Given_a_confirmed_reservation_When_the_grace_period_has_passed_Then_it_is_a_no_show()
    {
        var interval = new Interval(Now.AddHours(-1), Now.AddHours(1));
        Spec().Given(Booked(interval))
            .When(new ReservationDecider.MarkNoShow(AnsesManager, Now))
            .Then(new ReservationMarkedNoShow(Id, Now));
    }

    [Fact]
    public void Given_a_confirmed_reservation_When_the_grace_period_is_still_running_Then_it_is_not_a_no_show()
    {
        var interval = new Interval(Now.AddMinutes(-10), Now.AddHours(1));
        Spec().Given(Booked(interval))
            .When(new ReservationDecider.MarkNoShow(AnsesManager, Now))
            .Then();
    }

    [Fact]
    public void Given_an_approved_booking_of_the_other_organisation_When_it_is_rescheduled_Then_it_awaits_approval_again()
    {
        var confocal = Confocal(BookingRules.Default with { CrossOrganisationApproval = true });
        var spec = Spec().Given(Booked(Hours(9, 11), "inserm", awaitsApproval: true), new ReservationApproved(Id, Now))
            .When(new ReservationDecider.Reschedule(InsermTechnician, Now, confocal, Hours(13, 15), [QualificationOf(InsermTechnician, confocal)], []));

        spec.Then(new ReservationRescheduled(Id, Hours(13, 15), TimeSpan.Zero, AwaitsApproval: true, Now));
        Reservation.Evolve(spec.State, new ReservationRescheduled(Id, Hours(13, 15), TimeSpan.Zero, true, Now))!
            .State.ShouldBe(ReservationState.PendingApproval);
    }
}
