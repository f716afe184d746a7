using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Server.Tests.Reservations;

/// <summary>Approval, rejection, cancellation, rescheduling, check-in and check-out, no-shows; who may do each.</summary>
public sealed class LifecycleTests(SweepingServerFixture server) : IClassFixture<SweepingServerFixture>
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    private static BookingRules ApprovalRules => new() { CrossOrganisationApproval = true };

    [Fact]
    public async Task A_booking_from_the_other_organisation_waits_for_approval_and_holds_the_slot()
    {
        var suite = await server.RegisterConfocalAsync(ApprovalRules);
        using var bob = server.InsermTechnician();
        using var alice = server.AnsesTechnician();
        var start = Catalogue.Ahead(days: 2);

        var pending = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(suite.Name, start, TwoHours));
        var blocked = await Should.ThrowAsync<RpcException>(
            alice.Reservations.CreateReservationAsync(Catalogue.Booking(suite.Name, start, TwoHours)).ResponseAsync);
        using var manager = server.AnsesManager();
        var approved = await manager.Reservations.ApproveReservationAsync(new ApproveReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = pending.Name });

        pending.State.ShouldBe(ReservationState.PendingApproval);
        blocked.Reason().ShouldBe("SLOT_UNAVAILABLE");
        approved.State.ShouldBe(ReservationState.Confirmed);
        approved.Etag.ShouldBe("2");
    }

    [Fact]
    public async Task Only_the_owning_organisations_manager_approves()
    {
        var suite = await server.RegisterConfocalAsync(ApprovalRules);
        using var bob = server.InsermTechnician();
        var pending = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(suite.Name, Catalogue.Ahead(days: 3), TwoHours));
        using var insermManager = server.InsermManager();
        using var alice = server.AnsesTechnician();

        var wrongOrganisation = await Should.ThrowAsync<RpcException>(insermManager.Reservations.ApproveReservationAsync(
            new ApproveReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = pending.Name }).ResponseAsync);
        var wrongRole = await Should.ThrowAsync<RpcException>(alice.Reservations.ApproveReservationAsync(
            new ApproveReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = pending.Name }).ResponseAsync);

        wrongOrganisation.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        wrongOrganisation.Reason().ShouldBe("ORGANISATION_MISMATCH");
        wrongRole.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        wrongRole.Reason().ShouldBe("ROLE_REQUIRED");
    }

    [Fact]
    public async Task A_rejection_records_its_reason_and_frees_the_slot()
    {
        var suite = await server.RegisterConfocalAsync(ApprovalRules);
        using var bob = server.InsermTechnician();
        using var manager = server.AnsesManager();
        var start = Catalogue.Ahead(days: 4);
        var pending = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(suite.Name, start, TwoHours));

        var rejected = await manager.Reservations.RejectReservationAsync(new RejectReservationRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = pending.Name, Reason = "Instrument reserved for the AMR campaign",
        });
        var rebooked = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(suite.Name, start, TwoHours));
        var again = await Should.ThrowAsync<RpcException>(manager.Reservations.ApproveReservationAsync(
            new ApproveReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = pending.Name }).ResponseAsync);

        rejected.State.ShouldBe(ReservationState.Rejected);
        rejected.StateReason.ShouldBe("Instrument reserved for the AMR campaign");
        rebooked.State.ShouldBe(ReservationState.PendingApproval);
        again.Reason().ShouldBe("INVALID_STATE_TRANSITION");
        again.ErrorInfo()!.Metadata["state"].ShouldBe("REJECTED");
    }

    [Fact]
    public async Task Rejecting_without_a_reason_is_an_invalid_argument()
    {
        using var manager = server.AnsesManager();

        var error = await Should.ThrowAsync<RpcException>(manager.Reservations.RejectReservationAsync(
            new RejectReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = "reservations/x" }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.FieldViolations().Single().Field.ShouldBe("reason");
    }

    [Fact]
    public async Task The_booking_organisation_cancels_with_a_reason_others_may_not_but_the_owners_manager_may()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var bob = server.InsermTechnician();
        using var otherBob = server.InsermTechnician("carla.tech");
        using var alice = server.AnsesTechnician();
        using var manager = server.AnsesManager();
        var mine = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 5), TwoHours));
        var theirs = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 5, hour: 13), TwoHours));

        var byColleague = await otherBob.Reservations.CancelReservationAsync(Cancel(mine.Name, "Sample not ready"));
        var byOutsider = await Should.ThrowAsync<RpcException>(alice.Reservations.CancelReservationAsync(Cancel(theirs.Name, "Need it")).ResponseAsync);
        var byOwnerManager = await manager.Reservations.CancelReservationAsync(Cancel(theirs.Name, "Laser failure"));

        byColleague.State.ShouldBe(ReservationState.Cancelled);
        byColleague.StateReason.ShouldBe("Sample not ready");
        byOutsider.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        byOwnerManager.State.ShouldBe(ReservationState.Cancelled);
    }

    [Fact]
    public async Task Cancelling_with_a_stale_etag_is_aborted()
    {
        var confocal = await server.RegisterConfocalAsync(ApprovalRules);
        using var bob = server.InsermTechnician();
        using var manager = server.AnsesManager();
        var booked = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 6), TwoHours));
        await manager.Reservations.ApproveReservationAsync(new ApproveReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = booked.Name });

        var stale = Cancel(booked.Name, "Changed plans");
        stale.Etag = booked.Etag;
        var error = await Should.ThrowAsync<RpcException>(bob.Reservations.CancelReservationAsync(stale).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.Aborted);
        error.Reason().ShouldBe("ETAG_MISMATCH");
        error.ErrorInfo()!.Metadata["etag"].ShouldBe("2");
    }

    [Fact]
    public async Task Rescheduling_moves_the_slot_with_the_same_checks()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        using var bob = server.InsermTechnician();
        var start = Catalogue.Ahead(days: 7);
        var mine = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start, TwoHours));
        await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start.AddHours(4), TwoHours));

        var overlapsOwnSlot = await alice.Reservations.RescheduleReservationAsync(new RescheduleReservationRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = mine.Name, Interval = Catalogue.Slot(start.AddHours(1), TwoHours),
        });
        var intoBobs = await Should.ThrowAsync<RpcException>(alice.Reservations.RescheduleReservationAsync(new RescheduleReservationRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = mine.Name, Interval = Catalogue.Slot(start.AddHours(3), TwoHours),
        }).ResponseAsync);
        var freed = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start, TimeSpan.FromHours(1)));

        overlapsOwnSlot.Interval.StartTime.ToDateTimeOffset().ShouldBe(start.AddHours(1));
        intoBobs.Reason().ShouldBe("SLOT_UNAVAILABLE");
        freed.State.ShouldBe(ReservationState.Confirmed);
    }

    [Fact]
    public async Task Checking_out_early_records_the_actual_use_and_frees_the_rest_of_the_slot()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        using var bob = server.AnsesTechnician("bruno.tech");
        var start = server.Clock.GetUtcNow().AddMinutes(10);
        var booked = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start, TimeSpan.FromHours(4)));

        var checkedIn = await alice.Reservations.CheckInReservationAsync(new CheckInReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = booked.Name });
        server.Clock.Advance(TimeSpan.FromHours(1));
        var checkedOut = await alice.Reservations.CheckOutReservationAsync(new CheckOutReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = booked.Name });
        var afterwards = await bob.Reservations.CreateReservationAsync(
            Catalogue.Booking(confocal.Name, server.Clock.GetUtcNow().AddMinutes(5), TimeSpan.FromHours(2)));

        checkedIn.State.ShouldBe(ReservationState.CheckedIn);
        checkedIn.CheckInTime.ShouldNotBeNull();
        checkedOut.State.ShouldBe(ReservationState.Completed);
        (checkedOut.CheckOutTime.ToDateTimeOffset() - checkedIn.CheckInTime.ToDateTimeOffset()).ShouldBeInRange(TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        afterwards.State.ShouldBe(ReservationState.Confirmed);
    }

    [Fact]
    public async Task Checking_in_long_before_the_start_is_refused()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        var booked = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 9), TwoHours));

        var error = await Should.ThrowAsync<RpcException>(alice.Reservations.CheckInReservationAsync(
            new CheckInReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = booked.Name }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        error.Reason().ShouldBe("INVALID_STATE_TRANSITION");
    }

    [Fact]
    public async Task A_reservation_not_checked_in_within_the_grace_period_becomes_a_no_show_and_frees_its_slot()
    {
        var confocal = await server.RegisterConfocalAsync(new BookingRules { NoShowGrace = Duration.FromTimeSpan(TimeSpan.FromMinutes(20)) });
        using var alice = server.AnsesTechnician();
        using var bob = server.AnsesTechnician("bruno.tech");
        var start = server.Clock.GetUtcNow().AddMinutes(30);
        var booked = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start, TimeSpan.FromHours(3)));

        server.Clock.Advance(TimeSpan.FromMinutes(55));
        var noShow = await SweepingServerFixture.WaitForStateAsync(alice, booked.Name, ReservationState.NoShow);
        var takeover = await bob.Reservations.CreateReservationAsync(
            Catalogue.Booking(confocal.Name, server.Clock.GetUtcNow().AddMinutes(5), TimeSpan.FromHours(1)));

        noShow.StateReason.ShouldNotBeEmpty();
        takeover.State.ShouldBe(ReservationState.Confirmed);
    }

    [Fact]
    public async Task Other_organisations_see_the_busy_slot_but_not_who_booked_it_or_why()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        using var bob = server.InsermTechnician();
        var booked = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 10), TwoHours, "Rabies virus imaging"));

        var seenByBob = await bob.Reservations.GetReservationAsync(new GetReservationRequest { Name = booked.Name });
        var listedForBob = await bob.Reservations.ListReservationsAsync(new ListReservationsRequest { Equipment = confocal.Name });

        seenByBob.Interval.ShouldBe(booked.Interval);
        seenByBob.Organisation.ShouldBe("organisations/anses");
        seenByBob.BookedBy.ShouldBeEmpty();
        seenByBob.Purpose.ShouldBeEmpty();
        seenByBob.Project.ShouldBeEmpty();
        listedForBob.Reservations.Single().Purpose.ShouldBeEmpty();
        (await bob.Reservations.ListReservationsAsync(new ListReservationsRequest { Equipment = confocal.Name, BookedBy = "alice.tech" }))
            .Reservations.ShouldBeEmpty();
        (await bob.Reservations.ListReservationsAsync(new ListReservationsRequest { Equipment = confocal.Name, Project = "AMR-2026" }))
            .Reservations.ShouldBeEmpty();
        (await alice.Reservations.ListReservationsAsync(new ListReservationsRequest { Equipment = confocal.Name, BookedBy = "alice.tech" }))
            .Reservations.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Listing_filters_by_state_and_window_and_pages_in_start_order()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        var day = Catalogue.Ahead(days: 11, hour: 6);
        var booked = new List<Reservation>();
        for (var i = 0; i < 7; i++)
        {
            booked.Add(await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, day.AddHours(2 * (6 - i)), TimeSpan.FromHours(1))));
        }

        await alice.Reservations.CancelReservationAsync(Cancel(booked[0].Name, "Not needed"));
        var pages = new List<Reservation>();
        var token = "";
        do
        {
            var page = await alice.Reservations.ListReservationsAsync(new ListReservationsRequest
            {
                Equipment = confocal.Name,
                States = { ReservationState.Confirmed },
                Window = Catalogue.Slot(day, TimeSpan.FromHours(24)),
                PageSize = 2,
                PageToken = token,
            });
            pages.AddRange(page.Reservations);
            token = page.NextPageToken;
        }
        while (token != "");

        pages.Count.ShouldBe(6);
        pages.Select(r => r.Interval.StartTime.ToDateTimeOffset()).ShouldBeInOrder();
        pages.ShouldAllBe(r => r.State == ReservationState.Confirmed);
    }

    private static CancelReservationRequest Cancel(string name, string reason) =>
        new() { RequestId = BiobankClient.NewRequestId(), Name = name, Reason = reason };
}
