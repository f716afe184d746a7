using System.Diagnostics;
using System.Globalization;
using Biobank.Server.Tests.Infrastructure;
using Biobank.Client;
using Biobank.Domain.Access;
using static System.FormattableString;

namespace Biobank.Benchmarks;

/// <summary>
/// Scenario 7, the server as an operator runs it: its own process (the binary built beside the
/// benchmark) on the run's database, already migrated. How long it takes from launch to serving,
/// the first time and once warm; then the load of 2b against it, and the highest resident memory
/// the kernel saw for the process (VmHWM), compared with 2b in the benchmark's process.
/// </summary>
public sealed class ServerProcessBenchmark(BenchmarkServer server, BenchmarkOptions options, TextWriter progress)
{
    private const double StartTarget = 2.0;
    private const double MemoryTarget = 250;

    public async Task<(IReadOnlyList<ScenarioResult> Results, IReadOnlyList<Check> Checks)> RunAsync(
        ScenarioResult? inProcess, CancellationToken cancellationToken)
    {
        progress.WriteLine("7: the server as its own process: start, warm start, and 2b's load against it");
        var first = await LaunchAsync();
        var firstStart = first.Start;
        await first.Process.DisposeAsync();
        var warm = await LaunchAsync();
        try
        {
            var clients = Enumerable.Range(0, options.ConcurrentClients)
                .Select(i => server.ClientFor(warm.Process.Address, Invariant($"tech-{i:D2}"), i % 2 == 0 ? "anses" : "inserm", Role.Technician))
                .ToList();
            using var manager = server.ClientFor(warm.Process.Address, "marie.facility", "anses", Role.FacilityManager);
            try
            {
                var instruments = new List<string>();
                for (var c = 0; c < clients.Count; c++)
                {
                    instruments.Add(await WritePathBenchmark.RegisterAsync(manager, "own process", cancellationToken));
                }

                var origin = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
                var run = await BookingRun.AllTogetherAsync(
                    clients, options.BookingsPerConcurrentClient, options.ScenarioBudget,
                    (client, c, j) =>
                    {
                        var booking = WritePathBenchmark.Booking(instruments[c], origin + (j * TimeSpan.FromMinutes(30)), TimeSpan.FromMinutes(30));
                        return () => client.Reservations.CreateReservationAsync(booking, cancellationToken: cancellationToken).ResponseAsync;
                    },
                    cancellationToken);
                var peakMegabytes = PeakResidentMegabytes(warm.Process);
                var ratios = new Dictionary<string, double>
                {
                    ["first_start_seconds"] = firstStart.TotalSeconds,
                    ["warm_start_seconds"] = warm.Start.TotalSeconds,
                    ["warm_start_vs_target"] = warm.Start.TotalSeconds / StartTarget,
                    ["peak_rss_mb"] = peakMegabytes,
                    ["peak_rss_vs_target"] = peakMegabytes / MemoryTarget,
                };
                if (inProcess is not null)
                {
                    ratios["throughput_vs_in_process"] = run.Throughput / inProcess.Throughput;
                }

                var result = ScenarioResult.Of(
                    "7", Invariant($"{clients.Count} clients, {clients.Count} instruments, the server in its own process"), run,
                    Invariant($"start to serving {firstStart.TotalSeconds:F2} s, warm {warm.Start.TotalSeconds:F2} s (target ≤ {StartTarget} s); ") +
                    Invariant($"peak RSS {peakMegabytes:F0} MB (target ≤ {MemoryTarget} MB)") +
                    (inProcess is null ? "" : Invariant($"; throughput ×{ratios["throughput_vs_in_process"]:F2} of 2b")),
                    ratios);
                return ([result], [new Check("every booking against the server in its own process succeeded", run.FailureCount == 0,
                    Invariant($"{run.Booked} booked, {run.FailureCount} failed"))]);
            }
            finally
            {
                clients.ForEach(c => c.Dispose());
            }
        }
        finally
        {
            await warm.Process.DisposeAsync();
        }
    }

    private sealed record Launched(ServerProcess Process, TimeSpan Start);

    /// <summary>Launches the server on the run's database and key, and times it until it says it serves.</summary>
    private async Task<Launched> LaunchAsync()
    {
        var began = Stopwatch.GetTimestamp();
        var process = await ServerProcess.StartAsync(
            $"--ConnectionStrings:Biobank={server.ConnectionString}",
            $"--Biobank:DataDirectory={server.DataDirectory}",
            "--Logging:LogLevel:Default=Warning");
        return new Launched(process, Stopwatch.GetElapsedTime(began));
    }

    /// <summary>The highest resident set size of the process so far (VmHWM in /proc), in megabytes.</summary>
    private static double PeakResidentMegabytes(ServerProcess process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }
}
