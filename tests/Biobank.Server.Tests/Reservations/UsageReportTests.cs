using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Server.Tests.Reservations;

public sealed class UsageReportTests(SweepingServerFixture server) : IClassFixture<SweepingServerFixture>
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    [Fact]
    public async Task A_completed_reservation_counts_its_booked_time_and_the_time_between_check_in_and_check_out()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var bob = server.InsermTechnician();
        var day = Day(2);
        var reservation = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, day.AddHours(9), TwoHours));
        server.Clock.Advance(day.AddHours(8).AddMinutes(50) - server.Clock.GetUtcNow());
        var checkedIn = await bob.Reservations.CheckInReservationAsync(new CheckInReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = reservation.Name });
        server.Clock.Advance(TimeSpan.FromMinutes(90));
        var checkedOut = await bob.Reservations.CheckOutReservationAsync(new CheckOutReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = reservation.Name });
        var period = Catalogue.Slot(day, TimeSpan.FromDays(1));
        using var auditor = Auditor();

        var report = await ReportAsync(auditor, period);

        report.Period.ShouldBe(period);
        report.Rows.Where(r => r.Equipment == confocal.Name).ShouldHaveSingleItem().ShouldBe(new UsageRow
        {
            Equipment = confocal.Name,
            Organisation = "organisations/inserm",
            Project = "AMR-2026",
            Booked = Duration.FromTimeSpan(TwoHours),
            Used = Duration.FromTimeSpan(checkedOut.CheckOutTime.ToDateTimeOffset() - checkedIn.CheckInTime.ToDateTimeOffset()),
            Reservations = 1,
        });
    }

    [Fact]
    public async Task Booked_and_used_time_are_clipped_to_the_period()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var bob = server.InsermTechnician();
        var day = Day(3);
        var reservation = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, day.AddHours(9), TwoHours));
        server.Clock.Advance(day.AddHours(8).AddMinutes(50) - server.Clock.GetUtcNow());
        await bob.Reservations.CheckInReservationAsync(new CheckInReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = reservation.Name });
        server.Clock.Advance(TimeSpan.FromMinutes(90));
        var checkedOut = await bob.Reservations.CheckOutReservationAsync(new CheckOutReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = reservation.Name });
        var fromTen = day.AddHours(10);
        using var auditor = Auditor();

        var report = await ReportAsync(auditor, Catalogue.Slot(fromTen, TimeSpan.FromDays(1)));
        var before = await ReportAsync(auditor, Catalogue.Slot(day, TimeSpan.FromHours(9)));

        var row = report.Rows.Where(r => r.Equipment == confocal.Name).ShouldHaveSingleItem();
        row.Booked.ShouldBe(Duration.FromTimeSpan(TimeSpan.FromHours(1)));
        row.Used.ShouldBe(Duration.FromTimeSpan(checkedOut.CheckOutTime.ToDateTimeOffset() - fromTen));
        row.Reservations.ShouldBe(1);
        before.Rows.ShouldNotContain(r => r.Equipment == confocal.Name, "a reservation ending at the period's start is not in it");
    }

    [Fact]
    public async Task A_reservation_still_checked_in_is_used_until_now()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var bob = server.InsermTechnician();
        var day = Day(4);
        var reservation = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, day.AddHours(9), TwoHours));
        server.Clock.Advance(day.AddHours(9) - server.Clock.GetUtcNow());
        var checkedIn = await bob.Reservations.CheckInReservationAsync(new CheckInReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = reservation.Name });
        server.Clock.Advance(TimeSpan.FromMinutes(30));
        using var auditor = Auditor();
        var asked = server.Clock.GetUtcNow();

        var report = await ReportAsync(auditor, Catalogue.Slot(day, TimeSpan.FromDays(1)));
        var answered = server.Clock.GetUtcNow();

        var since = checkedIn.CheckInTime.ToDateTimeOffset();
        var row = report.Rows.Where(r => r.Equipment == confocal.Name).ShouldHaveSingleItem();
        row.Used.ToTimeSpan().ShouldBeInRange(asked - since, answered - since);
        row.Booked.ShouldBe(Duration.FromTimeSpan(TwoHours));
    }

    [Fact]
    public async Task No_shows_count_as_booked_but_not_used_and_cancelled_reservations_do_not_count()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var bob = server.InsermTechnician();
        var day = Day(5);
        var missed = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, day.AddHours(9), TwoHours));
        var cancelled = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, day.AddHours(14), TwoHours));
        await bob.Reservations.CancelReservationAsync(new CancelReservationRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Name = cancelled.Name,
            Reason = "Samples not ready",
        });
        server.Clock.Advance(day.AddHours(9).AddMinutes(31) - server.Clock.GetUtcNow());
        await SweepingServerFixture.WaitForStateAsync(bob, missed.Name, ReservationState.NoShow);
        using var auditor = Auditor();

        var report = await ReportAsync(auditor, Catalogue.Slot(day, TimeSpan.FromDays(1)));

        report.Rows.Where(r => r.Equipment == confocal.Name).ShouldHaveSingleItem().ShouldBe(new UsageRow
        {
            Equipment = confocal.Name,
            Organisation = "organisations/inserm",
            Project = "AMR-2026",
            Booked = Duration.FromTimeSpan(TwoHours),
            Used = new Duration(),
            Reservations = 1,
            NoShows = 1,
        });
    }

    [Fact]
    public async Task Managers_see_their_instruments_and_their_bookings_auditors_see_everything()
    {
        var confocal = await server.RegisterConfocalAsync();
        var sequencer = await RegisterInsermSequencerAsync();
        using var alice = server.AnsesTechnician();
        using var bob = server.InsermTechnician();
        var day = Day(6);
        await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, day.AddHours(9), TwoHours));
        await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, day.AddHours(13), TwoHours));
        await bob.Reservations.CreateReservationAsync(Catalogue.Booking(sequencer.Name, day.AddHours(9), TimeSpan.FromHours(4)));
        var period = Catalogue.Slot(day, TimeSpan.FromDays(1));
        (string Equipment, string Organisation)[] everything =
            [(confocal.Name, "organisations/anses"), (confocal.Name, "organisations/inserm"), (sequencer.Name, "organisations/inserm")];
        (string, string)[] ordered = [.. everything.OrderBy(row => row.Equipment, StringComparer.Ordinal).ThenBy(row => row.Organisation, StringComparer.Ordinal)];

        var byAnsesManager = await RowsAsync(server.AnsesManager(), period);
        var byInsermManager = await RowsAsync(server.InsermManager(), period);
        var byAuditor = await RowsAsync(Auditor(), period);
        var byAdmin = await RowsAsync(server.ClientFor("root", "anses", Role.Admin), period);
        var ofInsermInstruments = await RowsAsync(Auditor(), period, ownerOrganisation: "organisations/inserm");

        byAnsesManager.ShouldBe([(confocal.Name, "organisations/anses"), (confocal.Name, "organisations/inserm")], ignoreOrder: true);
        byInsermManager.ShouldBe([(confocal.Name, "organisations/inserm"), (sequencer.Name, "organisations/inserm")], ignoreOrder: true);
        byAuditor.ShouldBe(ordered);
        byAdmin.ShouldBe(ordered);
        ofInsermInstruments.ShouldBe([(sequencer.Name, "organisations/inserm")]);

        async Task<(string, string)[]> RowsAsync(BiobankClient caller, TimeInterval period, string ownerOrganisation = "")
        {
            using (caller)
            {
                var report = await ReportAsync(caller, period, ownerOrganisation);
                return [.. report.Rows
                    .Where(r => r.Equipment == confocal.Name || r.Equipment == sequencer.Name)
                    .Select(r => (r.Equipment, r.Organisation))];
            }
        }
    }

    [Theory]
    [InlineData(Role.Technician)]
    [InlineData(Role.LabSystem)]
    [InlineData(Role.BiobankManager)]
    public async Task Only_managers_auditors_and_admins_may_ask(string role)
    {
        using var caller = server.ClientFor("someone", "inserm", role);

        var error = await Should.ThrowAsync<RpcException>(caller.Reservations.GetUsageReportAsync(new GetUsageReportRequest
        {
            Period = Catalogue.Slot(Day(1), TimeSpan.FromDays(30)),
        }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        error.Reason().ShouldBe("ROLE_REQUIRED");
    }

    [Fact]
    public async Task A_period_must_be_given_end_after_its_start_and_span_at_most_366_days()
    {
        using var auditor = Auditor();
        var day = Day(1);

        var missing = await ReportErrorAsync(auditor, new GetUsageReportRequest());
        var backwards = await ReportErrorAsync(auditor, new GetUsageReportRequest
        {
            Period = new TimeInterval { StartTime = Timestamp.FromDateTimeOffset(day), EndTime = Timestamp.FromDateTimeOffset(day) },
        });
        var tooLong = await ReportErrorAsync(auditor, new GetUsageReportRequest { Period = Catalogue.Slot(day, TimeSpan.FromDays(367)) });
        var badOwner = await ReportErrorAsync(auditor, new GetUsageReportRequest
        {
            Period = Catalogue.Slot(day, TimeSpan.FromDays(366)),
            OwnerOrganisation = "inserm",
        });

        foreach (var error in new[] { missing, backwards, tooLong, badOwner })
        {
            error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
            error.Reason().ShouldBe("INVALID_FIELDS");
        }

        missing.FieldViolations().Select(v => v.Field).ShouldBe(["period"]);
        backwards.FieldViolations().Select(v => v.Field).ShouldBe(["period.end_time"]);
        tooLong.FieldViolations().Select(v => v.Field).ShouldBe(["period"]);
        badOwner.FieldViolations().Select(v => v.Field).ShouldBe(["owner_organisation"]);
    }

    /// <summary>Midnight UTC <paramref name="days"/> after the server's today; other tests move its clock.</summary>
    private DateTimeOffset Day(int days) => new DateTimeOffset(server.Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(days);

    private BiobankClient Auditor() => server.ClientFor("claire.audit", "anses", Role.Auditor);

    private static async Task<UsageReport> ReportAsync(BiobankClient caller, TimeInterval period, string ownerOrganisation = "") =>
        await caller.Reservations.GetUsageReportAsync(new GetUsageReportRequest { Period = period, OwnerOrganisation = ownerOrganisation });

    private static Task<RpcException> ReportErrorAsync(BiobankClient caller, GetUsageReportRequest request) =>
        Should.ThrowAsync<RpcException>(caller.Reservations.GetUsageReportAsync(request).ResponseAsync);

    private async Task<Biobank.V1.Equipment> RegisterInsermSequencerAsync()
    {
        using var jean = server.InsermManager();
        return await jean.RegisterAsync("Illumina NovaSeq X", EquipmentKind.Sequencer, "sites/inserm-paris-cochin");
    }
}
