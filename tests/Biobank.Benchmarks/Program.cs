using System.Runtime.InteropServices;
using Biobank.Benchmarks;

// Exit codes: 0 every check passed, 1 a check failed or the run broke off, 2 bad arguments.
var (options, problem) = BenchmarkOptions.Parse(args);
if (options is null)
{
    (problem is null ? Console.Out : Console.Error).WriteLine(problem is null ? BenchmarkOptions.Usage : $"{problem}\n\n{BenchmarkOptions.Usage}");
    return problem is null ? 0 : 2;
}

using var cancellation = new CancellationTokenSource();

// Ctrl-C or a job's SIGTERM unwinds the run instead of ending the process, so the server and the
// PostgreSQL cluster are stopped and the temporary directory is deleted.
void Interrupt(PosixSignalContext signal)
{
    signal.Cancel = true;
    cancellation.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);

// Progress goes to standard error, so standard output is the report alone.
var progress = Console.Error;
var startedAt = DateTimeOffset.UtcNow;
try
{
    progress.WriteLine("starting a private PostgreSQL cluster and the server");
    await using var server = await BenchmarkServer.StartAsync(cancellation.Token);
    var environment = RunEnvironment.Describe(await server.PostgresVersionAsync(cancellation.Token), startedAt);
    var writePath = new WritePathBenchmark(server, options, progress);
    var (results, checks) = await writePath.RunAsync(cancellation.Token);
    var (sampleResults, sampleChecks) = await new SampleBenchmark(server, options, progress)
        .RunAsync(results.FirstOrDefault(r => r.Id == "1"), cancellation.Token);
    var (transferResults, transferChecks) = await new TransferBenchmark(server, options, progress)
        .RunAsync(sampleResults.FirstOrDefault(r => r.Id == "5b"), sampleResults.FirstOrDefault(r => r.Id == "5a"), cancellation.Token);
    var (processResults, processChecks) = await new ServerProcessBenchmark(server, options, progress)
        .RunAsync(results.FirstOrDefault(r => r.Id == "2b"), cancellation.Token);
    var (replayResults, replayChecks) = await new ReplayBenchmark(server, options, progress).RunAsync(cancellation.Token);
    var report = new BenchmarkReport(
        options.Mode, environment,
        [.. results, .. sampleResults, .. transferResults, .. processResults, .. replayResults],
        [.. checks, .. sampleChecks, .. transferChecks, .. processChecks, .. replayChecks],
        writePath.BookingStatements, writePath.HonestStatements);

    Console.WriteLine(report.ToMarkdown());
    if (options.JsonPath is { } path)
    {
        await File.WriteAllTextAsync(path, report.ToJson(), CancellationToken.None);
        progress.WriteLine($"results written to {Path.GetFullPath(path)}");
    }

    progress.WriteLine($"finished in {DateTimeOffset.UtcNow - startedAt:m\\:ss}");
    return report.Passed ? 0 : 1;
}
catch (Exception) when (cancellation.IsCancellationRequested)
{
    // Calls in flight end as OperationCanceledException or as gRPC's CANCELLED.
    progress.WriteLine("cancelled");
    return 1;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    progress.WriteLine($"the run broke off: {e}");
    return 1;
}
