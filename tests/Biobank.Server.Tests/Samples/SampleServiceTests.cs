using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Server.Tests.Samples;

public sealed class SampleServiceTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task A_registered_sample_is_found_by_name_and_barcode_and_occupies_its_position()
    {
        using var manager = server.AnsesBiobankManager();
        var box = await manager.CreateBoxAsync();

        var sample = await manager.RegisterSampleAsync(Catalogue.Serum(position: box.At("B7")));

        sample.Name.ShouldStartWith("samples/");
        sample.CustodianOrganisation.ShouldBe("organisations/anses");
        sample.State.ShouldBe(SampleState.Available);
        sample.Quantity.Value.ShouldBe(2);
        sample.QuantityBand.ShouldBe("1-10 mL");
        sample.DonorPseudonym.ShouldBe("DON-0001");
        (await manager.Samples.LookupSampleAsync(new LookupSampleRequest { Barcode = sample.Barcode })).Name.ShouldBe(sample.Name);
        var occupancy = await manager.Storage.GetStorageUnitAsync(new GetStorageUnitRequest { Name = box.Name });
        occupancy.OccupiedPositions.Single().ShouldBe(new PositionOccupancy { Position = "B7", Sample = sample.Name });
        occupancy.FreePositions.ShouldBe(95);
        using var partner = server.InsermTechnician();
        var seenByPartner = await partner.Storage.GetStorageUnitAsync(new GetStorageUnitRequest { Name = box.Name });
        seenByPartner.FreePositions.ShouldBe(95);
        seenByPartner.OccupiedPositions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Technicians_of_the_custodian_see_all_but_the_donor_and_other_organisations_see_the_catalogue_only()
    {
        using var manager = server.AnsesBiobankManager();
        var box = await manager.CreateBoxAsync();
        var sample = await manager.RegisterSampleAsync(Catalogue.Serum(position: box.At("A1")));
        using var technician = server.AnsesTechnician();
        using var partner = server.InsermBiobankManager();

        var seenByTechnician = await technician.Samples.GetSampleAsync(new GetSampleRequest { Name = sample.Name });
        var seenByPartner = await partner.Samples.GetSampleAsync(new GetSampleRequest { Name = sample.Name });

        seenByTechnician.DonorPseudonym.ShouldBeEmpty();
        seenByTechnician.Barcode.ShouldBe(sample.Barcode);
        seenByTechnician.StoragePosition.Position.ShouldBe("A1");
        seenByPartner.CatalogueOnly.ShouldBeTrue();
        seenByPartner.DonorPseudonym.ShouldBeEmpty();
        seenByPartner.Barcode.ShouldBeEmpty();
        seenByPartner.StoragePosition.ShouldBeNull();
        seenByPartner.Quantity.ShouldBeNull();
        seenByPartner.QuantityBand.ShouldBe("1-10 mL");
        seenByPartner.MaterialType.ShouldBe(MaterialType.Serum);
        seenByPartner.State.ShouldBe(SampleState.Available);
    }

    [Fact]
    public async Task A_barcode_is_unique_within_an_organisation_but_not_across_organisations()
    {
        using var anses = server.AnsesTechnician();
        using var inserm = server.InsermTechnician();
        var first = await anses.RegisterSampleAsync();
        var again = Catalogue.Serum();
        again.Barcode = first.Barcode;

        var twice = await Should.ThrowAsync<RpcException>(anses.RegisterSampleAsync(again));
        var elsewhere = await inserm.RegisterSampleAsync(again);

        twice.StatusCode.ShouldBe(StatusCode.AlreadyExists);
        twice.ErrorInfo()!.Metadata["name"].ShouldBe(first.Name);
        elsewhere.CustodianOrganisation.ShouldBe("organisations/inserm");
    }

    [Fact]
    public async Task Racing_registrations_of_one_barcode_leave_exactly_one_sample()
    {
        var barcode = Catalogue.Barcode();
        var results = await Race.RunAsync(16, i => server.AnsesTechnician($"tech-{i}"), client =>
        {
            var sample = Catalogue.Serum();
            sample.Barcode = barcode;
            return client.RegisterSampleAsync(sample);
        });

        results.Count(r => r.Error is null).ShouldBe(1);
        results.Where(r => r.Error is not null).ShouldAllBe(r => r.Error!.StatusCode == StatusCode.AlreadyExists);
    }

    [Fact]
    public async Task Moving_a_sample_frees_its_old_position_and_an_occupied_position_is_refused()
    {
        using var technician = server.AnsesTechnician();
        using var manager = server.AnsesBiobankManager();
        var box = await manager.CreateBoxAsync();
        var moving = await technician.RegisterSampleAsync(Catalogue.Serum(position: box.At("A1")));
        var staying = await technician.RegisterSampleAsync(Catalogue.Serum(position: box.At("A2")));

        var moved = await technician.Samples.MoveSampleAsync(new MoveSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = moving.Name, StoragePosition = box.At("H12") });
        var onto = await Should.ThrowAsync<RpcException>(technician.Samples.MoveSampleAsync(
            new MoveSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = moved.Name, StoragePosition = box.At("A2") }).ResponseAsync);
        var outside = await Should.ThrowAsync<RpcException>(technician.Samples.MoveSampleAsync(
            new MoveSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = moved.Name, StoragePosition = box.At("I1") }).ResponseAsync);
        var back = await technician.Samples.MoveSampleAsync(new MoveSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = moving.Name, StoragePosition = box.At("A1") });

        moved.StoragePosition.Position.ShouldBe("H12");
        onto.Reason().ShouldBe("POSITION_OCCUPIED");
        onto.ErrorInfo()!.Metadata["position"].ShouldBe("A2");
        outside.Reason().ShouldBe("INVALID_POSITION");
        back.StoragePosition.Position.ShouldBe("A1");
        var occupancy = await manager.Storage.GetStorageUnitAsync(new GetStorageUnitRequest { Name = box.Name });
        occupancy.OccupiedPositions.Select(o => (o.Position, o.Sample)).ShouldBe([("A1", moving.Name), ("A2", staying.Name)]);
    }

    [Fact]
    public async Task Racing_placements_into_one_position_leave_exactly_one_sample_there()
    {
        using var manager = server.AnsesBiobankManager();
        var box = await manager.CreateBoxAsync();
        var samples = new List<Sample>();
        for (var i = 0; i < 16; i++)
        {
            samples.Add(await manager.RegisterSampleAsync(Catalogue.Serum(position: box.At(GridName(i)))));
        }

        var results = await Race.RunAsync(16, i => server.AnsesTechnician($"tech-{i}"), (client, i) =>
            client.Samples.MoveSampleAsync(new MoveSampleRequest
            {
                RequestId = BiobankClient.NewRequestId(), Name = samples[i].Name, StoragePosition = box.At("H12"),
            }).ResponseAsync);

        results.Count(r => r.Error is null).ShouldBe(1);
        results.Where(r => r.Error is not null).ShouldAllBe(r => r.Error!.Reason() == "POSITION_OCCUPIED");
        var occupancy = await manager.Storage.GetStorageUnitAsync(new GetStorageUnitRequest { Name = box.Name });
        occupancy.OccupiedPositions.Count.ShouldBe(16);
        occupancy.OccupiedPositions.Count(o => o.Position == "H12").ShouldBe(1);
    }

    [Fact]
    public async Task Every_bad_field_of_a_registration_is_reported_at_once()
    {
        using var technician = server.AnsesTechnician();
        var sample = new Sample
        {
            Collection = "WILDLIFE",
            SourceKind = SourceKind.Animal,
            DonorPseudonym = "Jean Dupont",
            MaterialType = MaterialType.Swab,
            CollectionTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(2)),
            Quantity = new Quantity { Value = 0, Unit = QuantityUnit.Count },
            StoragePosition = new StoragePosition { StorageUnit = "storageUnits/box-1", Position = "1A" },
        };

        var invalid = await Should.ThrowAsync<RpcException>(technician.RegisterSampleAsync(sample));

        invalid.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        invalid.FieldViolations().Select(v => v.Field).ShouldBe(
            ["sample.barcode", "sample.donor_pseudonym", "sample.species", "sample.collection_time", "sample.quantity.value", "sample.storage_position.position"],
            ignoreOrder: true);
    }

    [Fact]
    public async Task Samples_are_listed_by_freezer_and_only_biobank_managers_filter_by_donor()
    {
        using var manager = server.AnsesBiobankManager();
        using var technician = server.AnsesTechnician();
        var freezer = await manager.CreateUnitAsync(StorageUnitKind.Freezer, "sites/anses-ploufragan", band: TemperatureBand.Minus20);
        var rack = await manager.CreateUnitAsync(StorageUnitKind.Rack, parent: freezer.Name);
        var box = await manager.CreateUnitAsync(StorageUnitKind.Box, parent: rack.Name, rows: 2, columns: 2);
        var donor = $"DON-{Guid.NewGuid():N}"[..12];
        var inFreezer = new List<string>();
        foreach (var position in new[] { "A1", "A2", "B1" })
        {
            inFreezer.Add((await technician.RegisterSampleAsync(Catalogue.Serum(donor, position: box.At(position)))).Name);
        }

        await technician.RegisterSampleAsync(Catalogue.Serum(donor));

        var first = await technician.Samples.ListSamplesAsync(new ListSamplesRequest { StorageUnit = freezer.Name, PageSize = 2 });
        var second = await technician.Samples.ListSamplesAsync(new ListSamplesRequest { StorageUnit = freezer.Name, PageSize = 2, PageToken = first.NextPageToken });
        var byDonor = await manager.Samples.ListSamplesAsync(new ListSamplesRequest { DonorPseudonym = donor });
        var denied = await Should.ThrowAsync<RpcException>(technician.Samples.ListSamplesAsync(new ListSamplesRequest { DonorPseudonym = donor }).ResponseAsync);

        first.Samples.Concat(second.Samples).Select(s => s.Name).ShouldBe(inFreezer.Order(StringComparer.Ordinal));
        second.NextPageToken.ShouldBeEmpty();
        byDonor.Samples.Count.ShouldBe(4);
        byDonor.Samples.ShouldAllBe(s => s.DonorPseudonym == donor);
        denied.Reason().ShouldBe("ROLE_REQUIRED");
    }

    [Fact]
    public async Task Only_the_custodian_organisation_moves_its_samples()
    {
        using var manager = server.AnsesBiobankManager();
        var box = await manager.CreateBoxAsync();
        var sample = await manager.RegisterSampleAsync(Catalogue.Serum(position: box.At("A1")));
        using var partner = server.InsermTechnician();

        var denied = await Should.ThrowAsync<RpcException>(partner.Samples.MoveSampleAsync(
            new MoveSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = sample.Name, StoragePosition = box.At("A2") }).ResponseAsync);

        denied.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        denied.Reason().ShouldBe("ORGANISATION_MISMATCH");
    }

    private static string GridName(int index) => $"{(char)('A' + (index / 12))}{(index % 12) + 1}";
}
