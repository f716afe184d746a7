using Biobank.Domain.Agreements;
using Biobank.Domain.Consents;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Reservations;
using Biobank.Domain.Samples;
using Biobank.Domain.Transfers;
using static Biobank.Domain.Tests.Builders;

namespace Biobank.Domain.Tests.Transfers;

public sealed class ReleaseGateTests
{
    private const string Serum = "samples/serum-1";
    private const string Consent = "consents/anses-1";

    private static readonly Transfer Shipment = Transfer.Evolve(null, new TransferRequested(
        "transfers/shipment-1", "alice", "anses", "anses", "anses-maisons-alfort", "inserm", "inserm-paris-cochin",
        [TransferItem.Awaiting(Serum, TransferItemKind.Sample)], PermittedUse.GeneralResearch, "AMR-2026", "agreements/mta-1", null, [], null, Now))!;

    private static Sample Stored(params SampleEvent[] then) => new SampleEvent[]
    {
        new SampleRegistered(
            Serum, "anses", "BC-1", "EPIDEMIO-AMR", SourceKind.Human, "DON-1", "", MaterialType.Serum, Now.AddDays(-1),
            new Quantity(2, QuantityUnit.Millilitre), "CONSENT-V3", "", new Placement("storageUnits/box-1", "A1", ["storageUnits/box-1"], "anses-maisons-alfort"),
            null, Now.AddDays(-1)),
    }.Concat(then).Aggregate((Sample?)null, Biobank.Domain.Samples.Sample.Evolve)!;

    private static Consent Consented(params PermittedUse[] uses) => new(
        Consent, "anses", "DON-1", "EPIDEMIO-AMR", "v3", uses, false, WithdrawalScope.Unspecified, null, Now, Now, 1);

    private static Agreement Agreement(bool revoked = false) => new(
        "agreements/mta-1", "anses", "inserm", [PermittedUse.GeneralResearch], [MaterialType.Serum], [SourceKind.Human], false,
        new Interval(Now.AddDays(-10), Now.AddYears(1)), "MTA-1", "", revoked, "", Now, Now, 1);

    private static ReleaseGate.Facts Facts(Sample sample, Consent consent, Agreement? agreement) => new(
        new Dictionary<string, Sample> { [Serum] = sample }, new Dictionary<string, Instrument>(),
        new Dictionary<string, Consent> { [sample.DonorConsent!] = consent }, agreement, new Dictionary<string, IReadOnlyList<Reservation>>());

    [Fact]
    public void Given_a_free_consented_sample_under_an_active_agreement_When_the_gate_is_checked_Then_every_check_passes_with_its_inputs()
    {
        var checks = ReleaseGate.Passed(Shipment, Facts(Stored(), Consented(PermittedUse.GeneralResearch, PermittedUse.PartnerSharing), Agreement()), Now);

        checks.Select(c => c.Check).ShouldBe(
        [
            ErrorReasons.TransferItemElsewhere, ErrorReasons.TransferItemUnavailable, ErrorReasons.TransferItemOnHold,
            ErrorReasons.TransferItemAllocated, ErrorReasons.TransferConsentNotGiven, ErrorReasons.TransferAgreementNotCovering,
        ]);
        checks.ShouldAllBe(c => c.Passed && c.Item == Serum);
        checks[0].Inputs["site"].ShouldBe("anses-maisons-alfort");
    }

    [Fact]
    public void Given_a_consent_without_partner_sharing_and_a_revoked_agreement_When_the_gate_is_checked_Then_both_fail_in_one_refusal()
    {
        var failure = Should.Throw<RuleViolationException>(() =>
            ReleaseGate.Passed(Shipment, Facts(Stored(), Consented(PermittedUse.GeneralResearch), Agreement(revoked: true)), Now));

        failure.Reason.ShouldBe(ErrorReasons.ReleaseGateFailed);
        failure.Violations.Select(v => v.Type).ShouldBe([ErrorReasons.TransferConsentNotGiven, ErrorReasons.TransferAgreementNotCovering]);
        failure.Violations.ShouldAllBe(v => v.Subject == Serum);
    }

    [Fact]
    public void Given_a_sample_handed_to_a_carrier_When_the_gate_is_checked_Then_it_is_neither_at_the_site_nor_available()
    {
        var gone = Stored(new SampleDispatched(Serum, "transfers/other", "TNT", Now));

        var failed = ReleaseGate.Evaluate(Shipment, Facts(gone, Consented(PermittedUse.GeneralResearch, PermittedUse.PartnerSharing), Agreement()), Now)
            .Where(c => !c.Passed).Select(c => c.Check);

        failed.ShouldBe([ErrorReasons.TransferItemElsewhere, ErrorReasons.TransferItemUnavailable]);
    }
}
