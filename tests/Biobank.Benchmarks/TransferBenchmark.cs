using System.Diagnostics;
using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using static System.FormattableString;

namespace Biobank.Benchmarks;

/// <summary>
/// A full box of 96 aliquots shipped from Anses at Maisons-Alfort to Inserm at Institut Cochin under
/// an agreement: the request, the sender's approval (the release gate over every item), the dispatch
/// (the gate again, and every position freed) and the receipt (every item placed in the receiver's
/// box). Each step is a call over 96 items, compared with the 96-aliquot split (5b) and, per item,
/// with one registration (5a) measured in the same run.
/// </summary>
public sealed class TransferBenchmark(BenchmarkServer server, BenchmarkOptions options, TextWriter progress)
{
    private const string MaisonsAlfort = "sites/anses-maisons-alfort";
    private const string Cochin = "sites/inserm-paris-cochin";
    private const string Donor = "BENCH-SHIP-0001";
    private const string Collection = "BENCH-SHIPMENTS";

    private static readonly string[] Steps = ["request", "approve", "dispatch", "receive"];

    public async Task<(IReadOnlyList<ScenarioResult> Results, IReadOnlyList<Check> Checks)> RunAsync(
        ScenarioResult? split, ScenarioResult? registration, CancellationToken cancellationToken)
    {
        using var sender = server.ClientFor("claire.biobank", "anses", Role.BiobankManager);
        using var requester = server.ClientFor("alice.tech", "anses", Role.Technician);
        using var recipientManager = server.ClientFor("louis.biobank", "inserm", Role.BiobankManager);
        using var receiver = server.ClientFor("marc.tech", "inserm", Role.Technician);

        progress.WriteLine($"6: {options.Shipments} shipments of {Shelving.BoxPositions} aliquots from Anses to Inserm (request, approve, dispatch, receive)");
        var agreement = await RegisterAgreementAsync(sender, cancellationToken);
        await RecordConsentAsync(sender, cancellationToken);
        var anses = await FreezerAsync(sender, MaisonsAlfort, cancellationToken);
        var inserm = await FreezerAsync(recipientManager, Cochin, cancellationToken);
        var outgoing = await Shelving.BoxesAsync(sender, anses, options.Shipments, cancellationToken);
        var incoming = await Shelving.BoxesAsync(recipientManager, inserm, options.Shipments, cancellationToken);

        var runs = Steps.ToDictionary(s => s, _ => new BookingRun());
        var cycles = new BookingRun();
        Transfer? last = null;
        var lastBox = "";
        var budget = Stopwatch.StartNew();
        for (var s = 0; s < options.Shipments; s++)
        {
            if (budget.Elapsed > options.ScenarioBudget)
            {
                cycles.StoppedByBudget = true;
                break;
            }

            var items = await AliquotsAsync(requester, outgoing[s], cancellationToken);
            var began = Stopwatch.GetTimestamp();
            var transfer = await ShipAsync(requester, sender, receiver, agreement, items, incoming[s], runs, cancellationToken);
            if (transfer is not null)
            {
                // A failed step is counted in its own run; the cycle counts whole shipments only.
                cycles.Succeeded(Stopwatch.GetElapsedTime(began));
                (last, lastBox) = (transfer, incoming[s]);
            }
        }

        // Each shipment's aliquots are split between the timed calls, so a run's time is the sum of its
        // calls: its throughput is that of calls made back to back.
        foreach (var run in runs.Values.Append(cycles))
        {
            run.Elapsed = TimeSpan.FromMilliseconds(run.Latencies.Sum());
        }

        var results = Steps.Select(step => Step(step, runs[step], split, registration))
            .Append(Cycle(cycles, split, registration))
            .ToList();
        var all = BookingRun.Merge([.. runs.Values]);
        return (results,
        [
            new Check("every step of every shipment succeeded", all.FailureCount == 0,
                Invariant($"{all.Booked} steps succeeded, {all.FailureCount} failed; {cycles.Booked} shipments received")),
            await ReceivedAsync(receiver, last, lastBox, cancellationToken),
        ]);
    }

    /// <summary>The request, approval, dispatch and receipt of one shipment, each timed into its run; null when a step fails.</summary>
    private static async Task<Transfer?> ShipAsync(
        BiobankClient requester, BiobankClient sender, BiobankClient receiver, string agreement, IReadOnlyList<string> items, string box,
        Dictionary<string, BookingRun> runs, CancellationToken cancellationToken)
    {
        var transfer = new Transfer
        {
            FromSite = MaisonsAlfort, ToSite = Cochin, Purpose = PermittedUse.GeneralResearch, Project = "BENCH-SHIPMENTS", Agreement = agreement,
        };
        transfer.Items.Add(items.Select(i => new TransferItem { Item = i }));
        if (!await BookingRun.TimeAsync(async () => transfer = await requester.Transfers.RequestTransferAsync(
                new RequestTransferRequest { RequestId = BiobankClient.NewRequestId(), Transfer = transfer }, cancellationToken: cancellationToken),
                runs["request"], cancellationToken)
            || !await BookingRun.TimeAsync(async () => transfer = await sender.Transfers.ApproveTransferAsync(
                new ApproveTransferRequest { RequestId = BiobankClient.NewRequestId(), Name = transfer.Name }, cancellationToken: cancellationToken),
                runs["approve"], cancellationToken))
        {
            return null;
        }

        var dispatch = new DispatchTransferRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Name = transfer.Name,
            Shipment = new Shipment { Carrier = "World Courier", Packaging = Packaging.Un3373CategoryB, DryIceKilograms = 5 },
        };
        var receipt = new ReceiveTransferRequest { RequestId = BiobankClient.NewRequestId(), Name = transfer.Name };
        receipt.Receipts.Add(items.Select((item, i) => new ItemReceipt
        {
            Item = item, Condition = ItemCondition.Good, StoragePosition = new StoragePosition { StorageUnit = box, Position = Shelving.Position(i) },
        }));
        return await BookingRun.TimeAsync(async () => transfer = await sender.Transfers.DispatchTransferAsync(dispatch, cancellationToken: cancellationToken),
                runs["dispatch"], cancellationToken)
            && await BookingRun.TimeAsync(async () => transfer = await receiver.Transfers.ReceiveTransferAsync(receipt, cancellationToken: cancellationToken),
                runs["receive"], cancellationToken)
            ? transfer
            : null;
    }

    private static ScenarioResult Step(string step, BookingRun run, ScenarioResult? split, ScenarioResult? registration)
    {
        var (comparison, ratios) = Compare(run, split, registration);
        return ScenarioResult.Of($"6-{step}", Invariant($"{step} a shipment of {Shelving.BoxPositions} aliquots (per call)"), run, comparison, ratios, "calls");
    }

    private static ScenarioResult Cycle(BookingRun run, ScenarioResult? split, ScenarioResult? registration)
    {
        var (comparison, ratios) = Compare(run, split, registration);
        return ScenarioResult.Of(
            "6", Invariant($"a shipment of {Shelving.BoxPositions} aliquots from request to receipt (four calls)"), run, comparison, ratios, "shipments");
    }

    /// <summary>The run against a 96-aliquot split (5b) and, per item, against one placed registration (5a).</summary>
    private static (string Comparison, Dictionary<string, double> Ratios) Compare(BookingRun run, ScenarioResult? split, ScenarioResult? registration)
    {
        var ratios = new Dictionary<string, double>();
        var parts = new List<string>();
        if (split is not null)
        {
            ratios["p50_vs_split"] = run.Summary.P50 / split.Latency.P50;
            parts.Add(Invariant($"p50 ×{ratios["p50_vs_split"]:F2} of a 5b split"));
        }

        var perItem = run.Summary.P50 / Shelving.BoxPositions;
        parts.Add(Invariant($"{perItem:F2} ms per item"));
        if (registration is not null)
        {
            ratios["p50_per_item_vs_registration"] = perItem / registration.Latency.P50;
            parts.Add(Invariant($"×{ratios["p50_per_item_vs_registration"]:F2} of a 5a registration"));
        }

        return (string.Join(", ", parts), ratios);
    }

    /// <summary>The last shipment arrived whole: the transfer received and the receiver's box full.</summary>
    private static async Task<Check> ReceivedAsync(BiobankClient receiver, Transfer? transfer, string box, CancellationToken cancellationToken)
    {
        const string Title = "each shipment was received into the partner's box";
        if (transfer is null)
        {
            return new Check(Title, false, "no shipment was received");
        }

        var unit = await receiver.Storage.GetStorageUnitAsync(new GetStorageUnitRequest { Name = box }, cancellationToken: cancellationToken);
        return new Check(
            Title, transfer.State == TransferState.Received && unit.OccupiedPositions.Count == Shelving.BoxPositions,
            Invariant($"the last transfer is {transfer.State}; its box at Cochin has {unit.OccupiedPositions.Count} of {Shelving.BoxPositions} positions occupied"));
    }

    /// <summary>A parent of 50 mL split into a full box of aliquots (set-up, not measured).</summary>
    private static async Task<List<string>> AliquotsAsync(BiobankClient technician, string box, CancellationToken cancellationToken)
    {
        var parent = await technician.Samples.RegisterSampleAsync(new RegisterSampleRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Sample = new Sample
            {
                Barcode = Shelving.Barcode(),
                Collection = Collection,
                SourceKind = SourceKind.Human,
                DonorPseudonym = Donor,
                MaterialType = MaterialType.Serum,
                CollectionTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
                Quantity = new Quantity { Value = 50, Unit = QuantityUnit.Millilitre },
                ConsentReference = "CONSENT-SHIP-V1",
            },
        }, cancellationToken: cancellationToken);
        var split = new AliquotSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = parent.Name };
        split.Aliquots.Add(Enumerable.Range(0, Shelving.BoxPositions).Select(i => new SamplePortion
        {
            Barcode = Shelving.Barcode(),
            Quantity = new Quantity { Value = 0.25, Unit = QuantityUnit.Millilitre },
            StoragePosition = new StoragePosition { StorageUnit = box, Position = Shelving.Position(i) },
        }));
        var aliquoted = await technician.Samples.AliquotSampleAsync(split, cancellationToken: cancellationToken);
        return [.. aliquoted.Aliquots.Select(a => a.Name)];
    }

    private static async Task<string> RegisterAgreementAsync(BiobankClient sender, CancellationToken cancellationToken)
    {
        var agreement = new Agreement
        {
            ProviderOrganisation = "organisations/anses",
            RecipientOrganisation = "organisations/inserm",
            Validity = new TimeInterval
            {
                StartTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
                EndTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddYears(1)),
            },
            ExternalReference = "MTA-BENCH-2026",
        };
        agreement.MaterialTypes.Add(MaterialType.Serum);
        agreement.SourceKinds.Add(SourceKind.Human);
        agreement.PermittedPurposes.Add(PermittedUse.GeneralResearch);
        return (await sender.Agreements.RegisterAgreementAsync(
            new RegisterAgreementRequest { RequestId = BiobankClient.NewRequestId(), Agreement = agreement }, cancellationToken: cancellationToken)).Name;
    }

    /// <summary>The donor consents to research and to sharing with the partner institute.</summary>
    private static async Task RecordConsentAsync(BiobankClient sender, CancellationToken cancellationToken)
    {
        var consent = new Consent { DonorPseudonym = Donor, Collection = Collection, DocumentVersion = "v1-2026" };
        consent.PermittedUses.Add([PermittedUse.GeneralResearch, PermittedUse.PartnerSharing]);
        await sender.Consents.RecordConsentAsync(new RecordConsentRequest { RequestId = BiobankClient.NewRequestId(), Consent = consent }, cancellationToken: cancellationToken);
    }

    private static Task<string> FreezerAsync(BiobankClient manager, string site, CancellationToken cancellationToken) =>
        Shelving.CreateUnitAsync(manager, new StorageUnit
        {
            DisplayName = "Freezer -80 °C (transfer benchmark)", Kind = StorageUnitKind.Freezer, Site = site, TemperatureBand = TemperatureBand.Minus80,
        }, cancellationToken);
}
