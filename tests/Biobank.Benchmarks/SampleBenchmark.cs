using System.Diagnostics;
using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static System.FormattableString;

namespace Biobank.Benchmarks;

/// <summary>
/// The sample write path: one technician registering samples into box positions one by one, and
/// splitting a sample into a full 8 × 12 box of aliquots. Both are compared with reading one sample
/// (GetSample) measured in the same run, and with the single-client booking row of the reservation
/// scenarios when it is given.
/// </summary>
public sealed class SampleBenchmark(BenchmarkServer server, BenchmarkOptions options, TextWriter progress)
{
    private const int BoxPositions = Shelving.BoxPositions;
    private const int WarmUpSamples = 50;

    private readonly List<ScenarioResult> _results = [];
    private readonly List<BookingRun> _runs = [];

    public async Task<(IReadOnlyList<ScenarioResult> Results, IReadOnlyList<Check> Checks)> RunAsync(
        ScenarioResult? reservationBaseline, CancellationToken cancellationToken)
    {
        using var manager = server.ClientFor("claire.biobank", "anses", Role.BiobankManager);
        using var technician = server.ClientFor("alice.tech", "anses", Role.Technician);

        progress.WriteLine($"5 warm-up: {WarmUpSamples} samples registered and read by one client");
        var freezer = await Shelving.CreateUnitAsync(manager, new StorageUnit
        {
            DisplayName = "Freezer -80 °C (sample benchmark)", Kind = StorageUnitKind.Freezer, Site = "sites/anses-maisons-alfort",
            TemperatureBand = TemperatureBand.Minus80,
        }, cancellationToken);
        var warmUp = await RegisterAsync(technician, await Shelving.BoxesAsync(manager, freezer, 1, cancellationToken), WarmUpSamples, cancellationToken);
        await ReadAsync(technician, warmUp.Names, WarmUpSamples, cancellationToken);

        progress.WriteLine($"5-get: one client reads {options.SampleRegistrations} samples in turn");
        var reads = await ReadAsync(technician, warmUp.Names, options.SampleRegistrations, cancellationToken);
        var readRatios = new Dictionary<string, double>();
        if (reservationBaseline is not null)
        {
            readRatios["p50_vs_single_client_booking"] = reads.Summary.P50 / reservationBaseline.Latency.P50;
        }

        Report("5-get", "one client reads one sample (GetSample)", reads, "baseline of 5", readRatios, "reads");

        progress.WriteLine($"5a: one client registers {options.SampleRegistrations} samples into box positions in turn");
        var boxes = await Shelving.BoxesAsync(manager, freezer, (options.SampleRegistrations + BoxPositions - 1) / BoxPositions, cancellationToken);
        var registered = await RegisterAsync(technician, boxes, options.SampleRegistrations, cancellationToken);
        var registrationRatios = new Dictionary<string, double>
        {
            ["p50_vs_get_sample"] = registered.Run.Summary.P50 / reads.Summary.P50,
            ["p99_vs_get_sample"] = registered.Run.Summary.P99 / reads.Summary.P99,
        };
        var versusBooking = "";
        if (reservationBaseline is not null)
        {
            registrationRatios["throughput_vs_single_client_booking"] = registered.Run.Throughput / reservationBaseline.Throughput;
            registrationRatios["p50_vs_single_client_booking"] = registered.Run.Summary.P50 / reservationBaseline.Latency.P50;
            versusBooking = Invariant($"; throughput ×{registrationRatios["throughput_vs_single_client_booking"]:F2}, p50 ×{registrationRatios["p50_vs_single_client_booking"]:F2} of 1");
        }

        Report(
            "5a", "one client registers placed samples", registered.Run,
            Invariant($"p50 ×{registrationRatios["p50_vs_get_sample"]:F2}, p99 ×{registrationRatios["p99_vs_get_sample"]:F2} of 5-get") + versusBooking,
            registrationRatios, "samples");

        progress.WriteLine($"5b: one client splits a sample into {BoxPositions} placed aliquots, {options.Aliquotings} times");
        var (aliquotings, lastBox) = await AliquotAsync(manager, technician, freezer, cancellationToken);
        var perAliquot = aliquotings.Summary.P50 / BoxPositions;
        var aliquotRatios = new Dictionary<string, double>
        {
            ["p50_vs_get_sample"] = aliquotings.Summary.P50 / reads.Summary.P50,
            ["p99_vs_get_sample"] = aliquotings.Summary.P99 / reads.Summary.P99,
            ["p50_per_aliquot_vs_registration"] = perAliquot / registered.Run.Summary.P50,
            ["p50_vs_registration"] = aliquotings.Summary.P50 / registered.Run.Summary.P50,
        };
        Report(
            "5b", Invariant($"one client splits a sample into {BoxPositions} placed aliquots (per call)"), aliquotings,
            Invariant($"p50 ×{aliquotRatios["p50_vs_get_sample"]:F1}, p99 ×{aliquotRatios["p99_vs_get_sample"]:F1} of 5-get; ") +
            Invariant($"{perAliquot:F2} ms per aliquot, ×{aliquotRatios["p50_per_aliquot_vs_registration"]:F2} of a 5a registration; ") +
            Invariant($"the split ×{aliquotRatios["p50_vs_registration"]:F1} of a 5a registration (target ≤ 10)"),
            aliquotRatios, "splits");

        var all = BookingRun.Merge(_runs);
        return (_results,
        [
            new Check("every sample registration, read and split succeeded", all.FailureCount == 0,
                Invariant($"{all.Booked} succeeded, {all.FailureCount} failed") + Outcomes(all.Failures)),
            await BoxFilledAsync(technician, lastBox, aliquotings.Booked, cancellationToken),
        ]);
    }

    /// <summary>The box of the last split holds its 96 aliquots: every child was placed.</summary>
    private static async Task<Check> BoxFilledAsync(BiobankClient reader, string? box, int splits, CancellationToken cancellationToken)
    {
        if (box is null || splits == 0)
        {
            return new Check("each split filled its box with aliquots", false, "no split succeeded");
        }

        var unit = await reader.Storage.GetStorageUnitAsync(new GetStorageUnitRequest { Name = box }, cancellationToken: cancellationToken);
        return new Check(
            "each split filled its box with aliquots", unit.FreePositions == 0 && unit.OccupiedPositions.Count == BoxPositions,
            Invariant($"the last split's box has {unit.OccupiedPositions.Count} of {BoxPositions} positions occupied"));
    }

    private async Task<(BookingRun Run, string? LastBox)> AliquotAsync(
        BiobankClient manager, BiobankClient technician, string freezer, CancellationToken cancellationToken)
    {
        // Parents stand unplaced; each split fills a box of its own, created beforehand.
        var parents = new List<string>();
        var boxes = await Shelving.BoxesAsync(manager, freezer, options.Aliquotings, cancellationToken);
        for (var r = 0; r < options.Aliquotings; r++)
        {
            var parent = await technician.Samples.RegisterSampleAsync(new RegisterSampleRequest
            {
                RequestId = BiobankClient.NewRequestId(),
                Sample = Plasma(Invariant($"BENCH-P-{r:0000}"), millilitres: 50, position: null),
            }, cancellationToken: cancellationToken);
            parents.Add(parent.Name);
        }

        var run = new BookingRun();
        string? lastBox = null;
        var budget = Stopwatch.StartNew();
        for (var r = 0; r < options.Aliquotings; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (budget.Elapsed > options.ScenarioBudget)
            {
                run.StoppedByBudget = true;
                break;
            }

            var request = new AliquotSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = parents[r] };
            request.Aliquots.Add(Enumerable.Range(0, BoxPositions).Select(i => new SamplePortion
            {
                Barcode = Shelving.Barcode(),
                Quantity = new Quantity { Value = 0.25, Unit = QuantityUnit.Millilitre },
                StoragePosition = new StoragePosition { StorageUnit = boxes[r], Position = Shelving.Position(i) },
            }));
            if (await BookingRun.TimeAsync(() => technician.Samples.AliquotSampleAsync(request, cancellationToken: cancellationToken).ResponseAsync, run, cancellationToken))
            {
                lastBox = boxes[r];
            }
        }

        run.Elapsed = TimeSpan.FromMilliseconds(run.Latencies.Sum());
        _runs.Add(run);
        return (run, lastBox);
    }

    /// <summary>Registers <paramref name="count"/> samples one at a time, filling the boxes position by position.</summary>
    private async Task<(BookingRun Run, List<string> Names)> RegisterAsync(
        BiobankClient technician, List<string> boxes, int count, CancellationToken cancellationToken)
    {
        var run = new BookingRun();
        var names = new List<string>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (clock.Elapsed > options.ScenarioBudget)
            {
                run.StoppedByBudget = true;
                break;
            }

            var request = new RegisterSampleRequest
            {
                RequestId = BiobankClient.NewRequestId(),
                Sample = Plasma(Invariant($"BENCH-D-{i % 500:0000}"), millilitres: 2,
                    new StoragePosition { StorageUnit = boxes[i / BoxPositions], Position = Shelving.Position(i % BoxPositions) }),
            };
            await BookingRun.TimeAsync(async () => names.Add((await technician.Samples.RegisterSampleAsync(request, cancellationToken: cancellationToken)).Name), run, cancellationToken);
        }

        run.Elapsed = clock.Elapsed;
        _runs.Add(run);
        return (run, names);
    }

    /// <summary>Reads <paramref name="count"/> samples one at a time, cycling through <paramref name="names"/>.</summary>
    private async Task<BookingRun> ReadAsync(BiobankClient reader, List<string> names, int count, CancellationToken cancellationToken)
    {
        var run = new BookingRun();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count && names.Count > 0; i++)
        {
            if (clock.Elapsed > options.ScenarioBudget)
            {
                run.StoppedByBudget = true;
                break;
            }

            var request = new GetSampleRequest { Name = names[i % names.Count] };
            await BookingRun.TimeAsync(() => reader.Samples.GetSampleAsync(request, cancellationToken: cancellationToken).ResponseAsync, run, cancellationToken);
        }

        run.Elapsed = clock.Elapsed;
        _runs.Add(run);
        return run;
    }

    /// <summary>Plasma of a pseudonymous donor of a cohort, collected yesterday.</summary>
    private static Sample Plasma(string donor, double millilitres, StoragePosition? position) => new()
    {
        Barcode = Shelving.Barcode(),
        Collection = "LONGCOVID-PROT",
        SourceKind = SourceKind.Human,
        DonorPseudonym = donor,
        MaterialType = MaterialType.Plasma,
        CollectionTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
        Quantity = new Quantity { Value = millilitres, Unit = QuantityUnit.Millilitre },
        ConsentReference = "CONSENT-LC-V3",
        StoragePosition = position,
    };

    private static string Outcomes(SortedDictionary<string, int> outcomes) =>
        outcomes.Count == 0 ? "" : " (" + string.Join(", ", outcomes.Select(o => Invariant($"{o.Value}× {o.Key}"))) + ")";

    private void Report(string id, string title, BookingRun run, string comparison, IReadOnlyDictionary<string, double> ratios, string unit) =>
        _results.Add(ScenarioResult.Of(id, title, run, comparison, ratios, unit));
}
