using Biobank.Domain.Reservations;
using static Biobank.Domain.Tests.Builders;

namespace Biobank.Domain.Tests.Reservations;

public sealed class UsageReportTests
{
    private static Reservation Booked(string id, Interval interval, string project, params ReservationEvent[] then) =>
        then.Aggregate(
            Reservation.Evolve(null, new ReservationBooked(
                id, "equipment/confocal-1", "anses", "alice", "anses", interval, TimeSpan.Zero, TimeSpan.FromMinutes(30),
                "Imaging", project, null, false, Now))!,
            (state, e) => Reservation.Evolve(state, e)!);

    [Fact]
    public void Booked_and_used_time_are_summed_per_instrument_organisation_and_project_within_the_period()
    {
        var period = Hours(0, 24);
        var used = Booked("reservations/r1", Hours(9, 11), "AMR-2026",
            new ReservationCheckedIn("reservations/r1", Hours(9, 10).Start), new ReservationCheckedOut("reservations/r1", Hours(9, 10).End));
        var noShow = Booked("reservations/r2", Hours(22, 26), "AMR-2026", new ReservationMarkedNoShow("reservations/r2", Hours(23, 24).Start));
        var other = Booked("reservations/r3", Hours(13, 14), "SERO-2026");

        var rows = UsageReport.Of(period, [noShow, used, other], Hours(0, 24).End);

        rows.ShouldBe([
            new UsageRow("equipment/confocal-1", "anses", "AMR-2026", TimeSpan.FromHours(4), TimeSpan.FromHours(1), 2, 1),
            new UsageRow("equipment/confocal-1", "anses", "SERO-2026", TimeSpan.FromHours(1), TimeSpan.Zero, 1, 0)]);
    }

    [Fact]
    public void Facility_managers_read_their_organisation_and_auditors_everyone()
    {
        UsageReport.ScopeOf(AnsesManager).ShouldBe("anses");
        UsageReport.ScopeOf(Person("odile", "inserm", "auditor")).ShouldBeNull();
        Should.Throw<Failures.PermissionDeniedException>(() => UsageReport.ScopeOf(AnsesTechnician));
    }
}
