using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Server.Tests.Audit;

public sealed class TimeTravelTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task An_instruments_calendar_is_shown_as_it_was_before_and_after_its_maintenance_window()
    {
        using var auditor = server.Auditor();
        using var manager = server.AnsesManager();
        var confocal = await server.RegisterConfocalAsync();
        var beforeMaintenance = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        var window = Catalogue.Slot(Catalogue.Ahead(3), TimeSpan.FromHours(4));
        var scheduled = await manager.Equipment.ScheduleMaintenanceAsync(new ScheduleMaintenanceRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = confocal.Name, Interval = window, Reason = "Laser replacement",
        });

        var atFirstVersion = await auditor.Audit.GetResourceAtAsync(new GetResourceAtRequest { Resource = confocal.Name, Version = 1 });
        var beforeThen = await auditor.Audit.GetResourceAtAsync(new GetResourceAtRequest { Resource = confocal.Name, ReadTime = Timestamp.FromDateTimeOffset(beforeMaintenance) });
        var now = await auditor.Audit.GetResourceAtAsync(new GetResourceAtRequest { Resource = confocal.Name, ReadTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) });
        var history = await auditor.Audit.ListResourceHistoryAsync(new ListResourceHistoryRequest { Resource = confocal.Name, PageSize = 1 });
        var rest = await auditor.Audit.ListResourceHistoryAsync(new ListResourceHistoryRequest { Resource = confocal.Name, PageSize = 1, PageToken = history.NextPageToken });

        atFirstVersion.Equipment.MaintenanceWindows.ShouldBeEmpty();
        atFirstVersion.Version.ShouldBe(1);
        beforeThen.Equipment.ShouldBe(atFirstVersion.Equipment);
        now.Equipment.ShouldBe(scheduled.Equipment);
        now.Equipment.MaintenanceWindows.Single().Interval.ShouldBe(window);
        now.Version.ShouldBe(2);
        history.Events.Single().EventType.ShouldBe("equipment_registered");
        rest.Events.Single().EventType.ShouldBe("maintenance_scheduled");
        rest.Events.Single().Reason.ShouldBe("Laser replacement");
        rest.NextPageToken.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_samples_location_and_holds_are_shown_as_they_were_across_a_move_and_a_consent_withdrawal()
    {
        using var auditor = server.Auditor();
        using var manager = server.AnsesBiobankManager();
        using var technician = server.AnsesTechnician();
        var donor = $"DON-{Guid.NewGuid():N}"[..14];
        var consent = await manager.Consents.RecordConsentAsync(new RecordConsentRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Consent = new Consent { DonorPseudonym = donor, Collection = "EPIDEMIO-AMR", DocumentVersion = "v3-2025", PermittedUses = { PermittedUse.GeneralResearch } },
        });
        var box = await manager.CreateBoxAsync();
        var sample = await technician.RegisterSampleAsync(Catalogue.Serum(donor, position: box.At("A1")));
        var moved = await technician.Samples.MoveSampleAsync(new MoveSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = sample.Name, StoragePosition = box.At("C7") });
        var beforeWithdrawal = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await manager.Consents.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = consent.Name, Scope = WithdrawalScope.StopFutureUse, Reason = "Letter of 2026-03-02",
        });

        async Task<GetResourceAtResponse> At(string name, long version) =>
            await auditor.Audit.GetResourceAtAsync(new GetResourceAtRequest { Resource = name, Version = version });
        var registered = await At(sample.Name, 1);
        var afterMove = await At(sample.Name, 2);
        var beforeHold = await auditor.Audit.GetResourceAtAsync(new GetResourceAtRequest { Resource = sample.Name, ReadTime = Timestamp.FromDateTimeOffset(beforeWithdrawal) });
        var held = await At(sample.Name, 3);
        var consentBefore = await At(consent.Name, 1);
        var consentAfter = await At(consent.Name, 2);
        var beyond = await Should.ThrowAsync<RpcException>(auditor.Audit.GetResourceAtAsync(new GetResourceAtRequest
        {
            Resource = sample.Name, ReadTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddYears(-1)),
        }).ResponseAsync);
        var neither = await Should.ThrowAsync<RpcException>(auditor.Audit.GetResourceAtAsync(new GetResourceAtRequest { Resource = sample.Name }).ResponseAsync);

        registered.Sample.StoragePosition.Position.ShouldBe("A1");
        registered.Sample.CustodianOrganisation.ShouldBe("organisations/anses");
        registered.Sample.Quantity.Value.ShouldBe(2);
        afterMove.Sample.StoragePosition.Position.ShouldBe("C7");
        afterMove.Sample.ShouldBe(moved);
        beforeHold.Sample.State.ShouldBe(SampleState.Available);
        beforeHold.Sample.Holds.ShouldBeEmpty();
        held.Sample.State.ShouldBe(SampleState.OnHold);
        held.Sample.Holds.Single().Kind.ShouldBe(HoldKind.ConsentReview);
        held.Sample.StoragePosition.Position.ShouldBe("C7");
        consentBefore.Consent.Withdrawn.ShouldBeFalse();
        consentAfter.Consent.Withdrawn.ShouldBeTrue();
        beyond.StatusCode.ShouldBe(StatusCode.NotFound);
        neither.FieldViolations().Select(v => v.Field).ShouldBe(["read_time", "version"]);
    }
}
