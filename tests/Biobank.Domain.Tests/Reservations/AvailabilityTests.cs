using Biobank.Domain.Reservations;
using static Biobank.Domain.Tests.Builders;

namespace Biobank.Domain.Tests.Reservations;

public sealed class AvailabilityTests
{
    private static readonly Interval Day = Hours(0, 24);

    [Fact]
    public void A_reservation_with_a_buffer_shows_its_own_time_and_the_buffer_apart_and_the_rest_is_free()
    {
        var booked = new CalendarEntry("reservations/r1", "equipment/confocal-1", CalendarEntryKind.Reservation, Hours(9, 12), "anses", TimeSpan.FromHours(1));

        var availability = Availability.Of(Confocal(), Day, [booked], AnsesTechnician);

        availability.Busy.ShouldBe([
            new BusyTime(Hours(9, 11), BusyKind.Reservation, "reservations/r1", "anses"),
            new BusyTime(Hours(11, 12), BusyKind.Buffer)]);
        availability.Free.ShouldBe([Hours(0, 9), Hours(12, 24)]);
    }

    [Fact]
    public void Another_organisation_sees_who_booked_but_not_which_reservation()
    {
        var booked = new CalendarEntry("reservations/r1", "equipment/confocal-1", CalendarEntryKind.Reservation, Hours(9, 11), "anses", TimeSpan.Zero);

        var availability = Availability.Of(Confocal(), Day, [booked], InsermTechnician);

        availability.Busy.ShouldBe([new BusyTime(Hours(9, 11), BusyKind.Reservation, "", "anses")]);
    }

    [Fact]
    public void An_open_out_of_service_period_is_busy_to_the_end_of_the_window()
    {
        var outOfService = new CalendarEntry(
            "equipment/confocal-1/out-of-service/1", "equipment/confocal-1", CalendarEntryKind.OutOfService,
            new Interval(Hours(15, 16).Start, DateTimeOffset.MaxValue), "", TimeSpan.Zero);

        var availability = Availability.Of(Confocal(), Day, [outOfService], AnsesTechnician);

        availability.Busy.ShouldBe([new BusyTime(Hours(15, 24), BusyKind.OutOfService)]);
        availability.Free.ShouldBe([Hours(0, 15)]);
    }
}
