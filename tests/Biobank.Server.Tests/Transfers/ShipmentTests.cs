using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;

namespace Biobank.Server.Tests.Transfers;

/// <summary>Samples shipped from Anses to Inserm: request, approval, dispatch, receipt, and what each party sees on the way.</summary>
public sealed class ShipmentTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task A_shipment_to_the_partner_under_an_agreement_passes_custody_to_the_partner_at_receipt()
    {
        using var technician = server.AnsesTechnician();
        using var biobank = server.AnsesBiobankManager();
        using var receiver = server.InsermTechnician();
        using var insermBiobank = server.InsermBiobankManager();
        var agreement = await biobank.RegisterAgreementAsync();
        var samples = await biobank.ConsentedSerumAsync(2);
        var inserm = await insermBiobank.CreateBoxAsync(Shipping.Cochin);

        var requested = await technician.RequestAsync(Shipping.Transfer(samples.Select(s => s.Name), agreement: agreement.Name));
        var approved = await biobank.ApproveAsync(requested);
        var dispatched = await biobank.DispatchAsync(approved);
        var onTheRoad = await receiver.GetAsync(samples[0]);
        var received = await receiver.ReceiveAsync(dispatched, Shipping.Good(samples[0].Name, inserm.At("A1")), Shipping.Good(samples[1].Name, inserm.At("A2")));

        requested.State.ShouldBe(TransferState.Requested);
        requested.FromOrganisation.ShouldBe("organisations/anses");
        requested.ToOrganisation.ShouldBe("organisations/inserm");
        requested.RequestedBy.ShouldBe("alice.tech");
        requested.Items.ShouldAllBe(i => i.State == TransferItemState.Awaiting);
        approved.State.ShouldBe(TransferState.Approved);
        approved.ApprovalChecks.Count.ShouldBe(2 * 6);
        approved.ApprovalChecks.ShouldAllBe(c => c.Passed);
        approved.ApprovalChecks.Single(c => c.Item == samples[0].Name && c.Check == ErrorReason.TransferAgreementNotCovering)
            .Inputs["agreement"].ShouldBe(agreement.Name);
        approved.ApprovalChecks.Single(c => c.Item == samples[0].Name && c.Check == ErrorReason.TransferConsentNotGiven)
            .Inputs["needed"].ShouldBe("GeneralResearch,PartnerSharing");
        dispatched.State.ShouldBe(TransferState.Dispatched);
        dispatched.DispatchChecks.Count.ShouldBe(2 * 6);
        dispatched.Shipment.Carrier.ShouldBe("World Courier");
        dispatched.Shipment.Packaging.ShouldBe(Packaging.Un3373CategoryB);
        dispatched.Shipment.SealIds.ShouldBe(["SEAL-1", "SEAL-2"]);
        dispatched.Items.ShouldAllBe(i => i.State == TransferItemState.InTransit);
        onTheRoad.State.ShouldBe(SampleState.InTransit);
        onTheRoad.Transfer.ShouldBe(requested.Name);
        onTheRoad.CatalogueOnly.ShouldBeTrue("the receiver sees the catalogue until custody passes");
        received.State.ShouldBe(TransferState.Received);
        received.Items.ShouldAllBe(i => i.State == TransferItemState.Received && i.Condition == ItemCondition.Good);
        received.Items[0].StoragePosition.ShouldBe(inserm.At("A1"));
        received.Items[0].ReceivedQuantity.Value.ShouldBe(2);

        var atInserm = await receiver.GetAsync(samples[0]);
        atInserm.CustodianOrganisation.ShouldBe("organisations/inserm");
        atInserm.CatalogueOnly.ShouldBeFalse();
        atInserm.State.ShouldBe(SampleState.Available);
        atInserm.Site.ShouldBe(Shipping.Cochin);
        atInserm.StoragePosition.ShouldBe(inserm.At("A1"));
        atInserm.Transfer.ShouldBeEmpty();
        (await technician.GetAsync(samples[0])).CatalogueOnly.ShouldBeTrue("the sender sees the catalogue once custody has passed");
        var scanned = await receiver.Samples.LookupSampleAsync(new LookupSampleRequest { Barcode = samples[1].Barcode, Organisation = "organisations/anses" });
        scanned.Name.ShouldBe(samples[1].Name);
        var anses = await biobank.Storage.GetStorageUnitAsync(new GetStorageUnitRequest { Name = samples[0].StoragePosition.StorageUnit });
        anses.FreePositions.ShouldBe(96, "the tubes left their positions at dispatch");
    }

    [Fact]
    public async Task A_rejected_request_ends_and_its_items_can_be_asked_for_again()
    {
        using var technician = server.AnsesTechnician();
        using var biobank = server.AnsesBiobankManager();
        var agreement = await biobank.RegisterAgreementAsync();
        var samples = await biobank.ConsentedSerumAsync(1);
        var requested = await technician.RequestAsync(Shipping.Transfer([samples[0].Name], agreement: agreement.Name));

        var rejected = await biobank.Transfers.RejectTransferAsync(new RejectTransferRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = requested.Name, Reason = "Aliquot first; send the aliquots",
        });
        var again = await technician.RequestAsync(Shipping.Transfer([samples[0].Name], agreement: agreement.Name));
        var late = await Should.ThrowAsync<RpcException>(biobank.ApproveAsync(rejected));

        rejected.State.ShouldBe(TransferState.Rejected);
        rejected.StateReason.ShouldBe("Aliquot first; send the aliquots");
        again.State.ShouldBe(TransferState.Requested);
        late.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        late.Reason().ShouldBe("INVALID_STATE_TRANSITION");
        (await technician.GetAsync(samples[0])).State.ShouldBe(SampleState.Available);
    }

    [Fact]
    public async Task The_requester_may_cancel_before_dispatch_and_nobody_after()
    {
        using var technician = server.AnsesTechnician();
        using var colleague = server.AnsesTechnician("emma.tech");
        using var biobank = server.AnsesBiobankManager();
        var agreement = await biobank.RegisterAgreementAsync();
        var samples = await biobank.ConsentedSerumAsync(2);
        var first = await technician.RequestAsync(Shipping.Transfer([samples[0].Name], agreement: agreement.Name));
        var second = await technician.RequestAsync(Shipping.Transfer([samples[1].Name], agreement: agreement.Name));
        await biobank.DispatchAsync(await biobank.ApproveAsync(second));

        var notTheirs = await Should.ThrowAsync<RpcException>(Cancel(colleague, first).ResponseAsync);
        var cancelled = await Cancel(technician, first);
        var tooLate = await Should.ThrowAsync<RpcException>(Cancel(biobank, second).ResponseAsync);

        notTheirs.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        cancelled.State.ShouldBe(TransferState.Cancelled);
        cancelled.StateReason.ShouldBe("Project postponed");
        tooLate.Reason().ShouldBe("INVALID_STATE_TRANSITION");
        tooLate.ErrorInfo()!.Metadata["state"].ShouldBe("DISPATCHED");
        (await biobank.GetAsync(samples[1])).State.ShouldBe(SampleState.InTransit);
    }

    [Fact]
    public async Task A_partial_receipt_quarantines_a_damaged_tube_records_a_missing_one_as_lost_and_a_repeated_receipt_changes_nothing()
    {
        using var biobank = server.AnsesBiobankManager();
        using var receiver = server.InsermTechnician();
        using var insermBiobank = server.InsermBiobankManager();
        var agreement = await biobank.RegisterAgreementAsync();
        var samples = await biobank.ConsentedSerumAsync(3);
        var box = await insermBiobank.CreateBoxAsync(Shipping.Cochin);
        var dispatched = await biobank.DispatchAsync(await biobank.ApproveAsync(
            await biobank.RequestAsync(Shipping.Transfer(samples.Select(s => s.Name), agreement: agreement.Name))));
        var damaged = new ItemReceipt { Item = samples[1].Name, Condition = ItemCondition.Damaged, StoragePosition = box.At("B1") };

        var partly = await receiver.ReceiveAsync(dispatched, Shipping.Good(samples[0].Name, box.At("A1")), damaged);
        var repeated = await receiver.ReceiveAsync(dispatched, Shipping.Good(samples[0].Name, box.At("A1")), damaged);
        var conflicting = await Should.ThrowAsync<RpcException>(receiver.ReceiveAsync(dispatched, Shipping.Good(samples[1].Name, box.At("B1"))));
        var whole = await receiver.ReceiveAsync(dispatched, new ItemReceipt { Item = samples[2].Name, Condition = ItemCondition.Missing });

        partly.State.ShouldBe(TransferState.PartiallyReceived);
        partly.Items.Select(i => i.State).ShouldBe([TransferItemState.Received, TransferItemState.Received, TransferItemState.InTransit]);
        partly.Items[1].Condition.ShouldBe(ItemCondition.Damaged);
        repeated.Etag.ShouldBe(partly.Etag);
        conflicting.Reason().ShouldBe("INVALID_STATE_TRANSITION");
        whole.State.ShouldBe(TransferState.Received);
        whole.Items[2].State.ShouldBe(TransferItemState.Lost);
        var quarantined = await receiver.GetAsync(samples[1]);
        quarantined.State.ShouldBe(SampleState.OnHold);
        quarantined.Holds.Single().Kind.ShouldBe(HoldKind.Quarantine);
        quarantined.Holds.Single().Reason.ShouldContain("Damaged");
        (await receiver.GetAsync(samples[0])).State.ShouldBe(SampleState.Available);
        var lost = await biobank.GetAsync(samples[2]);
        lost.State.ShouldBe(SampleState.Lost);
        lost.CustodianOrganisation.ShouldBe("organisations/anses");
    }

    [Fact]
    public async Task A_receipt_with_one_item_refused_records_nothing_of_the_others()
    {
        using var biobank = server.AnsesBiobankManager();
        using var receiver = server.InsermTechnician();
        using var insermBiobank = server.InsermBiobankManager();
        var agreement = await biobank.RegisterAgreementAsync();
        var samples = await biobank.ConsentedSerumAsync(2);
        var box = await insermBiobank.CreateBoxAsync(Shipping.Cochin);
        var occupant = await insermBiobank.RegisterSampleAsync(Catalogue.Serum(position: box.At("A2")));
        var dispatched = await biobank.DispatchAsync(await biobank.ApproveAsync(
            await biobank.RequestAsync(Shipping.Transfer(samples.Select(s => s.Name), agreement: agreement.Name))));

        var refused = await Should.ThrowAsync<RpcException>(
            receiver.ReceiveAsync(dispatched, Shipping.Good(samples[0].Name, box.At("A1")), Shipping.Good(samples[1].Name, box.At("A2"))));

        refused.Reason().ShouldBe("POSITION_OCCUPIED");
        (await receiver.GetAsync(dispatched)).ShouldBe(dispatched);
        var first = await biobank.GetAsync(samples[0]);
        first.State.ShouldBe(SampleState.InTransit);
        first.CustodianOrganisation.ShouldBe("organisations/anses");
        var positions = await insermBiobank.Storage.GetStorageUnitAsync(new GetStorageUnitRequest { Name = box.Name });
        positions.FreePositions.ShouldBe(95, $"only {occupant.Name} is in the box");
    }

    [Fact]
    public async Task A_dispatch_refused_by_one_item_moves_none()
    {
        using var biobank = server.AnsesBiobankManager();
        var agreement = await biobank.RegisterAgreementAsync();
        var samples = await biobank.ConsentedSerumAsync(2);
        var approved = await biobank.ApproveAsync(await biobank.RequestAsync(Shipping.Transfer(samples.Select(s => s.Name), agreement: agreement.Name)));
        await biobank.Samples.PlaceHoldAsync(new PlaceHoldRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = samples[1].Name, Kind = HoldKind.Quality, Reason = "Haemolysis seen when packing",
        });

        var refused = await Should.ThrowAsync<RpcException>(biobank.DispatchAsync(approved));

        refused.Reason().ShouldBe("RELEASE_GATE_FAILED");
        refused.PreconditionViolations().Single().Subject.ShouldBe(samples[1].Name);
        (await biobank.GetAsync(approved)).ShouldBe(approved);
        var first = await biobank.GetAsync(samples[0]);
        first.State.ShouldBe(SampleState.Available);
        first.StoragePosition.ShouldBe(samples[0].StoragePosition);
    }

    [Fact]
    public async Task A_consent_withdrawn_while_a_transfer_is_open_holds_the_donors_samples_and_blocks_dispatch()
    {
        using var biobank = server.AnsesBiobankManager();
        var agreement = await biobank.RegisterAgreementAsync();
        var samples = await biobank.ConsentedSerumAsync(1);
        var approved = await biobank.ApproveAsync(await biobank.RequestAsync(Shipping.Transfer([samples[0].Name], agreement: agreement.Name)));
        var consent = await biobank.Consents.LookupConsentAsync(new LookupConsentRequest { DonorPseudonym = samples[0].DonorPseudonym, Collection = "EPIDEMIO-AMR" });

        var withdrawal = await biobank.Consents.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = consent.Name, Scope = WithdrawalScope.StopFutureUse, Reason = "Donor's letter",
        });
        var refused = await Should.ThrowAsync<RpcException>(biobank.DispatchAsync(approved));

        withdrawal.HeldSamples.ShouldBe([samples[0].Name]);
        refused.Reason().ShouldBe("RELEASE_GATE_FAILED");
        refused.PreconditionViolations().Select(v => v.Type).Order().ShouldBe(["TRANSFER_CONSENT_NOT_GIVEN", "TRANSFER_ITEM_ON_HOLD"]);
    }

    [Fact]
    public async Task A_consent_withdrawn_after_the_partner_received_the_sample_holds_it_there()
    {
        using var biobank = server.AnsesBiobankManager();
        using var receiver = server.InsermTechnician();
        var agreement = await biobank.RegisterAgreementAsync();
        var samples = await biobank.ConsentedSerumAsync(1);
        var dispatched = await biobank.DispatchAsync(await biobank.ApproveAsync(
            await biobank.RequestAsync(Shipping.Transfer([samples[0].Name], agreement: agreement.Name))));
        await receiver.ReceiveAsync(dispatched, Shipping.Good(samples[0].Name));
        var consent = await biobank.Consents.LookupConsentAsync(new LookupConsentRequest { DonorPseudonym = samples[0].DonorPseudonym, Collection = "EPIDEMIO-AMR" });

        var withdrawal = await biobank.Consents.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = consent.Name, Scope = WithdrawalScope.StopFutureUse, Reason = "Donor's letter",
        });

        withdrawal.HeldSamples.ShouldBe([samples[0].Name]);
        var atInserm = await receiver.GetAsync(samples[0]);
        atInserm.CustodianOrganisation.ShouldBe("organisations/inserm");
        atInserm.Site.ShouldBe(Shipping.Cochin);
        atInserm.State.ShouldBe(SampleState.OnHold);
    }

    [Fact]
    public async Task A_transfer_between_two_sites_of_one_organisation_is_the_organisations_own()
    {
        using var biobank = server.AnsesBiobankManager();
        using var partner = server.InsermBiobankManager();
        using var auditor = server.Auditor();
        var samples = await biobank.ConsentedSerumAsync(1);
        var lyon = await biobank.CreateBoxAsync(Shipping.Lyon);

        var internalTransfer = await biobank.RequestAsync(Shipping.Transfer([samples[0].Name], to: Shipping.Lyon));
        var hidden = await Should.ThrowAsync<RpcException>(partner.GetAsync(internalTransfer));
        var denied = await Should.ThrowAsync<RpcException>(partner.Transfers.ListTransfersAsync(new ListTransfersRequest { Organisation = "organisations/anses" }).ResponseAsync);
        var audited = await auditor.Transfers.ListTransfersAsync(new ListTransfersRequest { Organisation = "organisations/anses", Item = samples[0].Name });
        await biobank.DispatchAsync(await biobank.ApproveAsync(internalTransfer));
        var received = await biobank.ReceiveAsync(internalTransfer, Shipping.Good(samples[0].Name, lyon.At("H12")));
        var moved = await biobank.GetAsync(samples[0]);

        internalTransfer.Agreement.ShouldBeEmpty("no agreement is needed within an organisation");
        hidden.StatusCode.ShouldBe(StatusCode.NotFound);
        denied.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        audited.Transfers.Single().Name.ShouldBe(internalTransfer.Name);
        received.State.ShouldBe(TransferState.Received);
        moved.Site.ShouldBe(Shipping.Lyon);
        moved.StoragePosition.ShouldBe(lyon.At("H12"));
    }

    [Fact]
    public async Task A_sample_goes_between_sites_only_by_transfer()
    {
        using var biobank = server.AnsesBiobankManager();
        var samples = await biobank.ConsentedSerumAsync(1);
        var lyon = await biobank.CreateBoxAsync(Shipping.Lyon);

        var refused = await Should.ThrowAsync<RpcException>(biobank.Samples.MoveSampleAsync(new MoveSampleRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = samples[0].Name, StoragePosition = lyon.At("A1"),
        }).ResponseAsync);

        refused.Reason().ShouldBe("INVALID_POSITION");
        refused.Status.Detail.ShouldContain("transfer");
    }

    [Fact]
    public async Task Samples_crossing_organisations_need_an_agreement_and_instruments_an_expected_return()
    {
        using var biobank = server.AnsesBiobankManager();
        using var facility = server.AnsesManager();
        var samples = await biobank.ConsentedSerumAsync(1);
        var qpcr = await facility.RegisterAsync("Bio-Rad CFX Opus 96", EquipmentKind.PcrSystem, Shipping.MaisonsAlfort);

        var invalid = await Should.ThrowAsync<RpcException>(biobank.RequestAsync(Shipping.Transfer([samples[0].Name, qpcr.Name, samples[0].Name, "tubes/7"])));

        invalid.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        invalid.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal).ShouldBe(
        [
            "transfer.agreement", "transfer.expected_return_time", "transfer.items", "transfer.items[3].item",
        ]);
    }

    [Fact]
    public async Task A_receiving_lab_learns_that_its_shipment_left_without_polling()
    {
        using var biobank = server.AnsesBiobankManager();
        using var lims = server.ClientFor("lims.cochin", "inserm", Biobank.Domain.Access.Role.LabSystem);
        var agreement = await biobank.RegisterAgreementAsync();
        var samples = await biobank.ConsentedSerumAsync(1);
        var request = Shipping.Transfer([samples[0].Name], agreement: agreement.Name);
        request.TransferId = $"watched-{Guid.NewGuid():N}"[..20];
        using var watch = lims.Transfers.WatchTransfers(new WatchTransfersRequest());
        var changes = new List<TransferChange>();
        var watching = Task.Run(async () =>
        {
            while (await watch.ResponseStream.MoveNext(CancellationToken.None))
            {
                changes.Add(watch.ResponseStream.Current);
                if (watch.ResponseStream.Current is { Change: "TransferDispatched" } change && change.Transfer.Name == $"transfers/{request.TransferId}")
                {
                    return;
                }
            }
        });

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var transfer = await biobank.RequestAsync(request);
        await biobank.DispatchAsync(await biobank.ApproveAsync(transfer));
        await watching.WaitAsync(TimeSpan.FromSeconds(30));

        changes.Where(c => c.Transfer.Name == transfer.Name).Select(c => c.Change).ShouldBe(["TransferRequested", "TransferApproved", "TransferDispatched"]);
        changes.Last().Transfer.Shipment.TrackingNumber.ShouldBe("WC-7731-0042");
        var resumed = lims.Transfers.WatchTransfers(new WatchTransfersRequest { Item = samples[0].Name, ResumeAfter = "0" });
        (await resumed.ResponseStream.MoveNext(CancellationToken.None)).ShouldBeTrue();
        resumed.ResponseStream.Current.Change.ShouldBe("TransferRequested");
        resumed.Dispose();
    }

    private static AsyncUnaryCall<Transfer> Cancel(BiobankClient client, Transfer transfer) =>
        client.Transfers.CancelTransferAsync(new CancelTransferRequest { RequestId = BiobankClient.NewRequestId(), Name = transfer.Name, Reason = "Project postponed" });
}
