namespace Biobank.Benchmarks;

/// <summary>
/// How much load a run generates. Every scenario is bounded twice, by a count and by a time budget,
/// so a slow or overloaded machine makes a run report fewer operations, never run on.
/// </summary>
public sealed record BenchmarkOptions(
    string Mode,
    int WarmUpBookings,
    int SingleClientBookings,
    int ConcurrentClients,
    int BookingsPerConcurrentClient,
    int MixedClients,
    int MixedInstruments,
    int MixedOperationsPerClient,
    int HistorySize,
    int HistoryBookings,
    int Racers,
    int RaceRounds,
    int SampleRegistrations,
    int Aliquotings,
    int Shipments,
    int ReplayEvents,
    TimeSpan ScenarioBudget,
    string? JsonPath)
{
    /// <summary>About one to two minutes on two cores.</summary>
    public static BenchmarkOptions Quick { get; } = new(
        "quick", WarmUpBookings: 300, SingleClientBookings: 500, ConcurrentClients: 16, BookingsPerConcurrentClient: 40,
        MixedClients: 64, MixedInstruments: 1_000, MixedOperationsPerClient: 20,
        HistorySize: 5_000, HistoryBookings: 300, Racers: 32, RaceRounds: 30,
        SampleRegistrations: 300, Aliquotings: 10, Shipments: 5, ReplayEvents: 50_000, ScenarioBudget: TimeSpan.FromSeconds(30), JsonPath: null);

    /// <summary>Every scenario with a handful of calls, in well under a minute: what the test suite runs so that the benchmark keeps working.</summary>
    public static BenchmarkOptions Smoke { get; } = new(
        "smoke", WarmUpBookings: 10, SingleClientBookings: 20, ConcurrentClients: 4, BookingsPerConcurrentClient: 5,
        MixedClients: 8, MixedInstruments: 20, MixedOperationsPerClient: 10,
        HistorySize: 40, HistoryBookings: 10, Racers: 4, RaceRounds: 2,
        SampleRegistrations: 10, Aliquotings: 1, Shipments: 1, ReplayEvents: 2_000, ScenarioBudget: TimeSpan.FromSeconds(30), JsonPath: null);

    /// <summary>A few minutes: enough bookings for a steadier p99.</summary>
    public static BenchmarkOptions Default { get; } = new(
        "default", WarmUpBookings: 500, SingleClientBookings: 2_000, ConcurrentClients: 16, BookingsPerConcurrentClient: 150,
        MixedClients: 64, MixedInstruments: 1_000, MixedOperationsPerClient: 60,
        HistorySize: 5_000, HistoryBookings: 1_000, Racers: 32, RaceRounds: 100,
        SampleRegistrations: 1_000, Aliquotings: 30, Shipments: 15, ReplayEvents: 1_000_000, ScenarioBudget: TimeSpan.FromSeconds(90), JsonPath: null);

    public const string Usage = """
        Measures the reservation, sample and transfer write paths and the audit replay of a Biobank server against a private PostgreSQL.

        usage: dotnet run -c Release --project tests/Biobank.Benchmarks -- [--quick | --smoke] [--json PATH]

          --quick      a short run (about one to two minutes) instead of a few minutes
          --smoke      every scenario with a handful of calls: a check that the benchmark works, not a measure
          --json PATH  also write the results as JSON to PATH
          --help       show this text
        """;

    /// <summary>The options named by <paramref name="args"/>, or the problem with them.</summary>
    public static (BenchmarkOptions? Options, string? Problem) Parse(IReadOnlyList<string> args)
    {
        var options = Default;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    options = Quick with { JsonPath = options.JsonPath };
                    break;
                case "--smoke":
                    options = Smoke with { JsonPath = options.JsonPath };
                    break;
                case "--json" when i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal):
                    options = options with { JsonPath = args[++i] };
                    break;
                case "--json":
                    return (null, "--json needs a file path.");
                case "--help" or "-h":
                    return (null, null);
                default:
                    return (null, $"Unknown argument '{args[i]}'.");
            }
        }

        return (options, null);
    }
}
