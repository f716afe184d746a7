using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;

namespace Biobank.Server.Tests.Transfers;

/// <summary>An Anses field qPCR lent to Inserm's site on La Réunion for a campaign, and sent back.</summary>
public sealed class EquipmentLoanTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    [Fact]
    public async Task A_lent_instrument_is_booked_at_the_borrowing_site_under_its_custodian_and_comes_back()
    {
        using var anses = server.AnsesHead();
        using var alice = server.AnsesTechnician();
        using var inserm = server.InsermHead();
        using var bob = server.InsermTechnician();
        var qpcr = await anses.RegisterAsync("Bio-Rad CFX Opus 96 (field unit)", EquipmentKind.PcrSystem, Shipping.MaisonsAlfort, new BookingRules { CrossOrganisationApproval = true });
        var during = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(qpcr.Name, Catalogue.Ahead(days: 3), TwoHours));
        var after = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(qpcr.Name, Catalogue.Ahead(days: 60), TwoHours));
        var expectedReturn = Catalogue.Ahead(days: 30);

        // A loan over a confirmed booking fails the gate until the request gives the booking up.
        var first = await bob.RequestAsync(Shipping.Transfer([qpcr.Name], to: Shipping.LaReunion, expectedReturn: expectedReturn));
        var overlapping = await Should.ThrowAsync<RpcException>(anses.ApproveAsync(first));
        await anses.Transfers.CancelTransferAsync(new CancelTransferRequest { RequestId = BiobankClient.NewRequestId(), Name = first.Name, Reason = "Give the booking up" });
        var request = Shipping.Transfer([qpcr.Name], to: Shipping.LaReunion, expectedReturn: expectedReturn);
        request.Transfer.ReservationsToCancel.Add(during.Name);
        var loan = await anses.ApproveAsync(await bob.RequestAsync(request));
        var duringLoan = await Should.ThrowAsync<RpcException>(alice.Reservations.CreateReservationAsync(Catalogue.Booking(qpcr.Name, Catalogue.Ahead(days: 10), TwoHours)).ResponseAsync);
        var calendar = await alice.Reservations.GetAvailabilityAsync(new GetAvailabilityRequest
        {
            Equipment = qpcr.Name, Window = Catalogue.Slot(Catalogue.Ahead(days: 1), TimeSpan.FromDays(7)),
        });

        overlapping.Reason().ShouldBe("RELEASE_GATE_FAILED");
        var violation = overlapping.PreconditionViolations().Single();
        violation.Type.ShouldBe("TRANSFER_LOAN_OVERLAPS_RESERVATIONS");
        violation.Description.ShouldContain(during.Name);
        violation.Description.ShouldNotContain(after.Name);
        (await Get(alice, during)).State.ShouldBe(ReservationState.Cancelled);
        (await Get(alice, after)).State.ShouldBe(ReservationState.Confirmed);
        duringLoan.Reason().ShouldBe("EQUIPMENT_UNAVAILABLE");
        calendar.Busy.ShouldContain(b => b.Kind == BusyKind.Loan);

        // Away: with the carrier, then at La Réunion in Inserm's custody, in its time zone.
        await anses.DispatchAsync(loan, carrier: "Air France Cargo");
        var inTransit = await Equipment(alice, qpcr);
        var received = await bob.ReceiveAsync(loan, Shipping.Good(qpcr.Name));
        var lent = await Equipment(alice, qpcr);
        var ownerDenied = await Should.ThrowAsync<RpcException>(anses.Equipment.SetEquipmentStatusAsync(new SetEquipmentStatusRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = qpcr.Name, Status = EquipmentStatus.OutOfService, Reason = "Recall",
        }).ResponseAsync);
        var bobsBooking = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(qpcr.Name, Catalogue.Ahead(days: 5), TwoHours));
        var alicesBooking = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(qpcr.Name, Catalogue.Ahead(days: 6), TwoHours));
        var approvedByBorrower = await inserm.Reservations.ApproveReservationAsync(new ApproveReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = alicesBooking.Name });

        inTransit.Status.ShouldBe(EquipmentStatus.InTransit);
        inTransit.Transfer.ShouldBe(loan.Name);
        received.State.ShouldBe(TransferState.Received);
        lent.CustodianOrganisation.ShouldBe("organisations/inserm");
        lent.OwnerOrganisation.ShouldBe("organisations/anses");
        lent.Site.ShouldBe(Shipping.LaReunion);
        lent.TimeZone.ShouldBe("Indian/Reunion");
        lent.Status.ShouldBe(EquipmentStatus.InService);
        lent.Loan.ShouldBe(loan.Name);
        ownerDenied.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        bobsBooking.State.ShouldBe(ReservationState.Confirmed);
        alicesBooking.State.ShouldBe(ReservationState.PendingApproval, "Anses is now the other organisation");
        approvedByBorrower.State.ShouldBe(ReservationState.Confirmed);

        // Back: a return from La Réunion to Maisons-Alfort that gives up the bookings made there.
        var giveBack = new ReturnEquipmentRequest { RequestId = BiobankClient.NewRequestId(), Equipment = qpcr.Name };
        giveBack.ReservationsToCancel.Add([bobsBooking.Name, alicesBooking.Name]);
        var returning = await bob.Transfers.ReturnEquipmentAsync(giveBack);
        await inserm.DispatchAsync(await inserm.ApproveAsync(returning), carrier: "Air France Cargo");
        var home = await alice.ReceiveAsync(returning, Shipping.Good(qpcr.Name));
        var back = await Equipment(alice, qpcr);

        returning.ReturnOf.ShouldBe(loan.Name);
        returning.FromSite.ShouldBe(Shipping.LaReunion);
        returning.ToSite.ShouldBe(Shipping.MaisonsAlfort);
        home.State.ShouldBe(TransferState.Received);
        back.CustodianOrganisation.ShouldBe("organisations/anses");
        back.Site.ShouldBe(Shipping.MaisonsAlfort);
        back.TimeZone.ShouldBe("Europe/Paris");
        back.Loan.ShouldBeEmpty();
        (await Get(alice, bobsBooking)).State.ShouldBe(ReservationState.Cancelled);
        (await Get(alice, after)).State.ShouldBe(ReservationState.Confirmed, "the owner's booking after the loan stands");

        var chain = await alice.Transfers.GetCustodyChainAsync(new GetCustodyChainRequest { Item = qpcr.Name });
        chain.Intervals.Select(i => (i.Organisation, i.Site, i.Carrier)).ShouldBe(
        [
            ("organisations/anses", Shipping.MaisonsAlfort, ""),
            ("", "", "Air France Cargo"),
            ("organisations/inserm", Shipping.LaReunion, ""),
            ("", "", "Air France Cargo"),
            ("organisations/anses", Shipping.MaisonsAlfort, ""),
        ]);
    }

    [Fact]
    public async Task Only_a_lent_instrument_is_returned()
    {
        using var anses = server.AnsesHead();
        var qpcr = await anses.RegisterAsync("Bio-Rad CFX Opus 96", EquipmentKind.PcrSystem, Shipping.MaisonsAlfort);

        var refused = await Should.ThrowAsync<RpcException>(anses.Transfers.ReturnEquipmentAsync(new ReturnEquipmentRequest
        {
            RequestId = BiobankClient.NewRequestId(), Equipment = qpcr.Name,
        }).ResponseAsync);

        refused.Reason().ShouldBe("INVALID_STATE_TRANSITION");
    }

    [Fact]
    public async Task A_rejected_loan_frees_the_instruments_calendar()
    {
        using var anses = server.AnsesHead();
        using var alice = server.AnsesTechnician();
        var qpcr = await anses.RegisterAsync("Bio-Rad CFX Opus 96", EquipmentKind.PcrSystem, Shipping.MaisonsAlfort);
        var loan = await anses.ApproveAsync(await anses.RequestAsync(Shipping.Transfer([qpcr.Name], to: Shipping.LaReunion, expectedReturn: Catalogue.Ahead(days: 30))));

        await anses.Transfers.RejectTransferAsync(new RejectTransferRequest { RequestId = BiobankClient.NewRequestId(), Name = loan.Name, Reason = "Campaign called off" });
        var booked = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(qpcr.Name, Catalogue.Ahead(days: 10), TwoHours));

        booked.State.ShouldBe(ReservationState.Confirmed);
        (await Equipment(alice, qpcr)).Transfer.ShouldBeEmpty();
    }

    private static Task<Reservation> Get(BiobankClient client, Reservation reservation) =>
        client.Reservations.GetReservationAsync(new GetReservationRequest { Name = reservation.Name }).ResponseAsync;

    private static Task<Biobank.V1.Equipment> Equipment(BiobankClient client, Biobank.V1.Equipment equipment) =>
        client.Equipment.GetEquipmentAsync(new GetEquipmentRequest { Name = equipment.Name }).ResponseAsync;
}
