using System.Runtime.CompilerServices;
using Biobank.Domain.Reservations;
using Biobank.Server.Storage;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace Biobank.Server.Reservations;

/// <summary>
/// The reservation changes of one instrument or one organisation, read from the event store in the
/// order of its global sequence, each with the reservation as it was right after it. A watcher's
/// place in the feed is a sequence number: every change at or before it was delivered, every change
/// after it will be.
/// </summary>
/// <remarks>
/// The store appends in Quick mode: PostgreSQL hands out sequence numbers as a transaction appends,
/// not as it commits, so a transaction holding number 41 may commit after 42 is already visible. A
/// feed that moved past 41 on seeing 42 would never deliver 41. So a watcher only moves through an
/// unbroken run of visible numbers and waits at a gap. Transactions that roll back (a booking that
/// lost a race, a failed save) leave gaps that never fill, so a gap still open
/// <see cref="GapTimeout"/> after the watcher first saw it is taken for one of those and passed. The
/// cost of that guess falls on a transaction that stays open longer than that after appending; the
/// write path's last milliseconds. Old gaps are not waited for at all: a gap's owner took its
/// number before the next number's transaction, itself shorter than <see cref="GapTimeout"/>, did;
/// so once that transaction started more than <see cref="SettledAfter"/> ago (by the database's
/// clock) the owner has had its number for longer than <see cref="GapTimeout"/>. That keeps a watcher catching up on history from stopping at
/// every rolled-back transaction of the past.
/// </remarks>
public sealed class ReservationChangeFeed(IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock, IHostApplicationLifetime lifetime)
{
    /// <summary>How long a gap in the sequence is waited for before it is taken for a rolled-back transaction.</summary>
    public static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Age of an append after which the gap before it is no longer waited for.</summary>
    public static readonly TimeSpan SettledAfter = 2 * GapTimeout;

    /// <summary>How often a watcher that has caught up looks for new changes.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Sequence numbers read per poll: bounds each query, and how far one poll moves a watcher that catches up.</summary>
    private const int SequencePage = 500;

    private const string Events = $"{BiobankStore.SchemaName}.mt_events";

    /// <summary>A change of one reservation at position <paramref name="Position"/> of the feed.</summary>
    public sealed record Change(long Position, string Name, Reservation Reservation, DateTimeOffset Time);

    /// <summary>What a watcher follows: the reservations of one instrument, or those one organisation booked or owns the instrument of.</summary>
    public sealed record Subject(string? EquipmentId, string? Organisation);

    /// <summary>The position of the last change visible now: a watcher starting there sees only later changes.</summary>
    public async Task<long> EndAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select coalesce(max(seq_id), 0) from {Events}");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The changes of <paramref name="subject"/> after position <paramref name="after"/>, as they
    /// become visible, until the caller cancels or the server stops.
    /// </summary>
    public async IAsyncEnumerable<Change> WatchAsync(
        Subject subject, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A stopping server ends the stream cleanly; the client resumes on another node.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var cursor = new Cursor(after);
        var pause = false;
        while (await NextPageAsync(subject, cursor, pause, stopping.Token, cancellationToken) is { } page)
        {
            foreach (var change in page.Changes)
            {
                yield return change;
            }

            pause = !page.MoreWaiting;
        }
    }

    /// <summary>The next page of changes after the cursor, moving it; null once the server is stopping.</summary>
    private async Task<Page?> NextPageAsync(
        Subject subject, Cursor cursor, bool pause, CancellationToken stopping, CancellationToken cancellationToken)
    {
        try
        {
            if (pause)
            {
                await Task.Delay(PollInterval, stopping);
            }

            var visible = await VisibleSequenceAsync(cursor.Position, stopping);
            var reachable = cursor.Reachable(visible, clock.GetUtcNow());
            var changes = reachable > cursor.Position
                ? await ChangesAsync(subject, cursor.Position, reachable, stopping)
                : [];
            cursor.MoveTo(reachable);
            return new Page(changes, MoreWaiting: visible.Count == SequencePage && reachable == visible[^1].Number);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The next committed sequence numbers after <paramref name="after"/>, of every stream: gaps show only here.</summary>
    private async Task<List<Appended>> VisibleSequenceAsync(long after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            select seq_id, timestamp < now() - $3 from {Events} where seq_id > $1 order by seq_id limit $2
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = SequencePage });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = SettledAfter });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sequence = new List<Appended>(SequencePage);
        while (await reader.ReadAsync(cancellationToken))
        {
            sequence.Add(new Appended(reader.GetInt64(0), reader.GetBoolean(1)));
        }

        return sequence;
    }

    /// <summary>The subject's changes in (<paramref name="after"/>, <paramref name="upTo"/>], each with the reservation right after it.</summary>
    private async Task<List<Change>> ChangesAsync(Subject subject, long after, long upTo, CancellationToken cancellationToken)
    {
        var streams = await ChangedReservationsAsync(subject, after, upTo, cancellationToken);
        if (streams.Length == 0)
        {
            return [];
        }

        // Reservation streams are a handful of events long: folding them from the start is cheaper
        // than a query per version.
        await using var session = store.QuerySession();
        var history = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamKey!.IsOneOf(streams) && e.Sequence <= upTo)
            .ToListAsync(cancellationToken);
        var changes = new List<Change>();
        foreach (var stream in history.GroupBy(e => e.StreamKey))
        {
            Reservation? state = null;
            foreach (var e in stream.OrderBy(e => e.Version))
            {
                state = Reservation.Evolve(state, e.Data);
                if (e.Sequence > after && state is not null)
                {
                    changes.Add(new Change(e.Sequence, e.EventType.Name, state, e.Timestamp));
                }
            }
        }

        changes.Sort((a, b) => a.Position.CompareTo(b.Position));
        return changes;
    }

    /// <summary>
    /// Reservations of the subject with a change in (<paramref name="after"/>, <paramref name="upTo"/>],
    /// found through the reservation snapshots' indexed columns; instrument and organisations never
    /// change over a reservation's life.
    /// </summary>
    private async Task<string[]> ChangedReservationsAsync(Subject subject, long after, long upTo, CancellationToken cancellationToken)
    {
        var reservations = store.Options.Schema.For<Reservation>(qualified: true);
        var (filter, value) = subject.EquipmentId is { } equipment
            ? ("r.equipment_id = $3", equipment)
            : ("(r.organisation = $3 or r.equipment_owner = $3)", subject.Organisation!);
        await using var command = dataSource.CreateCommand($"""
            select distinct e.stream_id from {Events} e join {reservations} r on r.id = e.stream_id
            where e.seq_id > $1 and e.seq_id <= $2 and {filter}
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = upTo });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var streams = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            streams.Add(reader.GetString(0));
        }

        return [.. streams];
    }

    private sealed record Page(List<Change> Changes, bool MoreWaiting);

    /// <summary>A visible sequence number; <paramref name="Settled"/> when appended over <see cref="SettledAfter"/> ago.</summary>
    private readonly record struct Appended(long Number, bool Settled);

    /// <summary>A missing run [From, To] of sequence numbers, open since <paramref name="Since"/>.</summary>
    private sealed record Gap(long From, long To, DateTimeOffset Since);

    /// <summary>One watcher's position, and the gaps after it it is waiting on.</summary>
    private sealed class Cursor(long position)
    {
        private List<Gap> _gaps = [];

        public long Position { get; private set; } = position;

        /// <summary>
        /// How far the watcher may move: through <paramref name="visible"/> numbers and gaps open
        /// longer than <see cref="GapTimeout"/>, up to the first younger gap. Remembers every gap
        /// of the page, so gaps behind the first one age while the watcher waits at it.
        /// </summary>
        public long Reachable(List<Appended> visible, DateTimeOffset now)
        {
            var reachable = Position;
            var blocked = false;
            var expected = Position + 1;
            var gaps = new List<Gap>();
            var earlier = 0;
            foreach (var (number, settled) in visible)
            {
                if (number > expected)
                {
                    // Numbers only ever fill in, so a gap seen before contains this one.
                    while (earlier < _gaps.Count && _gaps[earlier].To < expected)
                    {
                        earlier++;
                    }

                    var since = earlier < _gaps.Count && _gaps[earlier].From <= expected ? _gaps[earlier].Since : now;
                    gaps.Add(new Gap(expected, number - 1, since));
                    blocked |= !settled && now - since < GapTimeout;
                }

                if (!blocked)
                {
                    reachable = number;
                }

                expected = number + 1;
            }

            _gaps = gaps;
            return reachable;
        }

        public void MoveTo(long position)
        {
            Position = position;
            _gaps.RemoveAll(g => g.To <= position);
        }
    }
}
