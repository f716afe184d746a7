using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Server.Tests.Transfers;

/// <summary>What keeps material from leaving: each check of the release gate, failing on its own item, with its own reason.</summary>
public sealed class ReleaseGateTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task Every_failed_check_is_one_violation_naming_the_item_and_the_check()
    {
        using var biobank = server.AnsesBiobankManager();
        var agreement = await biobank.RegisterAgreementAsync();
        var samples = await biobank.ConsentedSerumAsync(4);
        var (held, allocated, depleted, fine) = (samples[0], samples[1], samples[2], samples[3]);
        var unshared = await RegisterAsync(biobank, Catalogue.Serum(Shipping.Donor()), consentedUses: [PermittedUse.GeneralResearch]);
        var dna = await RegisterAsync(biobank, Catalogue.Serum(Shipping.Donor()), material: MaterialType.Dna);
        var elsewhere = await RegisterAsync(biobank, Catalogue.Serum(Shipping.Donor(), position: (await biobank.CreateBoxAsync(Shipping.Lyon)).At("A1")));
        var transfer = await biobank.RequestAsync(Shipping.Transfer(
            [held.Name, allocated.Name, depleted.Name, fine.Name, unshared.Name, dna.Name, elsewhere.Name], agreement: agreement.Name));
        await biobank.Samples.PlaceHoldAsync(new PlaceHoldRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = held.Name, Kind = HoldKind.Legal, Reason = "Seized for an inquiry",
        });
        await biobank.Samples.AllocateSamplesAsync(new AllocateSamplesRequest
        {
            RequestId = BiobankClient.NewRequestId(), Samples = { allocated.Name }, Project = "SERO-2026",
            ExpireTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30)),
        });
        await biobank.Samples.RecordSampleUseAsync(new RecordSampleUseRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = depleted.Name, Quantity = new Quantity { Value = 2, Unit = QuantityUnit.Millilitre }, Purpose = "ELISA",
        });

        var refused = await Should.ThrowAsync<RpcException>(biobank.ApproveAsync(transfer));

        refused.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        refused.Reason().ShouldBe("RELEASE_GATE_FAILED");
        refused.ErrorInfo()!.Metadata["failed_checks"].ShouldBe("6");
        refused.PreconditionViolations().Select(v => (v.Subject, v.Type)).OrderBy(v => v.Subject, StringComparer.Ordinal).ShouldBe(new[]
        {
            (held.Name, "TRANSFER_ITEM_ON_HOLD"),
            (allocated.Name, "TRANSFER_ITEM_ALLOCATED"),
            (depleted.Name, "TRANSFER_ITEM_UNAVAILABLE"),
            (unshared.Name, "TRANSFER_CONSENT_NOT_GIVEN"),
            (dna.Name, "TRANSFER_AGREEMENT_NOT_COVERING"),
            (elsewhere.Name, "TRANSFER_ITEM_ELSEWHERE"),
        }.OrderBy(v => v.Item1, StringComparer.Ordinal));
        refused.PreconditionViolations().Single(v => v.Subject == dna.Name).Description.ShouldContain("material_type=Dna");
        (await biobank.GetAsync(transfer)).State.ShouldBe(TransferState.Requested);
    }

    [Fact]
    public async Task A_revoked_expired_or_reversed_agreement_covers_nothing()
    {
        using var biobank = server.AnsesBiobankManager();
        using var partner = server.InsermBiobankManager();
        var revoked = await biobank.RegisterAgreementAsync();
        await partner.Agreements.RevokeAgreementAsync(new RevokeAgreementRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = revoked.Name, Reason = "Superseded by MTA-2027-003",
        });
        var expired = await biobank.RegisterAgreementAsync(validity: new TimeInterval
        {
            StartTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddYears(-3)),
            EndTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
        });
        var reversed = await biobank.RegisterAgreementAsync(provider: "organisations/inserm", recipient: "organisations/anses");

        foreach (var (agreement, state) in new[] { (revoked, "Revoked"), (expired, "Expired"), (reversed, "Active") })
        {
            var samples = await biobank.ConsentedSerumAsync(1);
            var transfer = await biobank.RequestAsync(Shipping.Transfer([samples[0].Name], agreement: agreement.Name));

            var refused = await Should.ThrowAsync<RpcException>(biobank.ApproveAsync(transfer));

            var violation = refused.PreconditionViolations().Single();
            violation.Type.ShouldBe("TRANSFER_AGREEMENT_NOT_COVERING");
            violation.Description.ShouldContain($"agreement_state={state}");
        }
    }

    [Fact]
    public async Task Only_the_senders_biobank_managers_approve_a_shipment_of_samples()
    {
        using var technician = server.AnsesTechnician();
        using var facility = server.AnsesManager();
        using var partner = server.InsermBiobankManager();
        using var biobank = server.AnsesBiobankManager();
        var agreement = await biobank.RegisterAgreementAsync();
        var samples = await biobank.ConsentedSerumAsync(1);
        var transfer = await partner.RequestAsync(Shipping.Transfer([samples[0].Name], agreement: agreement.Name));

        foreach (var client in new[] { technician, facility, partner })
        {
            var denied = await Should.ThrowAsync<RpcException>(client.ApproveAsync(transfer));
            denied.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        }

        transfer.RequestingOrganisation.ShouldBe("organisations/inserm");
        (await biobank.ApproveAsync(transfer)).State.ShouldBe(TransferState.Approved);
    }

    [Fact]
    public async Task An_unknown_item_or_agreement_is_not_found_and_nothing_is_requested()
    {
        using var biobank = server.AnsesBiobankManager();
        var agreement = await biobank.RegisterAgreementAsync();
        var samples = await biobank.ConsentedSerumAsync(1);

        var noItem = await Should.ThrowAsync<RpcException>(biobank.RequestAsync(Shipping.Transfer([samples[0].Name, "samples/never-registered"], agreement: agreement.Name)));
        var noAgreement = await Should.ThrowAsync<RpcException>(biobank.RequestAsync(Shipping.Transfer([samples[0].Name], agreement: "agreements/never-signed")));
        var list = await biobank.Transfers.ListTransfersAsync(new ListTransfersRequest { Item = samples[0].Name });

        noItem.StatusCode.ShouldBe(StatusCode.NotFound);
        noItem.ErrorInfo()!.Metadata["name"].ShouldBe("samples/never-registered");
        noAgreement.StatusCode.ShouldBe(StatusCode.NotFound);
        list.Transfers.ShouldBeEmpty();
    }

    private static async Task<Sample> RegisterAsync(
        BiobankClient biobank, Sample sample, PermittedUse[]? consentedUses = null, MaterialType material = MaterialType.Serum)
    {
        await biobank.RecordConsentAsync(sample.DonorPseudonym, consentedUses ?? [PermittedUse.GeneralResearch, PermittedUse.PartnerSharing]);
        sample.MaterialType = material;
        if (sample.StoragePosition is null)
        {
            sample.StoragePosition = (await biobank.CreateBoxAsync()).At("A1");
        }

        return await biobank.RegisterSampleAsync(sample);
    }
}
