using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Reservations;
using static Biobank.Domain.Tests.Builders;

namespace Biobank.Domain.Tests.Equipment;

public sealed class EquipmentDeciderTests
{
    private static DeciderSpecification<Instrument, EquipmentEvent, EquipmentDecider.Command> Spec() => new(EquipmentDecider.Decide);

    [Fact]
    public void Given_a_registered_instrument_When_its_manager_takes_it_out_of_service_Then_the_status_changes()
    {
        Spec().Given(Registered())
            .When(new EquipmentDecider.SetStatus(AnsesManager, Now, EquipmentStatus.OutOfService, "Laser replacement"))
            .Then(new EquipmentStatusChanged("equipment/confocal-1", EquipmentStatus.OutOfService, "Laser replacement", Now));
    }

    [Fact]
    public void Given_an_instrument_already_out_of_service_When_taken_out_again_Then_nothing_happens()
    {
        Spec().Given(Registered(), new EquipmentStatusChanged("equipment/confocal-1", EquipmentStatus.OutOfService, "Laser", Now))
            .When(new EquipmentDecider.SetStatus(AnsesManager, Now, EquipmentStatus.OutOfService, "Still broken"))
            .Then();
    }

    [Fact]
    public void Given_an_Anses_instrument_When_an_Inserm_manager_changes_its_rules_Then_the_organisation_is_refused()
    {
        Spec().Given(Registered())
            .When(new EquipmentDecider.UpdateRules(InsermManager, Now, BookingRules.Default with { Buffer = TimeSpan.FromHours(1) }))
            .ThenFails<PermissionDeniedException>(ErrorReasons.OrganisationMismatch);
    }

    [Fact]
    public void Given_a_retired_instrument_When_maintenance_is_scheduled_Then_the_transition_is_refused()
    {
        Spec().Given(Registered(), new EquipmentRetired("equipment/confocal-1", "Replaced", Now))
            .When(new EquipmentDecider.ScheduleMaintenance(AnsesManager, Now, "m1", Hours(8, 12), "Calibration", CancelOverlapping: false, []))
            .ThenFails<RuleViolationException>(ErrorReasons.InvalidStateTransition);
    }

    [Fact]
    public void Given_no_instrument_When_a_technician_registers_one_Then_the_role_is_refused()
    {
        Spec()
            .When(new EquipmentDecider.Register(AnsesTechnician, Now, "equipment/x", "Cytometer", EquipmentKind.FlowCytometer,
                "anses-lyon", "anses", "Europe/Paris", BookingRules.Default))
            .ThenFails<PermissionDeniedException>(ErrorReasons.RoleRequired);
    }

    [Fact]
    public void Given_maintenance_scheduled_and_cancelled_Then_the_instrument_keeps_no_window()
    {
        var state = Spec().Given(
                Registered(),
                new MaintenanceScheduled("equipment/confocal-1", "m1", Hours(8, 12), "Calibration", Exclusive: false, Now),
                new MaintenanceCancelled("equipment/confocal-1", "m1", "Engineer ill", Now))
            .State!;

        state.Maintenance.ShouldBeEmpty();
        state.Version.ShouldBe(3);
    }

    [Fact]
    public void Given_its_overlapping_bookings_all_cancelled_When_maintenance_is_scheduled_Then_the_window_is_exclusive()
    {
        var cancelled = Booking(ReservationState.Cancelled);

        Spec().Given(Registered())
            .When(new EquipmentDecider.ScheduleMaintenance(AnsesManager, Now, "m1", Hours(8, 12), "Calibration", CancelOverlapping: true, [cancelled]))
            .Then(new MaintenanceScheduled("equipment/confocal-1", "m1", Hours(8, 12), "Calibration", Exclusive: true, Now));
    }

    [Fact]
    public void Given_a_booking_in_use_that_it_could_not_cancel_When_maintenance_is_scheduled_Then_the_window_shares_its_time()
    {
        var inUse = Booking(ReservationState.CheckedIn);

        Spec().Given(Registered())
            .When(new EquipmentDecider.ScheduleMaintenance(AnsesManager, Now, "m1", Hours(8, 12), "Calibration", CancelOverlapping: true, [inUse]))
            .Then(new MaintenanceScheduled("equipment/confocal-1", "m1", Hours(8, 12), "Calibration", Exclusive: false, Now));
    }

    private static Reservation Booking(ReservationState state) =>
        Reservation.Evolve(null, new ReservationBooked(
            "reservations/r1", "equipment/confocal-1", "anses", "alice", "anses", Hours(9, 10), TimeSpan.Zero, TimeSpan.FromMinutes(30),
            "Imaging", "", null, false, Now))! with { State = state };
}
