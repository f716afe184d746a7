using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;

namespace Biobank.Server.Tests.Samples;

public sealed class SampleLifecycleTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task Aliquoting_into_a_96_well_box_takes_the_sum_from_the_parent_and_places_every_child()
    {
        using var manager = server.AnsesBiobankManager();
        var box = await manager.CreateBoxAsync();
        var parent = await manager.RegisterSampleAsync(Catalogue.Serum(millilitres: 10));
        var request = new AliquotSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = parent.Name };
        request.Aliquots.Add(Enumerable.Range(0, 96).Select(i => new SamplePortion
        {
            Barcode = Catalogue.Barcode(),
            Quantity = new Quantity { Value = 0.1, Unit = QuantityUnit.Millilitre },
            StoragePosition = box.At($"{(char)('A' + (i / 12))}{(i % 12) + 1}"),
        }));

        var split = await manager.Samples.AliquotSampleAsync(request);

        split.Parent.Quantity.Value.ShouldBe(0.4, tolerance: 1e-9);
        split.Aliquots.Count.ShouldBe(96);
        split.Aliquots.ShouldAllBe(a => a.Parent == parent.Name && a.MaterialType == MaterialType.Serum && a.DonorPseudonym == parent.DonorPseudonym);
        (await manager.Storage.GetStorageUnitAsync(new GetStorageUnitRequest { Name = box.Name })).FreePositions.ShouldBe(0);
    }

    [Fact]
    public async Task A_change_made_against_a_stale_etag_is_aborted_and_changes_nothing()
    {
        using var manager = server.AnsesBiobankManager();
        var sample = await manager.RegisterSampleAsync();
        var checkedOut = await manager.Samples.CheckOutSampleAsync(new CheckOutSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = sample.Name, Etag = sample.Etag });

        var stale = await Should.ThrowAsync<RpcException>(manager.Samples.DisposeSampleAsync(new DisposeSampleRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = sample.Name, Method = "autoclave", Reason = "Broken tube", Etag = sample.Etag,
        }).ResponseAsync);

        stale.StatusCode.ShouldBe(StatusCode.Aborted);
        stale.Reason().ShouldBe("ETAG_MISMATCH");
        (await manager.Samples.GetSampleAsync(new GetSampleRequest { Name = sample.Name })).ShouldBe(checkedOut);
    }

    [Fact]
    public async Task Quantities_never_go_negative_units_must_match_and_zero_depletes()
    {
        using var technician = server.AnsesTechnician();
        var sample = await technician.RegisterSampleAsync(Catalogue.Serum(millilitres: 1));

        var tooMuch = await Should.ThrowAsync<RpcException>(UseAsync(technician, sample.Name, 1.5, QuantityUnit.Millilitre));
        var wrongUnit = await Should.ThrowAsync<RpcException>(UseAsync(technician, sample.Name, 100, QuantityUnit.Microlitre));
        var depleted = await UseAsync(technician, sample.Name, 1, QuantityUnit.Millilitre);
        var afterwards = await Should.ThrowAsync<RpcException>(UseAsync(technician, sample.Name, 0.1, QuantityUnit.Millilitre));

        tooMuch.Reason().ShouldBe("INSUFFICIENT_QUANTITY");
        tooMuch.ErrorInfo()!.Metadata["available"].ShouldBe("1");
        wrongUnit.Reason().ShouldBe("UNIT_MISMATCH");
        depleted.State.ShouldBe(SampleState.Depleted);
        depleted.Quantity.Value.ShouldBe(0);
        afterwards.Reason().ShouldBe("SAMPLE_NOT_AVAILABLE");
        afterwards.ErrorInfo()!.Metadata["state"].ShouldBe("DEPLETED");
    }

    [Fact]
    public async Task A_split_larger_than_the_parent_is_refused_whole()
    {
        using var technician = server.AnsesTechnician();
        var parent = await technician.RegisterSampleAsync(Catalogue.Serum(millilitres: 1));
        var request = new AliquotSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = parent.Name };
        request.Aliquots.Add(Enumerable.Range(0, 3).Select(_ => new SamplePortion
        {
            Barcode = Catalogue.Barcode(), Quantity = new Quantity { Value = 0.5, Unit = QuantityUnit.Millilitre },
        }));

        var refused = await Should.ThrowAsync<RpcException>(technician.Samples.AliquotSampleAsync(request).ResponseAsync);

        refused.Reason().ShouldBe("INSUFFICIENT_QUANTITY");
        var lineage = await technician.Samples.GetSampleLineageAsync(new GetSampleLineageRequest { Name = parent.Name });
        lineage.Descendants.ShouldBeEmpty();
        lineage.Sample.Quantity.Value.ShouldBe(1);
    }

    [Fact]
    public async Task Lineage_lists_ancestors_up_to_the_primary_sample_and_descendants_generation_by_generation()
    {
        using var technician = server.AnsesTechnician();
        var blood = await technician.RegisterSampleAsync(Catalogue.Serum(millilitres: 5));
        var derive = new DeriveSampleRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Name = blood.Name,
            Taken = new Quantity { Value = 2, Unit = QuantityUnit.Millilitre },
            MaterialType = MaterialType.Dna,
            Derivative = new SamplePortion { Barcode = Catalogue.Barcode(), Quantity = new Quantity { Value = 40, Unit = QuantityUnit.Microgram } },
        };
        var dna = (await technician.Samples.DeriveSampleAsync(derive)).Derivative;
        var aliquot = new AliquotSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = dna.Name };
        aliquot.Aliquots.Add(new SamplePortion { Barcode = Catalogue.Barcode(), Quantity = new Quantity { Value = 10, Unit = QuantityUnit.Microgram } });
        var dnaAliquot = (await technician.Samples.AliquotSampleAsync(aliquot)).Aliquots.Single();

        var fromTop = await technician.Samples.GetSampleLineageAsync(new GetSampleLineageRequest { Name = blood.Name });
        var fromBottom = await technician.Samples.GetSampleLineageAsync(new GetSampleLineageRequest { Name = dnaAliquot.Name });

        dna.MaterialType.ShouldBe(MaterialType.Dna);
        dna.Quantity.Unit.ShouldBe(QuantityUnit.Microgram);
        fromTop.Sample.Quantity.Value.ShouldBe(3);
        fromTop.Descendants.Select(s => s.Name).ShouldBe([dna.Name, dnaAliquot.Name]);
        fromBottom.Ancestors.Select(s => s.Name).ShouldBe([dna.Name, blood.Name]);
        fromBottom.Sample.Quantity.Value.ShouldBe(10);
    }

    [Fact]
    public async Task Check_out_counts_freeze_thaw_cycles_and_cannot_happen_twice()
    {
        using var technician = server.AnsesTechnician();
        var sample = await technician.RegisterSampleAsync();

        for (var cycle = 0; cycle < 2; cycle++)
        {
            await technician.Samples.CheckOutSampleAsync(new CheckOutSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = sample.Name });
            await technician.Samples.CheckInSampleAsync(new CheckInSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = sample.Name });
        }

        var checkedOut = await technician.Samples.CheckOutSampleAsync(new CheckOutSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = sample.Name });
        var twice = await Should.ThrowAsync<RpcException>(
            technician.Samples.CheckOutSampleAsync(new CheckOutSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = sample.Name }).ResponseAsync);

        checkedOut.FreezeThawCount.ShouldBe(3);
        checkedOut.CheckedOut.ShouldBeTrue();
        twice.Reason().ShouldBe("INVALID_STATE_TRANSITION");
    }

    [Fact]
    public async Task A_held_sample_cannot_be_moved_split_or_used_until_a_biobank_manager_lifts_every_hold()
    {
        using var technician = server.AnsesTechnician();
        using var manager = server.AnsesBiobankManager();
        var box = await manager.CreateBoxAsync();
        var sample = await technician.RegisterSampleAsync(Catalogue.Serum(position: box.At("A1")));
        var held = await technician.Samples.PlaceHoldAsync(new PlaceHoldRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = sample.Name, Kind = HoldKind.Quarantine, Reason = "Mycoplasma suspected in the batch",
        });

        var move = await Should.ThrowAsync<RpcException>(technician.Samples.MoveSampleAsync(
            new MoveSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = sample.Name, StoragePosition = box.At("A2") }).ResponseAsync);
        var use = await Should.ThrowAsync<RpcException>(UseAsync(technician, sample.Name, 0.1, QuantityUnit.Millilitre));
        var liftByTechnician = await Should.ThrowAsync<RpcException>(technician.Samples.LiftHoldAsync(new LiftHoldRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = sample.Name, HoldId = held.Holds.Single().HoldId, Reason = "Negative PCR",
        }).ResponseAsync);
        var lifted = await manager.Samples.LiftHoldAsync(new LiftHoldRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = sample.Name, HoldId = held.Holds.Single().HoldId, Reason = "Negative PCR",
        });

        held.State.ShouldBe(SampleState.OnHold);
        held.Holds.Single().Kind.ShouldBe(HoldKind.Quarantine);
        move.Reason().ShouldBe("SAMPLE_NOT_AVAILABLE");
        move.ErrorInfo()!.Metadata["state"].ShouldBe("ON_HOLD");
        use.Reason().ShouldBe("SAMPLE_NOT_AVAILABLE");
        liftByTechnician.Reason().ShouldBe("ROLE_REQUIRED");
        lifted.State.ShouldBe(SampleState.Available);
        lifted.Holds.ShouldBeEmpty();
    }

    [Fact]
    public async Task Disposal_is_final_frees_the_position_and_waits_for_a_legal_hold_to_be_lifted()
    {
        using var manager = server.AnsesBiobankManager();
        var box = await manager.CreateBoxAsync();
        var sample = await manager.RegisterSampleAsync(Catalogue.Serum(position: box.At("C3")));
        var legal = await manager.Samples.PlaceHoldAsync(new PlaceHoldRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = sample.Name, Kind = HoldKind.Legal, Reason = "Seized for inquiry 2026-114",
        });
        DisposeSampleRequest Disposal() => new() { RequestId = BiobankClient.NewRequestId(), Name = sample.Name, Method = "autoclave", Reason = "End of study" };

        var whileHeld = await Should.ThrowAsync<RpcException>(manager.Samples.DisposeSampleAsync(Disposal()).ResponseAsync);
        await manager.Samples.LiftHoldAsync(new LiftHoldRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = sample.Name, HoldId = legal.Holds.Single().HoldId, Reason = "Inquiry closed",
        });
        var disposed = await manager.Samples.DisposeSampleAsync(Disposal());
        var again = await Should.ThrowAsync<RpcException>(manager.Samples.DisposeSampleAsync(Disposal()).ResponseAsync);
        var hold = await Should.ThrowAsync<RpcException>(manager.Samples.PlaceHoldAsync(new PlaceHoldRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = sample.Name, Kind = HoldKind.Quality, Reason = "Too late",
        }).ResponseAsync);

        whileHeld.Reason().ShouldBe("SAMPLE_NOT_AVAILABLE");
        whileHeld.ErrorInfo()!.Metadata["hold_id"].ShouldBe(legal.Holds.Single().HoldId);
        disposed.State.ShouldBe(SampleState.Disposed);
        disposed.StoragePosition.ShouldBeNull();
        again.Reason().ShouldBe("SAMPLE_NOT_AVAILABLE");
        hold.Reason().ShouldBe("SAMPLE_NOT_AVAILABLE");
        (await manager.Storage.GetStorageUnitAsync(new GetStorageUnitRequest { Name = box.Name })).OccupiedPositions.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_retried_split_returns_the_first_answer_and_makes_no_more_children()
    {
        using var technician = server.AnsesTechnician();
        var parent = await technician.RegisterSampleAsync(Catalogue.Serum(millilitres: 2));
        var request = new AliquotSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = parent.Name };
        request.Aliquots.Add(new SamplePortion { Barcode = Catalogue.Barcode(), Quantity = new Quantity { Value = 0.5, Unit = QuantityUnit.Millilitre } });

        var first = await technician.Samples.AliquotSampleAsync(request);
        var retried = await technician.Samples.AliquotSampleAsync(request);

        retried.ShouldBe(first);
        var lineage = await technician.Samples.GetSampleLineageAsync(new GetSampleLineageRequest { Name = parent.Name });
        lineage.Descendants.Count.ShouldBe(1);
        lineage.Sample.Quantity.Value.ShouldBe(1.5);
    }

    [Fact]
    public async Task Other_organisations_cannot_split_or_use_a_sample_and_technicians_cannot_dispose_of_one()
    {
        using var technician = server.AnsesTechnician();
        using var partner = server.InsermBiobankManager();
        var sample = await technician.RegisterSampleAsync();
        var split = new AliquotSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = sample.Name };
        split.Aliquots.Add(new SamplePortion { Barcode = Catalogue.Barcode(), Quantity = new Quantity { Value = 0.5, Unit = QuantityUnit.Millilitre } });

        var splitByPartner = await Should.ThrowAsync<RpcException>(partner.Samples.AliquotSampleAsync(split).ResponseAsync);
        var usedByPartner = await Should.ThrowAsync<RpcException>(UseAsync(partner, sample.Name, 0.5, QuantityUnit.Millilitre));
        var disposedByTechnician = await Should.ThrowAsync<RpcException>(technician.Samples.DisposeSampleAsync(
            new DisposeSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = sample.Name, Method = "autoclave", Reason = "Tidying up" }).ResponseAsync);

        splitByPartner.Reason().ShouldBe("ORGANISATION_MISMATCH");
        usedByPartner.Reason().ShouldBe("ORGANISATION_MISMATCH");
        disposedByTechnician.Reason().ShouldBe("ROLE_REQUIRED");
        (await technician.Samples.GetSampleAsync(new GetSampleRequest { Name = sample.Name })).Quantity.Value.ShouldBe(2);
    }

    private static Task<Sample> UseAsync(BiobankClient client, string name, double value, QuantityUnit unit) =>
        client.Samples.RecordSampleUseAsync(new RecordSampleUseRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = name, Quantity = new Quantity { Value = value, Unit = unit }, Purpose = "ELISA",
        }).ResponseAsync;
}
