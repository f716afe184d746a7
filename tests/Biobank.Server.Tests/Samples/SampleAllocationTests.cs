using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Server.Tests.Samples;

public sealed class SampleAllocationTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task Allocated_samples_are_used_only_for_the_allocating_project_until_released()
    {
        using var technician = server.AnsesTechnician();
        var first = await technician.RegisterSampleAsync();
        var second = await technician.RegisterSampleAsync();

        var allocation = await technician.Samples.AllocateSamplesAsync(Allocate("AMR-2026", days: 7, first.Name, second.Name));
        var forOther = await Should.ThrowAsync<RpcException>(UseAsync(technician, first.Name, "OTHER-PROJECT"));
        var forProject = await UseAsync(technician, first.Name, "AMR-2026");
        var released = await technician.Samples.ReleaseSampleAllocationAsync(new ReleaseSampleAllocationRequest
        {
            RequestId = BiobankClient.NewRequestId(), AllocationId = allocation.AllocationId, Reason = "Study finished early",
        });

        allocation.Samples.ShouldAllBe(s => s.State == SampleState.Allocated && s.Allocation.Project == "AMR-2026");
        forOther.Reason().ShouldBe("SAMPLE_NOT_AVAILABLE");
        forOther.ErrorInfo()!.Metadata["project"].ShouldBe("AMR-2026");
        forProject.Quantity.Value.ShouldBe(1.5);
        released.Samples.Select(s => s.Name).ShouldBe(new[] { first.Name, second.Name }.Order(StringComparer.Ordinal));
        released.Samples.ShouldAllBe(s => s.State == SampleState.Available && s.Allocation == null);
    }

    [Fact]
    public async Task A_allocated_sample_cannot_be_split_or_derived_away_from_its_project()
    {
        using var technician = server.AnsesTechnician();
        var sample = await technician.RegisterSampleAsync();
        await technician.Samples.AllocateSamplesAsync(Allocate("AMR-2026", days: 7, sample.Name));
        var aliquot = new AliquotSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = sample.Name };
        aliquot.Aliquots.Add(new SamplePortion { Barcode = Catalogue.Barcode(), Quantity = new Quantity { Value = 0.5, Unit = QuantityUnit.Millilitre } });

        var split = await Should.ThrowAsync<RpcException>(technician.Samples.AliquotSampleAsync(aliquot).ResponseAsync);

        split.Reason().ShouldBe("SAMPLE_NOT_AVAILABLE");
        split.ErrorInfo()!.Metadata["project"].ShouldBe("AMR-2026");
        (await technician.Samples.GetSampleAsync(new GetSampleRequest { Name = sample.Name })).Quantity.Value.ShouldBe(sample.Quantity.Value);
    }

    [Fact]
    public async Task A_allocation_is_all_or_nothing()
    {
        using var technician = server.AnsesTechnician();
        var free = await technician.RegisterSampleAsync();
        var held = await technician.RegisterSampleAsync();
        await technician.Samples.PlaceHoldAsync(new PlaceHoldRequest { RequestId = BiobankClient.NewRequestId(), Name = held.Name, Kind = HoldKind.Quality, Reason = "Freezer excursion" });
        var taken = await technician.RegisterSampleAsync();
        await technician.Samples.AllocateSamplesAsync(Allocate("FIRST", days: 7, taken.Name));

        var withHeld = await Should.ThrowAsync<RpcException>(technician.Samples.AllocateSamplesAsync(Allocate("AMR-2026", days: 7, free.Name, held.Name)).ResponseAsync);
        var withTaken = await Should.ThrowAsync<RpcException>(technician.Samples.AllocateSamplesAsync(Allocate("AMR-2026", days: 7, free.Name, taken.Name)).ResponseAsync);

        withHeld.Reason().ShouldBe("SAMPLE_NOT_AVAILABLE");
        withHeld.ErrorInfo()!.Metadata["state"].ShouldBe("ON_HOLD");
        withTaken.ErrorInfo()!.Metadata["state"].ShouldBe("ALLOCATED");
        (await technician.Samples.GetSampleAsync(new GetSampleRequest { Name = free.Name })).State.ShouldBe(SampleState.Available);
    }

    [Fact]
    public async Task A_allocation_lapses_at_its_expiry_time()
    {
        using var technician = server.AnsesTechnician();
        var collection = $"EXPIRY-{Guid.NewGuid():N}"[..20];
        var serum = Catalogue.Serum();
        serum.Collection = collection;
        var sample = await technician.RegisterSampleAsync(serum);
        var request = Allocate("AMR-2026", days: 1, sample.Name);
        request.ExpireTime = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow().AddDays(1));
        await technician.Samples.AllocateSamplesAsync(request);
        var allocatedList = await technician.Samples.ListSamplesAsync(new ListSamplesRequest { Collection = collection, State = SampleState.Allocated });

        server.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var lapsed = await technician.Samples.GetSampleAsync(new GetSampleRequest { Name = sample.Name });
        var availableList = await technician.Samples.ListSamplesAsync(new ListSamplesRequest { Collection = collection, State = SampleState.Available });
        var again = await technician.Samples.AllocateSamplesAsync(Allocate("OTHER-PROJECT", days: 7, sample.Name));

        allocatedList.Samples.Single().Name.ShouldBe(sample.Name);
        lapsed.State.ShouldBe(SampleState.Available);
        lapsed.Allocation.ShouldBeNull();
        availableList.Samples.Single().Name.ShouldBe(sample.Name);
        again.Samples.Single().Allocation.Project.ShouldBe("OTHER-PROJECT");
    }

    [Fact]
    public async Task Declared_uses_must_be_permitted_by_the_donors_consent()
    {
        using var manager = server.AnsesBiobankManager();
        var donor = $"DON-{Guid.NewGuid():N}"[..14];
        var consent = new Consent { DonorPseudonym = donor, Collection = "EPIDEMIO-AMR", DocumentVersion = "v3-2025", PermittedUses = { PermittedUse.GeneralResearch } };
        await manager.Consents.RecordConsentAsync(new RecordConsentRequest { RequestId = BiobankClient.NewRequestId(), Consent = consent });
        var sample = await manager.RegisterSampleAsync(Catalogue.Serum(donor));
        var unconsented = await manager.RegisterSampleAsync(Catalogue.Serum($"DON-{Guid.NewGuid():N}"[..14]));

        var genetic = Allocate("WGS-2026", days: 7, sample.Name);
        genetic.DeclaredUses.Add(PermittedUse.GeneticResearch);
        var refused = await Should.ThrowAsync<RpcException>(manager.Samples.AllocateSamplesAsync(genetic).ResponseAsync);
        var withoutConsent = Allocate("SERO-2026", days: 7, unconsented.Name);
        withoutConsent.DeclaredUses.Add(PermittedUse.GeneralResearch);
        var noConsent = await Should.ThrowAsync<RpcException>(manager.Samples.AllocateSamplesAsync(withoutConsent).ResponseAsync);
        var general = Allocate("SERO-2026", days: 7, sample.Name);
        general.DeclaredUses.Add(PermittedUse.GeneralResearch);
        var permitted = await manager.Samples.AllocateSamplesAsync(general);

        refused.Reason().ShouldBe("USE_NOT_PERMITTED");
        refused.ErrorInfo()!.Metadata["use"].ShouldBe("GENETIC_RESEARCH");
        noConsent.Reason().ShouldBe("USE_NOT_PERMITTED");
        permitted.Samples.Single().State.ShouldBe(SampleState.Allocated);
    }

    [Fact]
    public async Task Other_organisations_cannot_allocate_and_a_hold_overrides_a_allocation()
    {
        using var technician = server.AnsesTechnician();
        using var partner = server.InsermTechnician();
        var sample = await technician.RegisterSampleAsync();

        var denied = await Should.ThrowAsync<RpcException>(partner.Samples.AllocateSamplesAsync(Allocate("AMR-2026", days: 7, sample.Name)).ResponseAsync);
        await technician.Samples.AllocateSamplesAsync(Allocate("AMR-2026", days: 7, sample.Name));
        var held = await technician.Samples.PlaceHoldAsync(new PlaceHoldRequest { RequestId = BiobankClient.NewRequestId(), Name = sample.Name, Kind = HoldKind.Quarantine, Reason = "Positive culture" });
        var use = await Should.ThrowAsync<RpcException>(UseAsync(technician, sample.Name, "AMR-2026"));

        denied.Reason().ShouldBe("ORGANISATION_MISMATCH");
        held.State.ShouldBe(SampleState.OnHold);
        use.ErrorInfo()!.Metadata["state"].ShouldBe("ON_HOLD");
    }

    private static AllocateSamplesRequest Allocate(string project, int days, params string[] samples) => new()
    {
        RequestId = BiobankClient.NewRequestId(),
        Samples = { samples },
        Project = project,
        ExpireTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(days)),
    };

    private static Task<Sample> UseAsync(BiobankClient client, string name, string project) =>
        client.Samples.RecordSampleUseAsync(new RecordSampleUseRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = name, Quantity = new Quantity { Value = 0.5, Unit = QuantityUnit.Millilitre },
            Purpose = "ELISA", Project = project,
        }).ResponseAsync;
}
