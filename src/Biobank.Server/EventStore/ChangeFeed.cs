using System.Globalization;
using Biobank.Domain;
using Biobank.Server.Api;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace Biobank.Server.EventStore;

/// <summary>
/// The change feed behind every <c>Watch…</c> method: a table (<c>0005_change_feed.sql</c>) of every
/// change of a watched resource, at its position in the event store's global sequence, with the
/// resource as it was right after it and the subjects a watcher may follow it by (its own name, the
/// organisations involved, the instrument or the items it concerns). It is an async projection:
/// Marten's daemon applies events in sequence order and only up to its high-water mark, the highest
/// position below which no transaction can still commit (it waits at a gap until the transaction
/// holding it commits or is proven gone). So the table only ever grows at its end, and a watcher
/// that resumes after a position misses nothing and repeats nothing, whichever node it reconnects to.
/// </summary>
public sealed class ChangeFeed(ISerializer serializer, IReadOnlyList<ChangeFeed.Source> sources) : IProjection
{
    public const string Table = "biobank.change_feed";

    /// <summary>How often a watcher that has caught up looks for new changes.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Changes read per poll of a watch.</summary>
    private const int Batch = 500;

    /// <summary>
    /// Registers the feed of <paramref name="sources"/> with the async daemon, which loads only the
    /// events the sources record (by type, in the daemon's query): the rest of the history, samples
    /// and equipment among it, is never read for the feed.
    /// </summary>
    public static void AddTo(StoreOptions store, params IReadOnlyList<Source> sources)
    {
        var feed = new ProjectionWrapper<IDocumentOperations, IQuerySession>(new ChangeFeed(store.Serializer(), sources), ProjectionLifecycle.Async)
        {
            Name = nameof(ChangeFeed),
        };
        feed.IncludedEventTypes.AddRange(sources.SelectMany(source => source.EventTypes));
        feed.Options.DeleteDataInTableOnTeardown(Table);
        store.Projections.Add(feed, ProjectionLifecycle.Async);
    }

    /// <summary>A change of one resource at position <paramref name="Position"/> of the feed.</summary>
    public sealed record Change<TState>(long Position, string Name, TState State, DateTimeOffset ChangeTime);

    /// <summary>A kind of resource the feed records: its stream's events, folded, and the subjects of each state.</summary>
    public abstract record Source(string Kind)
    {
        /// <summary>The event types the source records: the daemon loads only these for the feed.</summary>
        public abstract IEnumerable<Type> EventTypes { get; }

        public abstract bool Records(object change);

        public abstract object? Evolve(object? state, object change);

        public abstract string KeyOf(object state);

        public abstract IEnumerable<string> SubjectsOf(object state);

        /// <summary>Each resource among <paramref name="keys"/> as the feed last left it: its latest row, one index probe per resource.</summary>
        public abstract Task<Dictionary<string, object>> LatestAsync(IQuerySession session, string[] keys, CancellationToken cancellationToken);
    }

    /// <summary>The resources of one stream kind, folded by the domain's own <c>Evolve</c>.</summary>
    public sealed record Source<TState, TEvent>(string Kind, Func<TState, string> Key, Func<TState, IEnumerable<string>> Subjects) : Source(Kind)
        where TState : class, IEventFold<TState, TEvent>
        where TEvent : class
    {
        public override IEnumerable<Type> EventTypes =>
            typeof(TEvent).Assembly.GetTypes().Where(t => !t.IsAbstract && t.IsAssignableTo(typeof(TEvent)));

        public override bool Records(object change) => change is TEvent;

        public override object? Evolve(object? state, object change) => TState.Evolve((TState?)state, (TEvent)change);

        public override string KeyOf(object state) => Key((TState)state);

        public override IEnumerable<string> SubjectsOf(object state) => Subjects((TState)state);

        public override async Task<Dictionary<string, object>> LatestAsync(IQuerySession session, string[] keys, CancellationToken cancellationToken) =>
            (await session.AdvancedSql.QueryAsync<Latest<TState>>(
                $"""
                select json_build_object('State', latest.state) from unnest(?::text[]) as key(resource)
                cross join lateral (
                    select state from {Table} where kind = ? and resource = key.resource order by position desc limit 1
                ) as latest
                """,
                cancellationToken, keys, Kind))
            .ToDictionary(l => Key(l.State), l => (object)l.State, StringComparer.Ordinal);
    }

    /// <summary>A resource as a row of the feed holds it (the store reads documents otherwise).</summary>
    private sealed record Latest<TState>(TState State);

    /// <summary>
    /// Streams the changes of <paramref name="kind"/> about <paramref name="subject"/> after
    /// <paramref name="resumeAfter"/> (from now on when null) until the call ends or the server stops;
    /// a stopping server ends the stream cleanly, and the client resumes on another node.
    /// </summary>
    public static async Task WatchAsync<TState>(
        IQuerySession session, string kind, string subject, long? resumeAfter, Func<Change<TState>, Task> write,
        CancellationToken callEnded, CancellationToken serverStopping)
    {
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(callEnded, serverStopping);
        var after = resumeAfter ?? await StartAsync(session, callEnded);
        try
        {
            while (true)
            {
                var changes = await AfterAsync<TState>(session, kind, subject, after, watching.Token);
                foreach (var change in changes)
                {
                    await write(change);
                    after = change.Position;
                }

                if (changes.Count < Batch)
                {
                    await Task.Delay(PollInterval, watching.Token);
                }
            }
        }
        catch (OperationCanceledException) when (serverStopping.IsCancellationRequested && !callEnded.IsCancellationRequested)
        {
            // The server stops: the stream ends without an error.
        }
    }

    /// <summary>The position a watcher gives to resume after: empty for "from now on", otherwise a position it received.</summary>
    public static long? ReadResumeAfter(string resumeAfter, string field, RequestChecks checks)
    {
        if (resumeAfter == "")
        {
            return null;
        }

        if (long.TryParse(resumeAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            return position;
        }

        checks.Add(field, "must be the position of a change received from this stream");
        return null;
    }

    /// <summary>The position of a change, as a watcher passes it back.</summary>
    public static string FormatPosition(long position) => position.ToString(CultureInfo.InvariantCulture);

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var changes = events
            .Select(e => (Event: e, Source: sources.FirstOrDefault(s => s.Records(e.Data))))
            .Where(c => c.Source is not null)
            .ToList();
        foreach (var group in changes.GroupBy(c => c.Source!))
        {
            var source = group.Key;
            var states = await source.LatestAsync(operations, [.. group.Select(c => c.Event.StreamKey!).Distinct()], cancellation);
            foreach (var (e, _) in group)
            {
                var state = source.Evolve(states.GetValueOrDefault(e.StreamKey!), e.Data);
                if (state is null)
                {
                    continue;
                }

                states[e.StreamKey!] = state;
                operations.QueueSqlCommand(
                    $"""
                    insert into {Table} (position, kind, resource, subjects, change, change_time, state)
                    values (?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (position) do nothing
                    """,
                    e.Sequence, source.Kind, source.KeyOf(state), source.SubjectsOf(state).Distinct().ToArray(), e.EventType.Name, e.Timestamp,
                    serializer.ToJson(state));
            }
        }
    }

    /// <summary>
    /// Where a watcher that gives no position starts: the daemon's high-water mark, below which
    /// every transaction has committed (or is gone). It never misses a change committed after the
    /// watcher started; a change committed just before may still come, if the daemon had not yet
    /// moved past it.
    /// </summary>
    private static async Task<long> StartAsync(IQuerySession session, CancellationToken cancellationToken) =>
        (await session.AdvancedSql.QueryAsync<long>(
            "select coalesce(max(last_seq_id), 0) from biobank.mt_event_progression where name = 'HighWaterMark'",
            cancellationToken)).Single();

    /// <summary>At most a batch of changes of <paramref name="kind"/> about <paramref name="subject"/> after <paramref name="after"/>, in order.</summary>
    private static Task<IReadOnlyList<Change<TState>>> AfterAsync<TState>(
        IQuerySession session, string kind, string subject, long after, CancellationToken cancellationToken) =>
        session.AdvancedSql.QueryAsync<Change<TState>>(
            $"""
            select json_build_object('Position', position, 'Name', change, 'ChangeTime', change_time, 'State', state)
            from {Table} where kind = ? and subjects @> array[?] and position > ? order by position limit ?
            """,
            cancellationToken, kind, subject, after, Batch);
}
