extern alias BiobankServer;

using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using BiobankServer::Biobank.Server.EventStore;
using Google.Protobuf.WellKnownTypes;
using Marten;
using Marten.Events;
using Npgsql;

namespace Biobank.Server.Tests.EventStore;

/// <summary>Every read model, guard tables and feeds included, is what the events make of it.</summary>
public sealed class ProjectionRebuildTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    [Fact]
    public async Task Rebuilding_every_projection_from_the_events_gives_back_the_live_read_models()
    {
        await RunMixedWorkloadAsync(server);
        var store = server.Service<IDocumentStore>();
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var live = await ReadModelsAsync(server);
        await DamageReadModelsAsync(server);

        var rebuilt = await server.Service<ProjectionRebuild>().RebuildAllAsync(CancellationToken.None);
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        rebuilt.Count.ShouldBeGreaterThanOrEqualTo(9);
        ShouldBeRebuiltAsLive(await ReadModelsAsync(server), live);
    }

    /// <summary>Every read model the workload filled is there again, row for row.</summary>
    internal static void ShouldBeRebuiltAsLive(Dictionary<string, List<string>> after, Dictionary<string, List<string>> live)
    {
        after.Keys.ShouldBe(live.Keys, ignoreOrder: true);
        foreach (var (table, rows) in live)
        {
            rows.ShouldNotBeEmpty($"the workload left {table} empty");
            after[table].ShouldBe(rows, $"{table} rebuilt from the events differs from the live one");
        }
    }

    /// <summary>Instruments, bookings through their whole life, maintenance, service status, series, storage, samples, consents and allocations.</summary>
    internal static async Task RunMixedWorkloadAsync(BiobankServerFixture server)
    {
        using var facility = server.AnsesManager();
        using var alice = server.AnsesTechnician();
        using var bob = server.InsermTechnician();
        var confocal = await server.RegisterConfocalAsync(new BookingRules
        {
            CrossOrganisationApproval = true, QualificationRequired = true, Buffer = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)),
        });
        var cytometer = await facility.RegisterAsync("BD FACSymphony", EquipmentKind.FlowCytometer, "sites/anses-maisons-alfort");
        foreach (var (person, organisation) in new[] { ("alice.tech", "organisations/anses"), ("bob.tech", "organisations/inserm") })
        {
            await facility.Equipment.GrantQualificationAsync(new GrantQualificationRequest
            {
                RequestId = BiobankClient.NewRequestId(),
                Qualification = new Qualification { Person = person, PersonOrganisation = organisation, Equipment = confocal.Name },
            });
        }

        var kept = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 2), TwoHours));
        var pending = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 3), TwoHours));
        await facility.Reservations.ApproveReservationAsync(new ApproveReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = pending.Name });
        var rejected = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 4), TwoHours));
        await facility.Reservations.RejectReservationAsync(new RejectReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = rejected.Name, Reason = "Instrument booked for training" });
        var moved = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 5), TwoHours));
        await alice.Reservations.RescheduleReservationAsync(new RescheduleReservationRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = moved.Name, Interval = Catalogue.Slot(Catalogue.Ahead(days: 5, hour: 14), TwoHours),
        });
        var cancelled = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 6), TwoHours));
        await alice.Reservations.CancelReservationAsync(new CancelReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = cancelled.Name, Reason = "Samples not ready" });
        var overlapped = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 7), TwoHours));
        await facility.Equipment.ScheduleMaintenanceAsync(new ScheduleMaintenanceRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = confocal.Name, Interval = Catalogue.Slot(Catalogue.Ahead(days: 7, hour: 8), TimeSpan.FromHours(4)),
            Reason = "Laser alignment", CancelOverlappingReservations = true,
        });
        await facility.Equipment.ScheduleMaintenanceAsync(new ScheduleMaintenanceRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = confocal.Name, Interval = Catalogue.Slot(Catalogue.Ahead(days: 2, hour: 10), TwoHours),
            Reason = "Detector check, around the booking",
        });
        await alice.Reservations.CreateReservationSeriesAsync(new CreateReservationSeriesRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            FirstOccurrence = Catalogue.Booking(cytometer.Name, Catalogue.Ahead(days: 1, hour: 9), TwoHours).Reservation,
            Recurrence = new Recurrence { Frequency = RecurrenceFrequency.Weekly, Count = 4 },
            ConflictMode = SeriesConflictMode.SkipConflicts,
        });
        await facility.Equipment.SetEquipmentStatusAsync(new SetEquipmentStatusRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = cytometer.Name, Status = EquipmentStatus.OutOfService, Reason = "Fluidics leak",
        });
        await facility.Equipment.SetEquipmentStatusAsync(new SetEquipmentStatusRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = cytometer.Name, Status = EquipmentStatus.InService, Reason = "Repaired",
        });
        kept.Name.ShouldNotBe(overlapped.Name);

        using var biobank = server.AnsesBiobankManager();
        var box = await biobank.CreateBoxAsync();
        await biobank.Consents.RecordConsentAsync(new RecordConsentRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Consent = new Consent { DonorPseudonym = "DON-0042", Collection = "EPIDEMIO-AMR", DocumentVersion = "v3", PermittedUses = { PermittedUse.GeneralResearch } },
        });
        var serum = await biobank.RegisterSampleAsync(Catalogue.Serum("DON-0042", millilitres: 4, position: box.At("A1")));
        await biobank.Samples.MoveSampleAsync(new MoveSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = serum.Name, StoragePosition = box.At("B2") });
        var aliquot = new AliquotSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = serum.Name };
        aliquot.Aliquots.Add(Enumerable.Range(0, 3).Select(i => new SamplePortion
        {
            Barcode = Catalogue.Barcode(), Quantity = new Quantity { Value = 0.5, Unit = QuantityUnit.Millilitre }, StoragePosition = box.At($"C{i + 1}"),
        }));
        var split = await biobank.Samples.AliquotSampleAsync(aliquot);
        await biobank.Samples.DisposeSampleAsync(new DisposeSampleRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = split.Aliquots[0].Name, Method = "autoclave", Reason = "Haemolysed",
        });
        var other = await biobank.RegisterSampleAsync(Catalogue.Serum("DON-0043"));
        var allocation = await biobank.Samples.AllocateSamplesAsync(new AllocateSamplesRequest
        {
            RequestId = BiobankClient.NewRequestId(), Samples = { other.Name }, Project = "SERO-2026",
            ExpireTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30)),
        });
        await biobank.Samples.ReleaseSampleAllocationAsync(new ReleaseSampleAllocationRequest
        {
            RequestId = BiobankClient.NewRequestId(), AllocationId = allocation.AllocationId, Reason = "Project postponed",
        });
        var consent = await biobank.Consents.LookupConsentAsync(new LookupConsentRequest { DonorPseudonym = "DON-0042", Collection = "EPIDEMIO-AMR" });
        await biobank.Consents.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = consent.Name, Scope = WithdrawalScope.StopFutureUse, Reason = "Donor's letter of 2 March",
        });

        await RunTransfersAsync(server);
    }

    /// <summary>A shipment received at the partner, one still open, and an instrument whose loan holds its calendar.</summary>
    private static async Task RunTransfersAsync(BiobankServerFixture server)
    {
        using var anses = server.AnsesHead();
        using var inserm = server.InsermHead();
        var agreement = await anses.RegisterAgreementAsync();
        var samples = await anses.ConsentedSerumAsync(3);
        var shipped = await anses.RequestAsync(Shipping.Transfer(samples.Take(2).Select(s => s.Name), agreement: agreement.Name));
        await anses.ApproveAsync(shipped);
        await anses.DispatchAsync(shipped);
        var box = await inserm.CreateBoxAsync(Shipping.Cochin);
        await inserm.ReceiveAsync(shipped, Shipping.Good(samples[0].Name, box.At("A1")), Shipping.Good(samples[1].Name, box.At("A2")));
        await anses.RequestAsync(Shipping.Transfer([samples[2].Name], agreement: agreement.Name));

        var qpcr = await anses.RegisterAsync("Bio-Rad CFX Opus 96", EquipmentKind.PcrSystem, Shipping.MaisonsAlfort);
        var loan = await anses.RequestAsync(Shipping.Transfer([qpcr.Name], to: Shipping.LaReunion, expectedReturn: Catalogue.Ahead(days: 40)));
        await anses.ApproveAsync(loan);
    }

    /// <summary>What a lost or corrupted read model looks like: rows gone, documents emptied.</summary>
    internal static async Task DamageReadModelsAsync(BiobankServerFixture server)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var damage = new NpgsqlCommand("""
            delete from biobank.equipment_calendar;
            delete from biobank.sample_positions;
            delete from biobank.sample_barcodes where barcode like 'BC-%';
            delete from biobank.change_feed where position % 2 = 0;
            update biobank.mt_doc_reservation set data = '{}';
            delete from biobank.mt_doc_sample;
            """, connection);
        await damage.ExecuteNonQueryAsync();
    }

    /// <summary>Every read model's rows, as text in key order, by table: the snapshots' id and data, and the guard and feed tables whole.</summary>
    internal static async Task<Dictionary<string, List<string>>> ReadModelsAsync(BiobankServerFixture server)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = 'biobank' and table_name like 'mt\\_doc\\_%' and table_name <> 'mt_doc_deadletterevent'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var queries = tables.ToDictionary(t => t, t => $"select id || ' ' || data::text from biobank.{t} order by id");
        queries["equipment_calendar"] = "select t::text from biobank.equipment_calendar t order by entry_id";
        queries["sample_barcodes"] = "select t::text from biobank.sample_barcodes t order by organisation, barcode";
        queries["sample_positions"] = "select t::text from biobank.sample_positions t order by storage_unit, position";
        queries["change_feed"] = "select t::text from biobank.change_feed t order by position";
        queries["open_transfer_items"] = "select t::text from biobank.open_transfer_items t order by item";
        var models = new Dictionary<string, List<string>>();
        foreach (var (table, sql) in queries)
        {
            var rows = new List<string>();
            await using var read = new NpgsqlCommand(sql, connection);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }

            models[table] = rows;
        }

        return models;
    }
}
