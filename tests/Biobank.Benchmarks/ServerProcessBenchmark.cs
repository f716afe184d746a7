using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
        var first = await LaunchAsync(cancellationToken);
        var firstStart = first.Start;
        await StopAsync(first.Process);
        var warm = await LaunchAsync(cancellationToken);
        try
        {
            var clients = Enumerable.Range(0, options.ConcurrentClients)
                .Select(i => server.ClientFor(warm.Address, Invariant($"tech-{i:D2}"), i % 2 == 0 ? "anses" : "inserm", Role.Technician))
                .ToList();
            using var manager = server.ClientFor(warm.Address, "marie.facility", "anses", Role.FacilityManager);
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
            await StopAsync(warm.Process);
        }
    }

    private sealed record Launched(Process Process, Uri Address, TimeSpan Start);

    /// <summary>Launches the server and waits for the line it prints once it serves.</summary>
    private async Task<Launched> LaunchAsync(CancellationToken cancellationToken)
    {
        var address = new Uri(Invariant($"http://127.0.0.1:{FreeLoopbackPort()}"));
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Biobank.Server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            $"--ConnectionStrings:Biobank={server.ConnectionString}",
            $"--Biobank:DataDirectory={server.DataDirectory}",
            $"--Kestrel:Endpoints:Grpc:Url={address.GetLeftPart(UriPartial.Authority)}",
            "--Logging:LogLevel:Default=Warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var began = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith("Biobank serving gRPC on", StringComparison.Ordinal) == true)
            {
                serving.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await serving.Task.WaitAsync(patience.Token);
        }
        catch
        {
            await StopAsync(process);
            throw;
        }

        return new Launched(process, address, Stopwatch.GetElapsedTime(began));
    }

    /// <summary>SIGTERM, as a service manager stops it, then SIGKILL if it does not end in time.</summary>
    private static async Task StopAsync(Process process)
    {
        using (process)
        {
            if (process.HasExited)
            {
                return;
            }

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The highest resident set size of the process so far (VmHWM in /proc), in megabytes.</summary>
    private static double PeakResidentMegabytes(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
