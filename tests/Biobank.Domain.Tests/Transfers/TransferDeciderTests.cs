using Biobank.Domain.Access;
using Biobank.Domain.Consents;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Reservations;
using Biobank.Domain.Samples;
using Biobank.Domain.Transfers;
using static Biobank.Domain.Tests.Builders;

namespace Biobank.Domain.Tests.Transfers;

public sealed class TransferDeciderTests
{
    private const string Id = "transfers/shipment-1";
    private const string Serum = "samples/serum-1";
    private const string Plasma = "samples/plasma-1";

    private static readonly Caller AnsesBiobank = Person("claire", "anses", Role.BiobankManager);
    private static readonly Caller InsermBiobank = Person("paul", "inserm", Role.BiobankManager);

    private static DeciderSpecification<Transfer, TransferEvent, TransferDecider.Command> Spec() => new(TransferDecider.Decide);

    private static TransferRequested Requested(params string[] items) => new(
        Id, "alice", "anses", "anses", "anses-maisons-alfort", "inserm", "inserm-paris-cochin",
        [.. (items.Length > 0 ? items : [Serum, Plasma]).Select(i => TransferItem.Awaiting(i, TransferItemKind.Sample))],
        PermittedUse.GeneralResearch, "AMR-2026", "agreements/mta-1", null, [], null, Now);

    private static TransferDispatched Dispatched() =>
        new(Id, new Shipment("World Courier", "WC-1", Packaging.Un3373CategoryB, 5, "LOG-1", []), [], Now.AddHours(2));

    private static ItemReceipt Receipt(string item, ItemCondition condition = ItemCondition.Good) => new(item, condition, false, null, null);

    [Fact]
    public void Given_a_sample_in_another_open_transfer_When_it_is_requested_again_Then_the_request_names_that_transfer()
    {
        var failure = Spec()
            .When(new TransferDecider.Request(
                AnsesTechnician, Now, "transfers/shipment-2", "anses", "anses-maisons-alfort", "inserm", "inserm-paris-cochin",
                [(Serum, TransferItemKind.Sample)], PermittedUse.GeneralResearch, "", "agreements/mta-1", null, [], null,
                new Dictionary<string, string> { [Serum] = Id }))
            .ThenFails<RuleViolationException>(ErrorReasons.ItemInOpenTransfer);

        failure.Violations.Single().ShouldBe(new RuleViolation(ErrorReasons.ItemInOpenTransfer, Serum, $"{Serum} is in {Id}, still open."));
    }

    [Fact]
    public void Given_a_request_When_the_partner_approves_it_Then_only_the_sender_may()
    {
        Spec().Given(Requested())
            .When(new TransferDecider.Approve(InsermBiobank, Now, NoFacts))
            .ThenFails<PermissionDeniedException>(ErrorReasons.OrganisationMismatch);
    }

    [Fact]
    public void Given_a_dispatched_transfer_When_its_requester_cancels_it_Then_it_is_too_late()
    {
        Spec().Given(Requested(), new TransferApproved(Id, [], Now), Dispatched())
            .When(new TransferDecider.Cancel(AnsesTechnician with { Subject = "alice" }, Now, "Changed my mind"))
            .ThenFails<RuleViolationException>(ErrorReasons.InvalidStateTransition);
    }

    [Fact]
    public void Given_a_dispatched_transfer_When_one_item_is_received_Then_it_is_partly_received_and_receiving_it_again_changes_nothing()
    {
        var spec = Spec().Given(Requested(), new TransferApproved(Id, [], Now), Dispatched(), new TransferItemsReceived(Id, [Receipt(Serum)], Now.AddDays(1)));

        spec.State!.State.ShouldBe(TransferState.PartiallyReceived);
        spec.State.Items.Select(i => i.State).ShouldBe([TransferItemState.Received, TransferItemState.InTransit]);
        spec.When(new TransferDecider.Receive(InsermTechnician, Now.AddDays(2), [Receipt(Serum)])).Then();
    }

    [Fact]
    public void Given_a_dispatched_transfer_When_the_last_item_is_missing_Then_it_is_received_with_that_item_lost()
    {
        var spec = Spec().Given(
            Requested(), new TransferApproved(Id, [], Now), Dispatched(),
            new TransferItemsReceived(Id, [Receipt(Serum), Receipt(Plasma, ItemCondition.Missing)], Now.AddDays(1)));

        spec.State!.State.ShouldBe(TransferState.Received);
        spec.State.Items.Select(i => i.State).ShouldBe([TransferItemState.Received, TransferItemState.Lost]);
    }

    [Fact]
    public void Given_a_dispatched_transfer_When_the_sender_receives_it_Then_only_the_receiving_organisation_may()
    {
        Spec().Given(Requested(), new TransferApproved(Id, [], Now), Dispatched())
            .When(new TransferDecider.Receive(AnsesTechnician, Now, [Receipt(Serum)]))
            .ThenFails<PermissionDeniedException>(ErrorReasons.OrganisationMismatch);
    }

    private static readonly ReleaseGate.Facts NoFacts = new(
        new Dictionary<string, Sample>(), new Dictionary<string, Instrument>(), new Dictionary<string, Consent>(), null,
        new Dictionary<string, IReadOnlyList<Reservation>>());
}
