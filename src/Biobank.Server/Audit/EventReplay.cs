using Npgsql;
using V1 = Biobank.V1;

namespace Biobank.Server.Audit;

/// <summary>
/// Replays the event store in the order of its global sequence, page by page, without gaps or
/// repeats while writers are busy.
/// <para>
/// Positions are taken from a sequence when events are inserted, so they become visible in the
/// order their transactions commit, not in the order of the positions: position 11 may be visible
/// while 10, taken by a transaction still running, is not. A page therefore ends at the first
/// position it cannot see. The position is then waited for, and given up only once it is proven
/// gone: it was taken before the visible position after it, so by a transaction that had started
/// when the page's snapshot was taken (its id is below that snapshot's <c>xmax</c>); once the
/// oldest transaction still running (a later snapshot's <c>xmin</c>) is past that <c>xmax</c>,
/// every such transaction has ended, and a position still invisible was rolled back (or its event
/// deleted, which VerifyIntegrity reports). Each page is read in one statement, so its rows and
/// its snapshot's bounds agree.
/// </para>
/// <para>
/// A page is read into memory and its connection returned before it is written to the caller:
/// a slow reader holds one page, not a connection nor the history.
/// </para>
/// </summary>
public sealed class EventReplay(NpgsqlDataSource dataSource)
{
    /// <summary>Positions read per page.</summary>
    public const int PageSize = 1000;

    /// <summary>How often a replay that follows new events looks for them.</summary>
    private static readonly TimeSpan FollowPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a replay waiting on an invisible position looks again.</summary>
    private static readonly TimeSpan GapPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Writes the events after <paramref name="resumeAfter"/> that <paramref name="filter"/> selects,
    /// up to the last one committed, then, if <paramref name="follow"/>, every new one until cancelled,
    /// a page's events at a time. While a page is written, the next one is read.
    /// </summary>
    public async Task ReplayAsync(
        ReplayFilter filter, long resumeAfter, bool follow, Func<IReadOnlyList<V1.AuditEvent>, Task> writePage, CancellationToken cancellationToken)
    {
        var after = resumeAfter;
        Gap? gap = null;
        Task<Page>? nextPage = null;
        try
        {
            while (true)
            {
                var page = await (nextPage ?? ReadPageAsync(filter, after, cancellationToken));
                nextPage = null;
                var events = new List<V1.AuditEvent>(page.Rows.Count);
                var blocked = false;
                foreach (var (position, audit) in page.Rows)
                {
                    if (position > after + 1)
                    {
                        if (gap is not { } seen || seen.Position != after + 1)
                        {
                            gap = new Gap(after + 1, page.Xmax);
                        }

                        if (page.Xmin < gap.Value.SeenBelowXid)
                        {
                            blocked = true;
                            break;
                        }

                        // Every transaction that could hold the missing positions has ended: they are gone.
                    }

                    if (audit is not null)
                    {
                        events.Add(audit);
                    }

                    after = position;
                }

                var more = !blocked && page.Rows.Count == PageSize;
                if (more)
                {
                    nextPage = ReadPageAsync(filter, after, cancellationToken);
                }

                if (events.Count > 0)
                {
                    await writePage(events);
                }

                if (blocked)
                {
                    await Task.Delay(GapPoll, cancellationToken);
                }
                else if (!more)
                {
                    if (!follow)
                    {
                        return;
                    }

                    await Task.Delay(FollowPoll, cancellationToken);
                }
            }
        }
        finally
        {
            // A caller gone while the next page was read: the read ends before its connection is released.
            if (nextPage is not null)
            {
                await ((Task)nextPage).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Positions missing from <see cref="Position"/> on, first seen under a snapshot whose xmax was <see cref="SeenBelowXid"/>.</summary>
    private readonly record struct Gap(long Position, long SeenBelowXid);

    /// <summary>The positions visible after a position, each with its event if the filter selects it.</summary>
    private sealed record Page(long Xmin, long Xmax, List<(long Position, V1.AuditEvent? Event)> Rows);

    private async Task<Page> ReadPageAsync(ReplayFilter filter, long after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = PageSize });
        // One ordered scan of the events from the position on, their hashes merged in by position (both
        // bounded below, so neither index is read from its start); a row the filter leaves out keeps
        // its position and nothing else.
        var selected = filter.Condition(command);
        command.CommandText = $"""
            select s.xmin, s.xmax, p.*
            from (
                select pg_snapshot_xmin(pg_current_snapshot())::text::bigint as xmin,
                       pg_snapshot_xmax(pg_current_snapshot())::text::bigint as xmax
            ) s
            left join lateral (
                select e.seq_id as position, {AuditEvents.ColumnsWhere($"({selected})")}
                from biobank.mt_events e left join biobank.event_chain c on c.seq_id = e.seq_id and c.seq_id > $1
                where e.seq_id > $1 order by e.seq_id limit $2
            ) p on true
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(long Position, V1.AuditEvent? Event)>(PageSize);
        long xmin = 0, xmax = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            xmin = reader.GetInt64(0);
            xmax = reader.GetInt64(1);
            if (!reader.IsDBNull(2))
            {
                rows.Add((reader.GetInt64(2), reader.IsDBNull(3) ? null : AuditEvents.Read(reader, 3)));
            }
        }

        // The scan returns the positions in order; the statement alone does not promise it.
        rows.Sort((a, b) => a.Position.CompareTo(b.Position));
        return new Page(xmin, xmax, rows);
    }
}
