using Biobank.Domain.Reservations;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Biobank.Server.Reservations;

/// <summary>
/// The reservation change feed behind <c>WatchReservations</c>: a table (<c>0004_reservation_changes.sql</c>)
/// of every change of a reservation, at its position in the event store's global sequence, with the
/// reservation as it was right after it. It is an async projection: Marten's daemon applies events
/// in sequence order and only up to its high-water mark, the highest position below which no
/// transaction can still commit (it waits at a gap until the transaction holding it commits or is
/// proven gone). So the table only ever grows at its end, and a watcher that resumes after a
/// position misses nothing and repeats nothing, whichever node it reconnects to.
/// </summary>
public sealed class ReservationChanges(ISerializer serializer) : IProjection
{
    public const string Table = "biobank.reservation_changes";

    /// <summary>A change of one reservation at position <paramref name="Position"/> of the feed.</summary>
    public sealed record Change(long Position, string Name, Reservation Reservation, DateTimeOffset ChangeTime);

    /// <summary>What a watcher follows: the reservations of one instrument, or those one organisation booked or owns the instrument of.</summary>
    public sealed record Subject(string? EquipmentId, string? Organisation);

    /// <summary>
    /// Where a watcher that gives no position starts: the daemon's high-water mark, below which
    /// every transaction has committed (or is gone). It never misses a change committed after the
    /// watcher started; a change committed just before may still come, if the daemon had not yet
    /// moved past it.
    /// </summary>
    public static async Task<long> StartAsync(IQuerySession session, CancellationToken cancellationToken) =>
        (await session.AdvancedSql.QueryAsync<long>(
            "select coalesce(max(last_seq_id), 0) from biobank.mt_event_progression where name = 'HighWaterMark'",
            cancellationToken)).Single();

    /// <summary>At most <paramref name="limit"/> changes of <paramref name="subject"/> after <paramref name="after"/>, in order.</summary>
    public static Task<IReadOnlyList<Change>> AfterAsync(
        IQuerySession session, Subject subject, long after, int limit, CancellationToken cancellationToken)
    {
        var (filter, value) = subject.EquipmentId is { } equipment
            ? ("equipment_id = ?", equipment)
            : ("(organisation = ? or equipment_owner = ?)", subject.Organisation!);
        object[] parameters = subject.EquipmentId is null ? [after, value, value, limit] : [after, value, limit];
        return session.AdvancedSql.QueryAsync<Change>(
            $"""
            select json_build_object('Position', position, 'Name', change, 'ChangeTime', change_time, 'Reservation', reservation)
            from {Table} where position > ? and {filter} order by position limit ?
            """,
            cancellationToken, parameters);
    }

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var changes = events.Where(e => e.Data is ReservationEvent).ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var states = await LatestAsync(operations, [.. changes.Select(e => e.StreamKey!).Distinct()], cancellation);
        foreach (var e in changes)
        {
            var state = Reservation.Evolve(states.GetValueOrDefault(e.StreamKey!), (ReservationEvent)e.Data);
            if (state is null)
            {
                continue;
            }

            states[e.StreamKey!] = state;
            operations.QueueSqlCommand(
                $"""
                insert into {Table} (position, reservation_id, equipment_id, organisation, equipment_owner, change, change_time, reservation)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (position) do nothing
                """,
                e.Sequence, state.Id, state.EquipmentId, state.Organisation, state.EquipmentOwner, e.EventType.Name, e.Timestamp,
                serializer.ToJson(state));
        }
    }

    /// <summary>Each reservation as the feed last left it, before this batch of events.</summary>
    private static async Task<Dictionary<string, Reservation>> LatestAsync(
        IQuerySession session, string[] reservations, CancellationToken cancellationToken) =>
        (await session.AdvancedSql.QueryAsync<Latest>(
            $"""
            select distinct on (reservation_id) json_build_object('Reservation', reservation) from {Table}
            where reservation_id = any(?) order by reservation_id, position desc
            """,
            cancellationToken, [reservations]))
        .ToDictionary(l => l.Reservation.Id, l => l.Reservation, StringComparer.Ordinal);

    /// <summary>A reservation as a row of the feed holds it (the store reads documents otherwise).</summary>
    private sealed record Latest(Reservation Reservation);
}
