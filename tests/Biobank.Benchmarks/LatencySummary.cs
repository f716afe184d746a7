namespace Biobank.Benchmarks;

/// <summary>Percentiles of a set of call or round latencies, in milliseconds (nearest rank).</summary>
public sealed record LatencySummary(double P50, double P90, double P99, double Max, double Mean)
{
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new LatencySummary(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = milliseconds.Order().ToArray();
        double Rank(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new LatencySummary(Rank(0.50), Rank(0.90), Rank(0.99), sorted[^1], sorted.Average());
    }
}
