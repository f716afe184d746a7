using System.Diagnostics;
using Biobank.Client;
using Grpc.Core;

namespace Biobank.Benchmarks;

/// <summary>
/// What a series of booking calls came to: the latency of each call that booked, the calls that
/// failed by status and reason, and how long the series took.
/// </summary>
public sealed class BookingRun
{
    private readonly List<double> _latencies = [];

    public IReadOnlyList<double> Latencies => _latencies;

    public SortedDictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

    public TimeSpan Elapsed { get; set; }

    /// <summary>Whether the time budget ended the series before its count.</summary>
    public bool StoppedByBudget { get; set; }

    public int Booked => _latencies.Count;

    public int FailureCount => Failures.Values.Sum();

    public double Throughput => Elapsed > TimeSpan.Zero ? Booked / Elapsed.TotalSeconds : 0;

    public LatencySummary Summary => LatencySummary.Of(_latencies);

    public void Succeeded(TimeSpan latency) => _latencies.Add(latency.TotalMilliseconds);

    public void Failed(RpcException error) => Failures[Kind(error)] = Failures.GetValueOrDefault(Kind(error)) + 1;

    /// <summary>"FAILED_PRECONDITION SLOT_UNAVAILABLE": what a failure was, without its dynamic values.</summary>
    public static string Kind(RpcException error) =>
        error.Reason() is { Length: > 0 } reason ? $"{error.StatusCode} {reason}" : error.StatusCode.ToString();

    /// <summary>
    /// Each worker makes its own sequence of calls in turn, all starting together, until its
    /// sequence ends (<paramref name="call"/> gives null), its count is reached or the budget is
    /// spent; each call is timed, and a call refused with an RPC status counts as a failure.
    /// </summary>
    public static async Task<BookingRun> AllTogetherAsync<TWorker>(
        IReadOnlyList<TWorker> workers, int perWorker, TimeSpan budget, Func<TWorker, int, int, Func<Task>?> call,
        CancellationToken cancellationToken)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Stopwatch();
        var running = workers.Select(async (worker, w) =>
        {
            await gate.Task;
            var run = new BookingRun();
            for (var j = 0; j < perWorker && call(worker, w, j) is { } next; j++)
            {
                if (clock.Elapsed > budget)
                {
                    run.StoppedByBudget = true;
                    break;
                }

                await TimeAsync(next, run, cancellationToken);
            }

            return run;
        }).ToList();
        clock.Start();
        gate.SetResult();
        var merged = Merge(await Task.WhenAll(running));
        merged.Elapsed = clock.Elapsed;
        return merged;
    }

    /// <summary>Makes one call and records it: its latency when it succeeds, its status and reason when it is refused.</summary>
    public static async Task<bool> TimeAsync(Func<Task> call, BookingRun run, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var began = Stopwatch.GetTimestamp();
        try
        {
            await call();
            run.Succeeded(Stopwatch.GetElapsedTime(began));
            return true;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            run.Failed(e);
            return false;
        }
    }

    /// <summary>The runs of several clients as one: their calls together, over the longest of their times.</summary>
    public static BookingRun Merge(IEnumerable<BookingRun> runs)
    {
        var merged = new BookingRun();
        foreach (var run in runs)
        {
            merged._latencies.AddRange(run._latencies);
            foreach (var (kind, count) in run.Failures)
            {
                merged.Failures[kind] = merged.Failures.GetValueOrDefault(kind) + count;
            }

            merged.Elapsed = run.Elapsed > merged.Elapsed ? run.Elapsed : merged.Elapsed;
            merged.StoppedByBudget |= run.StoppedByBudget;
        }

        return merged;
    }
}
