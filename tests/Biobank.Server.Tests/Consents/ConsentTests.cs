using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Server.Tests.Consents;

public sealed class ConsentTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task Withdrawal_holds_every_sample_of_the_donor_and_every_sample_made_from_them_and_refuses_new_ones()
    {
        using var manager = server.AnsesBiobankManager();
        using var technician = server.AnsesTechnician();
        var donor = Donor();
        var consent = await RecordAsync(manager, donor, PermittedUse.GeneralResearch, PermittedUse.GeneticResearch);
        var serum = await technician.RegisterSampleAsync(Catalogue.Serum(donor));
        var other = await technician.RegisterSampleAsync(Catalogue.Serum(donor));
        var disposed = await technician.RegisterSampleAsync(Catalogue.Serum(donor));
        await manager.Samples.DisposeSampleAsync(new DisposeSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = disposed.Name, Method = "autoclave", Reason = "Haemolysed" });
        var aliquot = new AliquotSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = serum.Name };
        aliquot.Aliquots.Add(new SamplePortion { Barcode = Catalogue.Barcode(), Quantity = new Quantity { Value = 0.5, Unit = QuantityUnit.Millilitre } });
        var child = (await technician.Samples.AliquotSampleAsync(aliquot)).Aliquots.Single();
        var bystander = await technician.RegisterSampleAsync(Catalogue.Serum(Donor()));

        var withdrawal = await manager.Consents.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = consent.Name, Scope = WithdrawalScope.DestroyRemainingMaterial, Reason = "Letter of 2026-03-02",
        });
        var later = await Should.ThrowAsync<RpcException>(technician.RegisterSampleAsync(Catalogue.Serum(donor)));

        withdrawal.Consent.Withdrawn.ShouldBeTrue();
        withdrawal.HeldSamples.ShouldBe(new[] { serum.Name, other.Name, child.Name }.Order(StringComparer.Ordinal));
        foreach (var name in withdrawal.HeldSamples)
        {
            var held = await technician.Samples.GetSampleAsync(new GetSampleRequest { Name = name });
            held.State.ShouldBe(SampleState.OnHold);
            held.Holds.Single().Kind.ShouldBe(HoldKind.ConsentReview);
        }

        (await technician.Samples.GetSampleAsync(new GetSampleRequest { Name = bystander.Name })).State.ShouldBe(SampleState.Available);
        later.Reason().ShouldBe("CONSENT_WITHDRAWN");
    }

    [Fact]
    public async Task A_consent_is_one_per_donor_and_collection_found_by_pseudonym_by_its_organisations_biobank_managers_only()
    {
        using var manager = server.AnsesBiobankManager();
        var donor = Donor();
        var first = await RecordAsync(manager, donor, PermittedUse.GeneralResearch);
        var second = await RecordAsync(manager, donor, PermittedUse.GeneralResearch, PermittedUse.PartnerSharing);
        using var technician = server.AnsesTechnician();
        using var partner = server.InsermBiobankManager();

        var found = await manager.Consents.LookupConsentAsync(new LookupConsentRequest { DonorPseudonym = donor, Collection = "EPIDEMIO-AMR" });
        var byTechnician = await Should.ThrowAsync<RpcException>(technician.Consents.GetConsentAsync(new GetConsentRequest { Name = first.Name }).ResponseAsync);
        var byPartner = await Should.ThrowAsync<RpcException>(partner.Consents.GetConsentAsync(new GetConsentRequest { Name = first.Name }).ResponseAsync);

        second.Name.ShouldBe(first.Name);
        found.Etag.ShouldBe("2");
        found.PermittedUses.ShouldBe([PermittedUse.GeneralResearch, PermittedUse.PartnerSharing]);
        byTechnician.Reason().ShouldBe("ROLE_REQUIRED");
        byPartner.StatusCode.ShouldBe(StatusCode.NotFound);
    }

    [Fact]
    public async Task Registrations_racing_a_withdrawal_are_either_refused_or_held()
    {
        using var manager = server.AnsesBiobankManager();
        var donor = Donor();
        var consent = await RecordAsync(manager, donor, PermittedUse.GeneralResearch);

        var registrations = Race.RunAsync(16, i => server.AnsesTechnician($"tech-{i}"), client => client.RegisterSampleAsync(Catalogue.Serum(donor)));
        var withdrawal = manager.Consents.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = consent.Name, Scope = WithdrawalScope.StopFutureUse, Reason = "Phone call",
        }).ResponseAsync;
        var results = await registrations;
        await withdrawal;

        results.Where(r => r.Error is not null).ShouldAllBe(r => r.Error!.Reason() == "CONSENT_WITHDRAWN");
        var registered = await manager.Samples.ListSamplesAsync(new ListSamplesRequest { DonorPseudonym = donor });
        registered.Samples.Count.ShouldBe(results.Count(r => r.Error is null));
        registered.Samples.ShouldAllBe(s => s.State == SampleState.OnHold);
    }

    [Fact]
    public async Task A_partner_cannot_probe_or_withdraw_another_organisations_consent()
    {
        using var manager = server.AnsesBiobankManager();
        using var partner = server.InsermBiobankManager();
        var consent = await RecordAsync(manager, Donor(), PermittedUse.GeneralResearch);

        var probe = await Should.ThrowAsync<RpcException>(partner.Consents.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = consent.Name, Scope = WithdrawalScope.StopFutureUse, Reason = "Guess",
        }).ResponseAsync);
        var unknown = await Should.ThrowAsync<RpcException>(partner.Consents.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = "consents/no-such-donor", Scope = WithdrawalScope.StopFutureUse, Reason = "Guess",
        }).ResponseAsync);

        probe.StatusCode.ShouldBe(StatusCode.NotFound);
        unknown.StatusCode.ShouldBe(StatusCode.NotFound);
        (await manager.Consents.GetConsentAsync(new GetConsentRequest { Name = consent.Name })).Withdrawn.ShouldBeFalse();
    }

    [Fact]
    public async Task After_withdrawal_a_lifted_hold_does_not_make_the_material_allocatable_and_hides_the_donor()
    {
        using var manager = server.AnsesBiobankManager();
        using var technician = server.AnsesTechnician();
        var donor = Donor();
        var consent = await RecordAsync(manager, donor, PermittedUse.GeneralResearch);
        var serum = await technician.RegisterSampleAsync(Catalogue.Serum(donor));
        await manager.Consents.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = consent.Name, Scope = WithdrawalScope.StopFutureUse, Reason = "Phone call",
        });
        var held = await technician.Samples.GetSampleAsync(new GetSampleRequest { Name = serum.Name });
        await manager.Samples.LiftHoldAsync(new LiftHoldRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = serum.Name, HoldId = held.Holds.Single().HoldId, Reason = "Reviewed before disposal",
        });

        var allocate = new AllocateSamplesRequest { RequestId = BiobankClient.NewRequestId(), Project = "AMR-2026", ExpireTime = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow().AddDays(7)) };
        allocate.Samples.Add(serum.Name);
        var refused = await Should.ThrowAsync<RpcException>(technician.Samples.AllocateSamplesAsync(allocate).ResponseAsync);
        var aliquot = new AliquotSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = serum.Name };
        aliquot.Aliquots.Add(new SamplePortion { Barcode = Catalogue.Barcode(), Quantity = new Quantity { Value = 0.5, Unit = QuantityUnit.Millilitre } });
        var split = await Should.ThrowAsync<RpcException>(technician.Samples.AliquotSampleAsync(aliquot).ResponseAsync);

        held.Holds.Single().Reason.ShouldNotContain(consent.Name);
        refused.Reason().ShouldBe("CONSENT_WITHDRAWN");
        split.Reason().ShouldBe("CONSENT_WITHDRAWN");
    }

    private static string Donor() => $"DON-{Guid.NewGuid():N}"[..14];

    private static Task<Consent> RecordAsync(BiobankClient manager, string donor, params PermittedUse[] uses)
    {
        var consent = new Consent { DonorPseudonym = donor, Collection = "EPIDEMIO-AMR", DocumentVersion = "v3-2025" };
        consent.PermittedUses.Add(uses);
        return manager.Consents.RecordConsentAsync(new RecordConsentRequest { RequestId = BiobankClient.NewRequestId(), Consent = consent }).ResponseAsync;
    }
}
