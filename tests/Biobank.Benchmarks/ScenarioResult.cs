namespace Biobank.Benchmarks;

/// <summary>
/// One measured scenario as reported: how many operations, how fast, and how it compares with the
/// baseline measured in the same run (<see cref="Ratios"/>, e.g. <c>throughput_vs_single_client</c>).
/// </summary>
public sealed record ScenarioResult(
    string Id,
    string Title,
    int Operations,
    string Unit,
    int Failures,
    double Seconds,
    double Throughput,
    LatencySummary Latency,
    bool StoppedByTimeBudget,
    string Comparison,
    IReadOnlyDictionary<string, double> Ratios)
{
    public static ScenarioResult Of(
        string id, string title, BookingRun run, string comparison, IReadOnlyDictionary<string, double>? ratios = null, string unit = "reservations") =>
        new(id, title, run.Booked, unit, run.FailureCount, run.Elapsed.TotalSeconds, run.Throughput, run.Summary,
            run.StoppedByBudget, comparison, ratios ?? new Dictionary<string, double>());
}
