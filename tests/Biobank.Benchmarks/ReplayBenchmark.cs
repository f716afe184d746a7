using System.Diagnostics;
using System.Globalization;
using Biobank.Domain.Access;
using Biobank.V1;
using Npgsql;
using static System.FormattableString;

namespace Biobank.Benchmarks;

/// <summary>
/// An auditor's replay of the whole history: <see cref="BenchmarkOptions.ReplayEvents"/> events of
/// sample streams (ten moves each, hash-chained by the database as they are appended), streamed by
/// <c>ReplayEvents</c> to a client that counts them, against a raw Npgsql read of the same rows and
/// columns in the same run; the process's resident memory is sampled while the replay runs (server
/// and client share this process) and must stay flat, however many events go by.
/// </summary>
public sealed class ReplayBenchmark(BenchmarkServer server, BenchmarkOptions options, TextWriter progress)
{
    /// <summary>Events per sample stream.</summary>
    private const int StreamLength = 10;

    /// <summary>The targets the row is read against (reported as ratios, not checked): events per second, and the share of a raw read's speed.</summary>
    private const double TargetThroughput = 100_000, TargetRatio = 0.3;

    /// <summary>How long the row waits for the server's projections to catch up with the appended events before it replays anyway.</summary>
    private static readonly TimeSpan ProjectionBudget = TimeSpan.FromMinutes(5);

    /// <summary>Growth of the resident memory during the replay taken for buffering the history.</summary>
    private const long FlatMemoryBytes = 256L * 1024 * 1024;

    public async Task<(IReadOnlyList<ScenarioResult> Results, IReadOnlyList<Check> Checks)> RunAsync(CancellationToken cancellationToken)
    {
        progress.WriteLine($"8: replay of {options.ReplayEvents:N0} events, against a raw read of the same rows");
        var after = await AppendEventsAsync(cancellationToken);
        await AwaitProjectionsAsync(cancellationToken);

        var raw = Stopwatch.StartNew();
        var rawCount = await RawReadAsync(after, cancellationToken);
        raw.Stop();

        using var auditor = server.ClientFor("ines.audit", "inserm", Role.Auditor);
        var baseline = Environment.WorkingSet;
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None);
        var replay = Stopwatch.StartNew();
        long replayed = 0, lastPosition = after;
        var ordered = true;
        using (var call = auditor.Audit.ReplayEvents(new ReplayEventsRequest { ResumeAfter = after }, cancellationToken: cancellationToken))
        {
            while (await call.ResponseStream.MoveNext(cancellationToken))
            {
                ordered &= call.ResponseStream.Current.Position > lastPosition;
                lastPosition = call.ResponseStream.Current.Position;
                replayed++;
            }
        }

        replay.Stop();
        await sampling.CancelAsync();
        await sampler;

        var throughput = replayed / replay.Elapsed.TotalSeconds;
        var rawThroughput = rawCount / raw.Elapsed.TotalSeconds;
        var ratio = throughput / rawThroughput;
        var growth = peak - baseline;
        var result = new ScenarioResult(
            "8", "Replay of the event history to one auditor (ReplayEvents, no filter)", (int)replayed, "events", 0,
            replay.Elapsed.TotalSeconds, throughput, LatencySummary.Of([replay.Elapsed.TotalMilliseconds]), false,
            Invariant($"×{ratio:F2} of a raw Npgsql read of the same rows, {rawThroughput:N0} events/s (targets: ≥ {TargetThroughput:N0} events/s, ≥ {TargetRatio} of the raw read); process peak RSS {peak / 1048576.0:N0} MiB ({growth / 1048576.0:+0;-0} MiB during the replay)"),
            new Dictionary<string, double>
            {
                ["throughput_vs_raw_read"] = Math.Round(ratio, 3),
                ["throughput_vs_target"] = Math.Round(throughput / TargetThroughput, 3),
                ["peak_rss_mib"] = Math.Round(peak / 1048576.0, 1),
            });
        return ([result],
        [
            new Check("the replay sends every event once, in order", replayed == rawCount && ordered,
                Invariant($"{replayed:N0} replayed, {rawCount:N0} stored, in order: {ordered}")),
            new Check("the process's memory stays flat during the replay", growth < FlatMemoryBytes,
                Invariant($"resident memory grew by {growth / 1048576.0:N0} MiB")),
        ]);
    }

    /// <summary>Appends the events straight into the store, each chained by the trigger; returns the position before them.</summary>
    private async Task<long> AppendEventsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var before = new NpgsqlCommand("select coalesce(max(seq_id), 0) from biobank.mt_events", connection);
        var after = (long)(await before.ExecuteScalarAsync(cancellationToken))!;
        var appended = Stopwatch.StartNew();
        const int Batch = 100_000;
        for (var from = 0; from < options.ReplayEvents; from += Batch)
        {
            var last = (long)Math.Min(from + Batch, options.ReplayEvents) - 1;
            await using var streams = new NpgsqlCommand($"""
                insert into biobank.mt_streams (id, version)
                select 'samples/bench-replay-' || s, {StreamLength} from generate_series($1::bigint / {StreamLength}, $2::bigint / {StreamLength}) s
                on conflict do nothing
                """, connection)
            {
                Parameters = { new() { Value = (long)from }, new() { Value = last } },
            };
            await streams.ExecuteNonQueryAsync(cancellationToken);
            await using var append = new NpgsqlCommand($"""
                insert into biobank.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers, user_name, correlation_id, causation_id)
                select nextval('biobank.mt_events_sequence'), gen_random_uuid(), 'samples/bench-replay-' || (n / {StreamLength}), n % {StreamLength} + 1,
                       jsonb_build_object('SampleId', 'samples/bench-replay-' || (n / {StreamLength}), 'From', jsonb_build_object('StorageUnit', 'storageUnits/box-1', 'Position', 'A1'),
                                          'To', jsonb_build_object('StorageUnit', 'storageUnits/box-2', 'Position', 'H12'), 'At', now()),
                       'sample_moved', now(), '*DEFAULT*', 'Biobank.Domain.Samples.SampleMoved, Biobank.Domain',
                       jsonb_build_object('organisation', 'anses', 'roles', 'technician', 'request_id', gen_random_uuid()::text),
                       'alice.tech', md5(n::text), gen_random_uuid()::text
                from generate_series($1::bigint, $2::bigint) n order by n
                """, connection)
            {
                CommandTimeout = 0,
                Parameters = { new() { Value = (long)from }, new() { Value = last } },
            };
            await append.ExecuteNonQueryAsync(cancellationToken);
        }

        progress.WriteLine(Invariant($"   {options.ReplayEvents:N0} events appended and chained in {appended.Elapsed.TotalSeconds:N0} s ({StreamLength} per sample)"));
        return after;
    }

    /// <summary>
    /// Waits until the server's async daemon has applied the appended events to its projections (the
    /// change feed): appended behind the server's back, they would otherwise be projected while the
    /// replay runs, and the row would measure both. A server whose events arrive through its API
    /// projects them as they come.
    /// </summary>
    private async Task AwaitProjectionsAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var behind = new NpgsqlCommand("""
            select count(*) from biobank.mt_event_progression
            where name not like 'HighWater%' and last_seq_id < (select max(seq_id) from biobank.mt_events)
            """, connection);
        while ((long)(await behind.ExecuteScalarAsync(cancellationToken))! > 0 && waited.Elapsed < ProjectionBudget)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        progress.WriteLine(Invariant($"   the server's projections caught up in {waited.Elapsed.TotalSeconds:N0} s"));
    }

    /// <summary>The same rows and columns as the replay reads, straight from the table, counted.</summary>
    private async Task<long> RawReadAsync(long after, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var read = new NpgsqlCommand("""
            select e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.data::text, e.user_name, e.headers::text,
                   e.correlation_id, e.causation_id, e.id, encode(c.hash, 'hex')
            from biobank.mt_events e left join biobank.event_chain c on c.seq_id = e.seq_id
            where e.seq_id > $1 and e.stream_id <> 'mt_tombstone' order by e.seq_id
            """, connection)
        {
            CommandTimeout = 0,
            Parameters = { new() { Value = after } },
        };
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        long count = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            _ = reader.GetString(5);
            count++;
        }

        return count;
    }
}
