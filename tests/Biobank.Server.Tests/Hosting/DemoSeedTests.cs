extern alias BiobankServer;

using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Biobank.Demo;
using BiobankServer::Biobank.Server.Hosting;
using Npgsql;

namespace Biobank.Server.Tests.Hosting;

public sealed class DemoSeedTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task The_demo_seed_fills_the_catalogue_and_the_coming_week_once_however_often_it_runs()
    {
        var first = await DemoSeed.RunAsync(server.Address, server.TokenFor, server.Clock);
        var events = await EventCountAsync(server.ConnectionString);
        var second = await DemoSeed.RunAsync(server.Address, server.TokenFor, server.Clock);

        (await EventCountAsync(server.ConnectionString)).ShouldBe(events);
        second.ShouldBe(first);

        using var auditor = server.ClientFor("emma.audit", "inserm", Role.Auditor);
        var instruments = (await auditor.Equipment.ListEquipmentAsync(new ListEquipmentRequest { PageSize = 100 })).Equipment;
        instruments.Count.ShouldBe(13);
        instruments.Count(e => e.OwnerOrganisation == "organisations/anses").ShouldBe(7);
        instruments.ShouldContain(e => e.Kind == EquipmentKind.Sequencer && e.DisplayName.Contains("NovaSeq"));
        instruments.ShouldContain(e => e.Kind == EquipmentKind.Bsl3Suite
            && e.BookingRules.QualificationRequired && e.BookingRules.CrossOrganisationApproval);
        instruments.ShouldContain(e => e.TimeZone == "Indian/Reunion");
        var maintenance = instruments.Single(e => e.Name == "equipment/anses-ma-lsm980").MaintenanceWindows.ShouldHaveSingleItem();
        maintenance.MaintenanceId.ShouldBe(first.Maintenance.MaintenanceId);
        maintenance.Interval.StartTime.ToDateTimeOffset().ShouldBeGreaterThan(server.Clock.GetUtcNow());

        var owners = instruments.ToDictionary(e => e.Name, e => e.OwnerOrganisation);
        var now = server.Clock.GetUtcNow();
        var reservations = (await auditor.Reservations.ListReservationsAsync(new ListReservationsRequest { PageSize = 1000 })).Reservations;
        reservations.Count.ShouldBe(first.Reservations);
        reservations.Count.ShouldBeGreaterThanOrEqualTo(10);
        reservations.ShouldAllBe(r => r.Interval.StartTime.ToDateTimeOffset() > now
            && r.Interval.StartTime.ToDateTimeOffset() < now.AddDays(DemoSeed.DaysAhead + 1));
        reservations.Select(r => r.Organisation).Distinct().Count().ShouldBe(2);
        var crossOrganisation = reservations.Where(r => r.Organisation != owners[r.Equipment]).ToList();
        crossOrganisation.ShouldContain(r => r.State == ReservationState.PendingApproval);
        crossOrganisation.ShouldContain(r => r.State == ReservationState.Confirmed && r.Equipment == "equipment/inserm-cochin-aria");
        reservations.Count(r => r.State == ReservationState.PendingApproval).ShouldBe(first.PendingApproval);
        first.Approved.ShouldBe(1);

        var qualifications = (await auditor.Equipment.ListQualificationsAsync(new ListQualificationsRequest { PageSize = 100 })).Qualifications;
        qualifications.Count.ShouldBe(5);
        qualifications.ShouldContain(q => q.Person == "lucas.martin" && q.PersonOrganisation == "organisations/inserm"
            && q.Equipment == "equipment/anses-ma-bsl3" && q.GrantingOrganisation == "organisations/anses");

        var samples = (await auditor.Samples.ListSamplesAsync(new ListSamplesRequest { PageSize = 1000 })).Samples;
        samples.Count.ShouldBe(first.Samples);
        samples.Count(s => s.CustodianOrganisation == "organisations/anses").ShouldBe(204 - 4);
        samples.Count(s => s.CustodianOrganisation == "organisations/inserm").ShouldBe(172 + 4);
        samples.Count(s => s.State == SampleState.InTransit).ShouldBe(first.SamplesInTransit);
        samples.Count(s => s.Parent != "").ShouldBe(first.Aliquots);
        first.Aliquots.ShouldBe(40);
        foreach (var source in (SourceKind[])[SourceKind.Human, SourceKind.Animal, SourceKind.Environment, SourceKind.Isolate])
        {
            samples.Select(s => s.CustodianOrganisation).Where((_, i) => samples[i].SourceKind == source).Distinct().Count().ShouldBe(2);
        }

        var freezers = (await auditor.Storage.ListStorageUnitsAsync(new ListStorageUnitsRequest { Kind = StorageUnitKind.Freezer })).StorageUnits;
        freezers.Select(f => f.Organisation).ShouldBe(["organisations/anses", "organisations/inserm"], ignoreOrder: true);
        freezers.ShouldAllBe(f => f.TemperatureBand == TemperatureBand.Minus80);
        var boxes = (await auditor.Storage.ListStorageUnitsAsync(new ListStorageUnitsRequest { Kind = StorageUnitKind.Box, PageSize = 100 })).StorageUnits;
        boxes.Count.ShouldBe(12);
        boxes.ShouldAllBe(b => b.Rows == 8 && b.Columns == 12 && b.TemperatureBand == TemperatureBand.Minus80);
        boxes.Sum(b => 96 - b.FreePositions).ShouldBe(first.Samples - first.SamplesInTransit);
        var fullBox = await auditor.Storage.GetStorageUnitAsync(new GetStorageUnitRequest { Name = "storageUnits/anses-ma-f80-01-r1-b1" });
        fullBox.OccupiedPositions.Count.ShouldBe(96 - 4, "four farmers' sera went to Institut Cochin");
        fullBox.Site.ShouldBe("sites/anses-maisons-alfort");

        // Donors are pseudonym codes that only the custodian's biobank managers see, each with a recorded consent.
        using var biobankManager = server.ClientFor(DemoCatalogue.InsermBiobankManager.Subject, "inserm", Role.BiobankManager);
        var cohort = (await biobankManager.Samples.ListSamplesAsync(new ListSamplesRequest
        {
            Organisation = "organisations/inserm", SourceKind = SourceKind.Human, PageSize = 1000,
        })).Samples;
        cohort.Count.ShouldBe(80 + 24 + 4);
        cohort.ShouldAllBe(s => System.Text.RegularExpressions.Regex.IsMatch(s.DonorPseudonym, "^(INS|ANS)-D-[0-9]{4}$") && s.ConsentReference.StartsWith("consents/"));
        var own = cohort.First(s => s.DonorPseudonym.StartsWith("INS-", StringComparison.Ordinal));
        var consent = await biobankManager.Consents.GetConsentAsync(new GetConsentRequest { Name = own.ConsentReference });
        consent.DonorPseudonym.ShouldBe(own.DonorPseudonym);
        samples.Count(s => s.CustodianOrganisation == "organisations/anses" && !(s.CatalogueOnly && s.DonorPseudonym == "")).ShouldBe(0);

        // Anses sent sera to Cochin under the agreement, has isolates on the road, and lent its field sequencer to La Réunion.
        var agreements = (await auditor.Agreements.ListAgreementsAsync(new ListAgreementsRequest { State = AgreementState.Active })).Agreements;
        agreements.ShouldHaveSingleItem().ExternalReference.ShouldBe(DemoCatalogue.Agreement.ExternalReference);
        var transfers = (await auditor.Transfers.ListTransfersAsync(new ListTransfersRequest { Organisation = "organisations/anses", Direction = TransferDirection.Outgoing })).Transfers;
        transfers.Select(t => (t.State, t.Items.Count)).ShouldBe(
            [(TransferState.Received, 1), (TransferState.Received, 4), (TransferState.Dispatched, 6)], ignoreOrder: true);
        first.ShipmentsReceived.ShouldBe(1);
        var lent = instruments.Single(e => e.Loan == first.Loan);
        lent.CustodianOrganisation.ShouldBe("organisations/inserm");
        lent.TimeZone.ShouldBe("Indian/Reunion");
    }

    [Fact]
    public async Task Seed_demo_on_the_command_line_seeds_the_configured_database_and_a_second_run_changes_nothing()
    {
        var database = await TestPostgres.CreateDatabaseAsync("seedcli");
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"biobank-seed-{Guid.NewGuid():N}");
        string[] args = ["--seed-demo", $"--ConnectionStrings:Biobank={database}", $"--Biobank:DataDirectory={dataDirectory}"];
        try
        {
            (await ServerCommands.RunAsync(args)).ShouldBe(0);
            var events = await EventCountAsync(database);
            (await ServerCommands.RunAsync(args)).ShouldBe(0);

            events.ShouldBeGreaterThan(12);
            (await EventCountAsync(database)).ShouldBe(events);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// The events recorded, Marten's tombstones left out: a retried request decides again before its
    /// request id, taken at commit, answers it, and the sequence numbers that attempt drew are
    /// tombstoned, belonging to no stream.
    /// </summary>
    private static async Task<long> EventCountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from biobank.mt_events where stream_id <> 'mt_tombstone'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
