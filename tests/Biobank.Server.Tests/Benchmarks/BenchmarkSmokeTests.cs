using System.Diagnostics;
using System.Text.Json;
using Biobank.Server.Tests.Infrastructure;

namespace Biobank.Server.Tests.Benchmarks;

/// <summary>
/// The benchmark run with a handful of calls per scenario (<c>--smoke</c>), so that it keeps
/// building, running and checking what it claims. Its figures mean nothing here and are not read.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    /// <summary>Every row of the report, with the ratio each row's target is read from.</summary>
    private static readonly Dictionary<string, string> RatioOfRow = new()
    {
        ["1"] = "p50_vs_target",
        ["1-sql"] = "throughput_vs_ours",
        ["1-honest"] = "throughput_vs_ours",
        ["1-grpc"] = "throughput_vs_ours",
        ["2a"] = "throughput_vs_many_instruments",
        ["2b"] = "throughput_vs_honest_minimum",
        ["2b-sql"] = "throughput_vs_ours",
        ["2b-honest"] = "throughput_vs_ours",
        ["2b-grpc"] = "throughput_vs_ours",
        ["2c"] = "throughput_vs_honest_minimum",
        ["2c-sql"] = "throughput_vs_ours",
        ["2c-honest"] = "throughput_vs_ours",
        ["2c-grpc"] = "throughput_vs_ours",
        ["3b"] = "p50_vs_fresh",
        ["4"] = "round_p50_vs_single_client_p50",
        ["1-end"] = "p50_vs_single_client",
        ["5b"] = "p50_vs_registration",
        ["6"] = "p50_per_item_vs_registration",
        ["7"] = "peak_rss_mb",
        ["8"] = "throughput_vs_raw_read",
    };

    [Fact]
    public async Task A_smoke_run_passes_every_check_and_reports_every_row_with_its_ratios()
    {
        var json = Path.Combine(Path.GetTempPath(), $"biobank-bench-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, output) = await RunAsync("--smoke", "--json", json);

            exitCode.ShouldBe(0, output);
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            report.RootElement.GetProperty("mode").GetString().ShouldBe("smoke");
            report.RootElement.GetProperty("passed").GetBoolean().ShouldBeTrue(output);
            var rows = report.RootElement.GetProperty("scenarios").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
            foreach (var (id, ratio) in RatioOfRow)
            {
                rows.ShouldContainKey(id);
                rows[id].GetProperty("operations").GetInt32().ShouldBeGreaterThan(0, id);
                rows[id].GetProperty("ratios").GetProperty(ratio).GetDouble().ShouldBeGreaterThan(0, $"{id} {ratio}");
            }
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public async Task Unknown_arguments_are_refused_with_the_usage()
    {
        var (exitCode, output) = await RunAsync("--fastest");

        exitCode.ShouldBe(2);
        output.ShouldContain("Unknown argument '--fastest'");
        output.ShouldContain("--smoke");
    }

    /// <summary>Runs the benchmark built beside these tests (same configuration) and returns its exit code and everything it printed.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var build = Path.GetRelativePath(Path.Combine(Repository.Root(), "tests", "Biobank.Server.Tests"), AppContext.BaseDirectory);
        var start = new ProcessStartInfo(Path.Combine(Repository.Root(), "tests", "Biobank.Benchmarks", build, "Biobank.Benchmarks"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(patience.Token);
        return (process.ExitCode, await output + await errors);
    }
}
