using System.Globalization;
using Biobank.Domain.Agreements;
using Biobank.Domain.Consents;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Reservations;
using Biobank.Domain.Samples;

namespace Biobank.Domain.Transfers;

/// <summary>
/// What must hold for material or an instrument to leave its organisation's hands, checked when a
/// transfer is approved and again when it is dispatched: every item held by the sender at the
/// sending site and free to go (no hold, no allocation to another project, not depleted, disposed,
/// in transit or lost; an instrument in service); for human samples, the donor's consent permits the
/// purpose and, across organisations, sharing with the partner; for samples across organisations,
/// an active agreement between the two covers the purpose, the material and its source; for an
/// instrument lent, no booking holds it during the loan unless the request cancels it. Every check is
/// recorded with the values it was judged on, so an auditor sees why a shipment was allowed.
/// </summary>
public static class ReleaseGate
{
    /// <summary>
    /// What the store knows of a transfer's items when the gate is checked: each sample and
    /// instrument (null when it is no longer there), the consent of each human sample's donor,
    /// the agreement named, and the reservations that hold each instrument during the loan.
    /// </summary>
    public sealed record Facts(
        IReadOnlyDictionary<string, Sample> Samples,
        IReadOnlyDictionary<string, Instrument> Instruments,
        IReadOnlyDictionary<string, Consent> Consents,
        Agreement? Agreement,
        IReadOnlyDictionary<string, IReadOnlyList<Reservation>> LoanConflicts);

    /// <summary>Every check of the gate, passed or not.</summary>
    public static IReadOnlyList<GateCheck> Evaluate(Transfer transfer, Facts facts, DateTimeOffset now) =>
    [
        .. transfer.Items.SelectMany(item => item.Kind == TransferItemKind.Sample
            ? SampleChecks(transfer, item.Name, facts.Samples.GetValueOrDefault(item.Name), facts, now)
            : EquipmentChecks(transfer, item.Name, facts.Instruments.GetValueOrDefault(item.Name), facts)),
    ];

    /// <summary>The checks, all passed; otherwise FAILED_PRECONDITION, reason RELEASE_GATE_FAILED, one violation per failed check.</summary>
    public static IReadOnlyList<GateCheck> Passed(Transfer transfer, Facts facts, DateTimeOffset now)
    {
        var checks = Evaluate(transfer, facts, now);
        var failed = checks.Where(c => !c.Passed).ToList();
        if (failed.Count > 0)
        {
            throw new RuleViolationException(
                ErrorReasons.ReleaseGateFailed,
                $"{failed.Count} check(s) of the release gate failed: {string.Join("; ", failed.Select(Describe))}.",
                new Dictionary<string, object> { ["name"] = transfer.Id, ["failed_checks"] = failed.Count.ToString(CultureInfo.InvariantCulture) },
                [.. failed.Select(c => new RuleViolation(c.Check, c.Item, Describe(c)))]);
        }

        return checks;
    }

    private static string Describe(GateCheck check) =>
        $"{check.Item}: {check.Check} ({string.Join(", ", check.Inputs.Select(i => $"{i.Key}={i.Value}"))})";

    private static IEnumerable<GateCheck> SampleChecks(Transfer transfer, string name, Sample? found, Facts facts, DateTimeOffset now)
    {
        if (found is null)
        {
            yield return new GateCheck(name, ErrorReasons.TransferItemElsewhere, false, Inputs(("found", "false")));
            yield break;
        }

        var sample = found.At(now);
        var site = sample.Placement?.Site ?? "";
        yield return new GateCheck(
            name, ErrorReasons.TransferItemElsewhere, sample.Organisation == transfer.FromOrganisation && site == transfer.FromSite,
            Inputs(("custodian", sample.Organisation), ("site", site), ("sending_organisation", transfer.FromOrganisation), ("sending_site", transfer.FromSite)));
        yield return new GateCheck(
            name, ErrorReasons.TransferItemUnavailable,
            sample.State is not (SampleState.Depleted or SampleState.Disposed or SampleState.InTransit or SampleState.Lost),
            Inputs(("state", sample.State.ToString())));
        yield return new GateCheck(
            name, ErrorReasons.TransferItemOnHold, sample.Holds.Count == 0,
            Inputs(("holds", string.Join(",", sample.Holds.Select(h => h.Kind)))));
        yield return new GateCheck(
            name, ErrorReasons.TransferItemAllocated, sample.Allocation is null || sample.Allocation.Project == transfer.Project,
            Inputs(("allocated_to", sample.Allocation?.Project ?? ""), ("project", transfer.Project)));
        if (sample.SourceKind == SourceKind.Human)
        {
            var consent = sample.DonorConsent is { } donor ? facts.Consents.GetValueOrDefault(donor) : null;
            var needed = transfer.CrossesOrganisations ? new[] { transfer.Purpose, PermittedUse.PartnerSharing } : [transfer.Purpose];
            yield return new GateCheck(
                name, ErrorReasons.TransferConsentNotGiven,
                consent is { Withdrawn: false } && needed.All(consent.PermittedUses.Contains),
                Inputs(
                    ("consent", consent?.Id ?? ""), ("withdrawn", (consent?.Withdrawn ?? false).ToString()),
                    ("permitted_uses", string.Join(",", consent?.PermittedUses ?? [])), ("needed", string.Join(",", needed))));
        }

        if (transfer.CrossesOrganisations)
        {
            var agreement = facts.Agreement;
            var state = agreement?.StateAt(now) ?? AgreementState.Unspecified;
            yield return new GateCheck(
                name, ErrorReasons.TransferAgreementNotCovering,
                state == AgreementState.Active
                && agreement!.Covers(transfer.FromOrganisation, transfer.ToOrganisation, transfer.Purpose, sample.MaterialType, sample.SourceKind),
                Inputs(
                    ("agreement", agreement?.Id ?? ""), ("agreement_state", state.ToString()), ("purpose", transfer.Purpose.ToString()),
                    ("material_type", sample.MaterialType.ToString()), ("source_kind", sample.SourceKind.ToString())));
        }
    }

    private static IEnumerable<GateCheck> EquipmentChecks(Transfer transfer, string name, Instrument? instrument, Facts facts)
    {
        if (instrument is null)
        {
            yield return new GateCheck(name, ErrorReasons.TransferItemElsewhere, false, Inputs(("found", "false")));
            yield break;
        }

        yield return new GateCheck(
            name, ErrorReasons.TransferItemElsewhere, instrument.Custodian == transfer.FromOrganisation && instrument.Site == transfer.FromSite,
            Inputs(("custodian", instrument.Custodian), ("site", instrument.Site), ("sending_organisation", transfer.FromOrganisation), ("sending_site", transfer.FromSite)));
        yield return new GateCheck(
            name, ErrorReasons.TransferItemUnavailable, instrument.Status is EquipmentStatus.InService or EquipmentStatus.OutOfService,
            Inputs(("status", instrument.Status.ToString())));
        var conflicts = (facts.LoanConflicts.GetValueOrDefault(name) ?? [])
            .Where(r => !transfer.ReservationsToCancel.Contains(r.Id))
            .Select(r => r.Id)
            .ToList();
        yield return new GateCheck(
            name, ErrorReasons.TransferLoanOverlapsReservations, conflicts.Count == 0,
            Inputs(("reservations", string.Join(",", conflicts)), ("loan_until", transfer.ExpectedReturn?.ToString("O", CultureInfo.InvariantCulture) ?? "")));
    }

    private static Dictionary<string, string> Inputs(params (string Key, string Value)[] inputs) =>
        inputs.ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);
}
