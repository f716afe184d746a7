using System.Runtime.ExceptionServices;
using Biobank.Domain;
using Biobank.Domain.Access;
using Biobank.Domain.Failures;
using Google.Protobuf;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace Biobank.Server.EventStore;

/// <summary>
/// The one write path of every change, the no-show sweep's included: in one transaction, let the
/// slice read what it decides on, decide and append through a <see cref="WriteScope"/>, store the
/// response in the request log with the events, and commit. The log is not read first: its key
/// (caller and request id) is taken at commit, so a retried request whose first try committed fails
/// there, or earlier on the state that try left (a taken slot, an existing stream), and is then
/// answered from the log as it was answered the first time; a first try, the usual case, pays no
/// lookup. A lost race (another writer appended to the same stream, or took a slot or a position a
/// guard table keeps) runs the change again against the new state, so it ends in success or in the
/// business rule that now fails, never in a bare version error.
/// </summary>
public sealed class EventWriter(ISessionFactory sessions, CallContext call, NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const int MaxAttempts = 10;

    public async Task<TResponse> ExecuteAsync<TResponse>(
        IMessage request, string requestId, Func<WriteScope, Task<TResponse>> change, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>, new()
    {
        var caller = call.Caller ?? throw new InvalidOperationException("Changes are made for an authenticated caller.");
        call.RequestId = RequestIds.Parse(requestId);
        var entry = RequestLog.Entry.For(call.RequestId, caller, call.Method ?? "", request);
        for (var attempt = 1; ; attempt++)
        {
            Exception failure;
            await using (var session = sessions.OpenSession())
            {
                try
                {
                    // Everything the change reads is read in its own transaction, on the connection
                    // that then writes it.
                    await session.BeginTransactionAsync(cancellationToken);
                    var response = await change(new WriteScope(session, caller, clock.GetUtcNow(), attempt, cancellationToken));
                    RequestLog.Record(session, entry, response);
                    await session.SaveChangesAsync(cancellationToken);
                    return response;
                }
                catch (Exception e) when (e is DomainFailureException || RequestLog.IsDuplicate(e) || LostRaces.IsLostRace(e))
                {
                    failure = e;
                }
            }

            // The request may have been applied already, by an earlier try or by a twin with the
            // same id committing while this one decided: this one saw its effects (a taken slot, an
            // existing stream, the log's key taken) and must answer as it was answered. The log is
            // read once this transaction has ended, so the locks it held (an instrument's, a
            // stream's) are not held meanwhile.
            if (await RequestLog.FindAsync<TResponse>(dataSource, entry, cancellationToken) is { } earlier)
            {
                return earlier;
            }

            if (!LostRaces.IsLostRace(failure) || attempt >= MaxAttempts)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            // A guard taken by a committed writer is decided on again at once: the slot or
            // position is now seen as taken. Writers of one stream back off, so they take turns.
            if (!LostRaces.IsGuardTaken(failure))
            {
                await Task.Delay(Random.Shared.Next(2, 10 * attempt), cancellationToken);
            }
        }
    }
}

/// <summary>
/// What a change works with: its session (in the change's transaction), the caller, the time of the
/// call, and which attempt at the change this is. Streams are fetched for writing at their current
/// version, decided on by a slice's pure <c>Decide</c>, and appended to.
/// </summary>
public sealed class WriteScope(IDocumentSession session, Caller caller, DateTimeOffset now, int attempt, CancellationToken cancellationToken)
{
    /// <summary>The change's session: queries through it read inside the change's transaction.</summary>
    public IDocumentSession Session { get; } = session;

    public Caller Caller { get; } = caller;

    public DateTimeOffset Now { get; } = now;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>
    /// Fetches <paramref name="streamKey"/> for writing, decides on its state, appends the events and
    /// returns the state after them. With <paramref name="etag"/>, fails with ABORTED unless the
    /// stream is still at that version. With <paramref name="exclusive"/>, holds the stream's lock
    /// until the transaction ends: for a decision whose other reads a concurrent writer of this
    /// stream must wait for (a consent withdrawal and a registration for that donor).
    /// </summary>
    public async Task<TState> DecideAsync<TState, TEvent>(
        string streamKey, Func<TState?, IReadOnlyList<TEvent>> decide, string etag = "", bool exclusive = false)
        where TState : class, IEventFold<TState, TEvent>
        where TEvent : notnull
    {
        var stream = exclusive
            ? await Session.Events.FetchForExclusiveWriting<TState>(streamKey, CancellationToken)
            : await Session.Events.FetchForWriting<TState>(streamKey, CancellationToken);
        if (etag != "" && Etags.Parse(etag) != (stream.CurrentVersion ?? 0))
        {
            throw new ConflictException(
                ErrorReasons.EtagMismatch, "The resource changed since that etag was read.",
                ("etag", Etags.Format(stream.CurrentVersion ?? 0)));
        }

        var events = decide(stream.Aggregate);
        if (events.Count > 0)
        {
            stream.AppendMany(events.Cast<object>());
        }

        return Fold(streamKey, stream.Aggregate, events);
    }

    /// <summary>
    /// As <see cref="DecideAsync{TState, TEvent}"/> on the stream of a resource the change creates,
    /// whose name is new (generated, or chosen by the caller): the first attempt takes the stream as
    /// not yet begun and begins it without reading it. If it had begun after all, beginning it again
    /// collides at commit, a lost race, and the next attempt decides on the stream as it is (where
    /// the slice's decider says ALREADY_EXISTS).
    /// </summary>
    public Task<TState> CreateAsync<TState, TEvent>(string streamKey, Func<TState?, IReadOnlyList<TEvent>> decide)
        where TState : class, IEventFold<TState, TEvent>
        where TEvent : notnull
    {
        if (attempt > 1)
        {
            return DecideAsync(streamKey, decide);
        }

        var events = decide(null);
        if (events.Count > 0)
        {
            Session.Events.StartStream<TState>(streamKey, events.Cast<object>().ToArray());
        }

        return Task.FromResult(Fold<TState, TEvent>(streamKey, null, events));
    }

    private static TState Fold<TState, TEvent>(string streamKey, TState? state, IReadOnlyList<TEvent> events)
        where TState : class, IEventFold<TState, TEvent>
        where TEvent : notnull
    {
        foreach (var change in events)
        {
            state = TState.Evolve(state, change);
        }

        return state ?? throw new InvalidOperationException($"Deciding on {streamKey} left no state.");
    }

    /// <summary>As <see cref="DecideAsync{TState, TEvent}"/> on a stream that must exist: NOT_FOUND otherwise.</summary>
    public Task<TState> DecideExistingAsync<TState, TEvent>(
        string streamKey, Func<TState, IReadOnlyList<TEvent>> decide, string etag = "", bool exclusive = false)
        where TState : class, IEventFold<TState, TEvent>
        where TEvent : notnull =>
        DecideAsync<TState, TEvent>(streamKey, s => decide(s ?? throw new ResourceNotFoundException(streamKey)), etag, exclusive);

    /// <summary>Starts <paramref name="streamKey"/> with <paramref name="first"/>: ALREADY_EXISTS if it has begun.</summary>
    public Task<TState> StartAsync<TState, TEvent>(string streamKey, TEvent first)
        where TState : class, IEventFold<TState, TEvent>
        where TEvent : notnull =>
        CreateAsync<TState, TEvent>(
            streamKey, s => s is null ? [first] : throw new ResourceAlreadyExistsException(streamKey, $"'{streamKey}' already exists."));

    /// <summary>
    /// The state of <paramref name="streamKey"/> (null if it has not begun), holding its lock until
    /// the transaction ends when it exists: a concurrent decision on that stream waits for this change.
    /// </summary>
    public async Task<TState?> LockAsync<TState>(string streamKey) where TState : class =>
        await LoadAsync<TState>(streamKey) is null
            ? null
            : (await Session.Events.FetchForExclusiveWriting<TState>(streamKey, CancellationToken)).Aggregate;

    /// <summary>The current state of a stream that must exist, as its inline snapshot: NOT_FOUND otherwise.</summary>
    public async Task<TState> LoadExistingAsync<TState>(string streamKey) where TState : class =>
        await LoadAsync<TState>(streamKey) ?? throw new ResourceNotFoundException(streamKey);

    /// <summary>The current state of a stream, as its inline snapshot, or null.</summary>
    public Task<TState?> LoadAsync<TState>(string streamKey) where TState : class =>
        Session.LoadAsync<TState>(streamKey, CancellationToken);

    /// <summary>The current states of the streams that exist among <paramref name="streamKeys"/>, by key.</summary>
    public async Task<IReadOnlyDictionary<string, TState>> LoadManyAsync<TState>(IEnumerable<string> streamKeys, Func<TState, string> keyOf)
        where TState : class =>
        (await Session.LoadManyAsync<TState>(CancellationToken, streamKeys.Distinct())).ToDictionary(keyOf, StringComparer.Ordinal);
}
