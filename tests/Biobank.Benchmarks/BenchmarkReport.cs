using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using static System.FormattableString;

namespace Biobank.Benchmarks;

/// <summary>A run's results: a markdown table for people, the same as JSON for tools that track them.</summary>
public sealed record BenchmarkReport(
    string Mode, RunEnvironment Environment, IReadOnlyList<ScenarioResult> Scenarios, IReadOnlyList<Check> Checks,
    IReadOnlyList<StatementCost> BookingStatements, IReadOnlyList<StatementCost> HonestStatements)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // A scenario stopped before its first operation has no percentiles.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public bool Passed => Checks.All(c => c.Passed);

    private static double TopLevelTime(IReadOnlyList<StatementCost> statements) =>
        statements.Where(s => !s.InTrigger).Sum(s => s.MillisecondsPerOperation);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"## Reservation, sample and transfer write paths ({Mode} run, {Environment.StartedAt:yyyy-MM-dd HH:mm} UTC)"));
        text.AppendLine();
        text.AppendLine(Invariant($"commit {Environment.Commit} · {Environment.Cores} cores · {Environment.OperatingSystem} · {Environment.Runtime} · PostgreSQL {Environment.Postgres} · load average at start {Environment.LoadAverage}"));
        text.AppendLine();
        text.AppendLine("| scenario | operations | time (s) | throughput (/s) | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | against the baseline |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var s in Scenarios)
        {
            var stopped = s.StoppedByTimeBudget ? " (time budget reached)" : "";
            var failures = s.Failures > 0 ? Invariant($", {s.Failures} failed") : "";
            text.AppendLine(Invariant(
                $"| {s.Id} {s.Title} | {s.Operations:N0} {s.Unit}{failures}{stopped} | {s.Seconds:F1} | {s.Throughput:F1} | {s.Latency.P50:F1} | {s.Latency.P90:F1} | {s.Latency.P99:F1} | {s.Latency.Max:F1} | {s.Comparison} |"));
        }

        text.AppendLine();
        text.AppendLine("Where row 1's booking spends its database time, per booking, counted over bookings of its own after row 1 (pg_stat_statements; a trigger's statements are also counted in the statement that fired them):");
        text.AppendLine();
        text.AppendLine("| statement | calls | ms |");
        text.AppendLine("|---|---:|---:|");
        foreach (var statement in BookingStatements)
        {
            var where = statement.InTrigger ? "in a trigger: " : "";
            text.AppendLine(Invariant($"| {where}`{statement.Statement.Replace("|", "\\|", StringComparison.Ordinal)}` | {statement.CallsPerOperation:F2} | {statement.MillisecondsPerOperation:F3} |"));
        }

        text.AppendLine(Invariant($"| every statement not run by a trigger | | {TopLevelTime(BookingStatements):F3} |"));
        text.AppendLine(Invariant($"| the same for row 1-honest, the honest minimum | | {TopLevelTime(HonestStatements):F3} |"));
        text.AppendLine();
        text.AppendLine("| check | result | detail |");
        text.AppendLine("|---|---|---|");
        foreach (var c in Checks)
        {
            text.AppendLine(Invariant($"| {c.Name} | {(c.Passed ? "pass" : "FAIL")} | {c.Detail} |"));
        }

        return text.ToString();
    }
}
