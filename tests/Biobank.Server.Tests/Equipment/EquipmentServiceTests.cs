using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using V1 = Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Server.Tests.Equipment;

public sealed class EquipmentServiceTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    [Fact]
    public async Task A_facility_manager_registers_an_instrument_owned_by_their_organisation_in_the_sites_time_zone()
    {
        var confocal = await server.RegisterConfocalAsync(site: "sites/anses-lyon");

        confocal.Name.ShouldStartWith("equipment/");
        confocal.OwnerOrganisation.ShouldBe("organisations/anses");
        confocal.Site.ShouldBe("sites/anses-lyon");
        confocal.TimeZone.ShouldBe("Europe/Paris");
        confocal.Status.ShouldBe(EquipmentStatus.InService);
        confocal.BookingRules.MaxDuration.ToTimeSpan().ShouldBe(TimeSpan.FromHours(8));
        confocal.Etag.ShouldBe("1");
    }

    [Fact]
    public async Task A_caller_chosen_id_is_kept_and_cannot_be_registered_twice()
    {
        using var manager = server.InsermManager();
        var request = new RegisterEquipmentRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            EquipmentId = "novaseq-cochin",
            Equipment = new V1.Equipment { DisplayName = "Illumina NovaSeq X", Kind = EquipmentKind.Sequencer, Site = "sites/inserm-paris-cochin" },
        };

        var sequencer = await manager.Equipment.RegisterEquipmentAsync(request);
        request.RequestId = BiobankClient.NewRequestId();
        var twice = await Should.ThrowAsync<RpcException>(manager.Equipment.RegisterEquipmentAsync(request).ResponseAsync);

        sequencer.Name.ShouldBe("equipment/novaseq-cochin");
        sequencer.TimeZone.ShouldBe("Europe/Paris");
        twice.StatusCode.ShouldBe(StatusCode.AlreadyExists);
    }

    [Fact]
    public async Task Technicians_cannot_register_and_managers_cannot_register_at_the_other_organisations_site()
    {
        using var technician = server.AnsesTechnician();
        using var manager = server.AnsesManager();
        RegisterEquipmentRequest At(string site) => new()
        {
            RequestId = BiobankClient.NewRequestId(),
            Equipment = new V1.Equipment { DisplayName = "Cytometer", Kind = EquipmentKind.FlowCytometer, Site = site },
        };

        var byTechnician = await Should.ThrowAsync<RpcException>(technician.Equipment.RegisterEquipmentAsync(At("sites/anses-lyon")).ResponseAsync);
        var elsewhere = await Should.ThrowAsync<RpcException>(manager.Equipment.RegisterEquipmentAsync(At("sites/inserm-marseille")).ResponseAsync);

        byTechnician.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        elsewhere.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        elsewhere.Reason().ShouldBe("UNKNOWN_SITE");
    }

    [Fact]
    public async Task Malformed_registrations_name_every_bad_field()
    {
        using var manager = server.AnsesManager();

        var error = await Should.ThrowAsync<RpcException>(manager.Equipment.RegisterEquipmentAsync(new RegisterEquipmentRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            EquipmentId = "Bad Id!",
            Equipment = new V1.Equipment
            {
                Site = "sites/atlantis",
                BookingRules = new BookingRules { MinDuration = Duration.FromTimeSpan(TimeSpan.FromHours(-1)) },
            },
        }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal).ShouldBe(
            ["equipment.booking_rules.min_duration", "equipment.display_name", "equipment.kind", "equipment.site", "equipment_id"]);
    }

    [Fact]
    public async Task Inconsistent_booking_rules_are_invalid_arguments()
    {
        using var manager = server.AnsesManager();
        var confocal = await server.RegisterConfocalAsync();

        var error = await Should.ThrowAsync<RpcException>(manager.Equipment.UpdateBookingRulesAsync(new UpdateBookingRulesRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Name = confocal.Name,
            BookingRules = new BookingRules
            {
                MinDuration = Duration.FromTimeSpan(TimeSpan.FromHours(4)),
                MaxDuration = Duration.FromTimeSpan(TimeSpan.FromHours(1)),
                Buffer = Duration.FromTimeSpan(TimeSpan.FromDays(30)),
            },
        }).ResponseAsync);

        error.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal).ShouldBe(["booking_rules.buffer", "booking_rules.max_duration"]);
    }

    [Fact]
    public async Task Rules_change_only_by_the_owning_organisations_manager_and_at_the_etag_read()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var owner = server.AnsesManager();
        using var other = server.InsermManager();
        UpdateBookingRulesRequest Update(string etag) => new()
        {
            RequestId = BiobankClient.NewRequestId(),
            Name = confocal.Name,
            Etag = etag,
            BookingRules = new BookingRules { CrossOrganisationApproval = true, QualificationRequired = true },
        };

        var foreign = await Should.ThrowAsync<RpcException>(other.Equipment.UpdateBookingRulesAsync(Update("")).ResponseAsync);
        var updated = await owner.Equipment.UpdateBookingRulesAsync(Update(confocal.Etag));
        var stale = await Should.ThrowAsync<RpcException>(owner.Equipment.UpdateBookingRulesAsync(Update(confocal.Etag)).ResponseAsync);

        foreign.Reason().ShouldBe("ORGANISATION_MISMATCH");
        updated.BookingRules.CrossOrganisationApproval.ShouldBeTrue();
        updated.Etag.ShouldBe("2");
        stale.StatusCode.ShouldBe(StatusCode.Aborted);
    }

    [Fact]
    public async Task Maintenance_lists_overlapping_reservations_and_cancels_them_when_asked()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var bob = server.InsermTechnician();
        using var manager = server.AnsesManager();
        var start = Catalogue.Ahead(days: 3);
        var booked = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start, TwoHours));

        var scheduled = await manager.Equipment.ScheduleMaintenanceAsync(new ScheduleMaintenanceRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Name = confocal.Name,
            Interval = Catalogue.Slot(start.AddHours(-1), TimeSpan.FromHours(5)),
            Reason = "Annual laser calibration",
            CancelOverlappingReservations = true,
        });
        var cancelled = await bob.Reservations.GetReservationAsync(new GetReservationRequest { Name = booked.Name });
        var duringMaintenance = await Should.ThrowAsync<RpcException>(
            bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start, TwoHours)).ResponseAsync);

        scheduled.OverlappingReservations.ShouldBe([booked.Name]);
        scheduled.OverlappingReservationsCancelled.ShouldBeTrue();
        scheduled.Equipment.MaintenanceWindows.Single().Reason.ShouldBe("Annual laser calibration");
        cancelled.State.ShouldBe(ReservationState.Cancelled);
        cancelled.StateReason.ShouldContain("Annual laser calibration");
        duringMaintenance.Reason().ShouldBe("SLOT_UNAVAILABLE");
        duringMaintenance.ErrorInfo()!.Metadata["conflict_kind"].ShouldBe("MAINTENANCE");
    }

    [Fact]
    public async Task Cancelled_maintenance_frees_the_slot_again()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var manager = server.AnsesManager();
        using var alice = server.AnsesTechnician();
        var start = Catalogue.Ahead(days: 4);
        var scheduled = await manager.Equipment.ScheduleMaintenanceAsync(new ScheduleMaintenanceRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = confocal.Name, Interval = Catalogue.Slot(start, TwoHours), Reason = "Detector swap",
        });

        var freed = await manager.Equipment.CancelMaintenanceAsync(new CancelMaintenanceRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = confocal.Name, MaintenanceId = scheduled.Maintenance.MaintenanceId, Reason = "Part delayed",
        });
        var booked = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start, TwoHours));

        scheduled.OverlappingReservations.ShouldBeEmpty();
        freed.MaintenanceWindows.ShouldBeEmpty();
        booked.State.ShouldBe(ReservationState.Confirmed);
    }

    [Fact]
    public async Task Out_of_service_and_retired_instruments_cannot_be_booked_until_back_in_service()
    {
        var confocal = await server.RegisterConfocalAsync();
        var retiring = await server.RegisterConfocalAsync();
        using var manager = server.AnsesManager();
        using var alice = server.AnsesTechnician();
        SetEquipmentStatusRequest Status(EquipmentStatus status) => new()
        {
            RequestId = BiobankClient.NewRequestId(), Name = confocal.Name, Status = status, Reason = "Stage motor failure",
        };

        var outOfService = await manager.Equipment.SetEquipmentStatusAsync(Status(EquipmentStatus.OutOfService));
        var refused = await Should.ThrowAsync<RpcException>(
            alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 5), TwoHours)).ResponseAsync);
        await manager.Equipment.SetEquipmentStatusAsync(Status(EquipmentStatus.InService));
        var booked = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 5), TwoHours));
        var retired = await manager.Equipment.RetireEquipmentAsync(new RetireEquipmentRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = retiring.Name, Reason = "Replaced by an LSM 990",
        });
        var afterRetirement = await Should.ThrowAsync<RpcException>(
            alice.Reservations.CreateReservationAsync(Catalogue.Booking(retiring.Name, Catalogue.Ahead(days: 5), TwoHours)).ResponseAsync);

        outOfService.Status.ShouldBe(EquipmentStatus.OutOfService);
        outOfService.StatusReason.ShouldBe("Stage motor failure");
        refused.Reason().ShouldBe("EQUIPMENT_UNAVAILABLE");
        booked.State.ShouldBe(ReservationState.Confirmed);
        retired.Status.ShouldBe(EquipmentStatus.Retired);
        afterRetirement.Reason().ShouldBe("EQUIPMENT_UNAVAILABLE");
    }

    [Fact]
    public async Task Booking_an_instrument_that_requires_qualification_needs_a_valid_one()
    {
        var suite = await server.RegisterConfocalAsync(new BookingRules { QualificationRequired = true });
        using var manager = server.AnsesManager();
        using var bob = server.InsermTechnician();
        var start = Catalogue.Ahead(days: 6);

        var unqualified = await Should.ThrowAsync<RpcException>(
            bob.Reservations.CreateReservationAsync(Catalogue.Booking(suite.Name, start, TwoHours)).ResponseAsync);
        var granted = await manager.Equipment.GrantQualificationAsync(new GrantQualificationRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Qualification = new Qualification
            {
                Person = "bob.tech", PersonOrganisation = "organisations/inserm", EquipmentKind = EquipmentKind.ConfocalMicroscope,
                ExpireTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(365)),
            },
        });
        var booked = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(suite.Name, start, TwoHours));
        await manager.Equipment.RevokeQualificationAsync(new RevokeQualificationRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = granted.Name, Reason = "Biosafety training lapsed",
        });
        var revoked = await Should.ThrowAsync<RpcException>(
            bob.Reservations.CreateReservationAsync(Catalogue.Booking(suite.Name, start.AddDays(1), TwoHours)).ResponseAsync);

        unqualified.Reason().ShouldBe("QUALIFICATION_REQUIRED");
        granted.GrantingOrganisation.ShouldBe("organisations/anses");
        booked.State.ShouldBe(ReservationState.Confirmed);
        revoked.Reason().ShouldBe("QUALIFICATION_REQUIRED");
    }

    [Fact]
    public async Task A_qualification_expiring_before_the_reservation_ends_does_not_cover_it()
    {
        var suite = await server.RegisterConfocalAsync(new BookingRules { QualificationRequired = true });
        using var manager = server.AnsesManager();
        using var alice = server.AnsesTechnician("ines.tech");
        await manager.Equipment.GrantQualificationAsync(new GrantQualificationRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Qualification = new Qualification
            {
                Person = "ines.tech", PersonOrganisation = "organisations/anses", Equipment = suite.Name,
                ExpireTime = Timestamp.FromDateTimeOffset(Catalogue.Ahead(days: 3)),
            },
        });

        var covered = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(suite.Name, Catalogue.Ahead(days: 2), TwoHours));
        var beyond = await Should.ThrowAsync<RpcException>(
            alice.Reservations.CreateReservationAsync(Catalogue.Booking(suite.Name, Catalogue.Ahead(days: 4), TwoHours)).ResponseAsync);
        var listed = await manager.Equipment.ListQualificationsAsync(new ListQualificationsRequest { Person = "ines.tech" });

        covered.State.ShouldBe(ReservationState.Confirmed);
        beyond.Reason().ShouldBe("QUALIFICATION_REQUIRED");
        listed.Qualifications.Single().Equipment.ShouldBe(suite.Name);
    }

    [Fact]
    public async Task The_catalogue_filters_by_organisation_kind_and_text_and_pages_by_name()
    {
        using var manager = server.InsermManager();
        var registered = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            registered.Add((await manager.RegisterAsync($"BD FACSymphony A{i} cytometer", EquipmentKind.FlowCytometer, "sites/inserm-lyon-ciri")).Name);
        }

        var walked = new List<V1.Equipment>();
        var token = "";
        do
        {
            var page = await manager.Equipment.ListEquipmentAsync(new ListEquipmentRequest
            {
                Organisation = "organisations/inserm", Kind = EquipmentKind.FlowCytometer, Text = "facsymphony", PageSize = 2, PageToken = token,
            });
            walked.AddRange(page.Equipment);
            token = page.NextPageToken;
        }
        while (token != "");

        walked.Select(e => e.Name).ShouldBe(registered.Order(StringComparer.Ordinal).ToList());
        (await manager.Equipment.GetEquipmentAsync(new GetEquipmentRequest { Name = registered[0] })).Kind.ShouldBe(EquipmentKind.FlowCytometer);
        var missing = await Should.ThrowAsync<RpcException>(manager.Equipment.GetEquipmentAsync(new GetEquipmentRequest { Name = "equipment/none" }).ResponseAsync);
        missing.StatusCode.ShouldBe(StatusCode.NotFound);
    }
}
