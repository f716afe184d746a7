using Biobank.Domain.Failures;
using Google.Protobuf;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace Biobank.Server.Storage;

/// <summary>
/// The one write path of every mutation: answer a retried request id from the request log;
/// otherwise open an audited session, let the slice fetch streams for writing, decide and append,
/// store the response with the events, and save, all in one transaction. A lost race (another
/// writer appended to the same stream, or took a slot the database guards) runs the mutation again
/// against the new state, so it ends in success or in the business rule that now fails, never in a
/// bare version error.
/// </summary>
public sealed class EventWriter(ISessionFactory sessions, CallContext call, NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const int MaxAttempts = 10;

    public async Task<TResponse> ExecuteAsync<TResponse>(
        IMessage request, string requestId, Func<WriteScope, Task<TResponse>> mutation, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>, new()
    {
        var caller = call.Caller ?? throw new InvalidOperationException("Mutations run for an authenticated caller.");
        call.RequestId = RequestIds.Parse(requestId);
        var entry = RequestLog.Entry.For(call.RequestId, caller, call.Method ?? "", request);
        for (var attempt = 1; ; attempt++)
        {
            // Checked on every attempt: a race lost to a twin of this request ends here.
            if (await RequestLog.FindAsync<TResponse>(dataSource, entry, cancellationToken) is { } earlier)
            {
                return earlier;
            }

            await using var session = sessions.OpenSession();
            try
            {
                var response = await mutation(new WriteScope(session, caller, clock.GetUtcNow(), cancellationToken));
                RequestLog.Record(session, entry, response);
                await session.SaveChangesAsync(cancellationToken);
                return response;
            }
            catch (Exception e) when (e is DomainFailureException || RequestLog.IsDuplicate(e))
            {
                // A twin request with the same id may have committed while this one decided: it
                // sees the twin's effects (a taken slot, an existing stream) and must answer as the
                // twin was answered.
                if (await RequestLog.FindAsync<TResponse>(dataSource, entry, cancellationToken) is { } twin)
                {
                    return twin;
                }

                throw;
            }
            catch (Exception e) when (IsLostRace(e) && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(2, 10 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>A concurrent writer changed what this mutation decided on; deciding again settles it.</summary>
    public static bool IsLostRace(Exception exception) =>
        exception is ConcurrencyException or ExistingStreamIdCollisionException
            or Marten.Exceptions.StreamLockedException or JasperFx.Events.StreamLockedException
        || exception.FindPostgresError()?.SqlState is PostgresErrorCodes.ExclusionViolation or PostgresErrorCodes.SerializationFailure
            or PostgresErrorCodes.UniqueViolation;
}

/// <summary>What a mutation works with: its session, the caller, the time of the call.</summary>
public sealed class WriteScope(IDocumentSession session, Domain.Access.Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
{
    public IDocumentSession Session { get; } = session;

    public Domain.Access.Caller Caller { get; } = caller;

    public DateTimeOffset Now { get; } = now;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>As <see cref="DecideAsync{TState}"/> on a stream that must exist: NOT_FOUND otherwise.</summary>
    public Task<TState> DecideExistingAsync<TState>(
        string streamKey, Func<TState, IReadOnlyList<object>> decide, string etag = "", bool exclusive = false)
        where TState : class, Domain.IEventFold<TState> =>
        DecideAsync<TState>(streamKey, s => decide(s ?? throw new ResourceNotFoundException(streamKey)), etag, exclusive);

    /// <summary>
    /// Fetches <paramref name="streamKey"/> for writing, decides on its state, appends the events and
    /// returns the state after them. With <paramref name="etag"/>, fails with ABORTED unless the
    /// stream is still at that version. With <paramref name="exclusive"/>, holds the stream's lock
    /// until the transaction ends: for a decision whose other reads a concurrent writer of this
    /// stream must wait for (a consent withdrawal and a registration for that donor).
    /// </summary>
    public async Task<TState> DecideAsync<TState>(
        string streamKey, Func<TState?, IReadOnlyList<object>> decide, string etag = "", bool exclusive = false)
        where TState : class, Domain.IEventFold<TState>
    {
        var stream = exclusive
            ? await Session.Events.FetchForExclusiveWriting<TState>(streamKey, CancellationToken)
            : await Session.Events.FetchForWriting<TState>(streamKey, CancellationToken);
        if (etag != "" && Etags.Parse(etag) != (stream.CurrentVersion ?? 0))
        {
            throw new ConflictException(
                ErrorReasons.EtagMismatch, "The resource changed since that etag was read.",
                new Dictionary<string, string> { ["etag"] = (stream.CurrentVersion ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        var events = decide(stream.Aggregate);
        var state = stream.Aggregate;
        foreach (var change in events)
        {
            state = TState.Evolve(state, change);
        }

        if (events.Count > 0)
        {
            stream.AppendMany(events);
        }

        return state ?? throw new InvalidOperationException($"Deciding on {streamKey} left no state.");
    }

    /// <summary>The current state of a stream that must exist, as its inline snapshot: NOT_FOUND otherwise.</summary>
    public async Task<TState> LoadExistingAsync<TState>(string streamKey) where TState : class =>
        await LoadAsync<TState>(streamKey) ?? throw new ResourceNotFoundException(streamKey);

    /// <summary>The current state of a stream, as its inline snapshot, or null.</summary>
    public Task<TState?> LoadAsync<TState>(string streamKey) where TState : class =>
        Session.LoadAsync<TState>(streamKey, CancellationToken);
}
