using Biobank.Domain.Calendar;
using Biobank.Server.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Biobank.Server.Calendar;

/// <summary>
/// Every instrument's busy intervals in one table, kept by <see cref="EquipmentCalendarProjection"/>
/// in the transaction of the events that change them. An exclusion constraint makes PostgreSQL the
/// last word on double booking: two reservations of one instrument whose slots (interval plus
/// buffer) overlap cannot both commit, whichever server process wrote them.
/// </summary>
public sealed partial class EquipmentCalendar(NpgsqlDataSource dataSource)
{
    public const string Table = "equipment_calendar";
    public const string NoDoubleBooking = "equipment_calendar_no_double_booking";
    private const string Qualified = $"{BiobankStore.SchemaName}.{Table}";

    /// <remarks>
    /// Reservations are kept apart by the exclusion constraint. Maintenance and out-of-service
    /// periods are not in it (maintenance may knowingly overlap the bookings it leaves alone), so a
    /// constraint trigger guards them at commit, under a per-instrument advisory lock that makes
    /// the later of two concurrent transactions see the earlier one: a reservation may not overlap
    /// a maintenance or out-of-service period, and an exclusive maintenance window (one that
    /// cancelled the bookings it overlaps) may not overlap a reservation. It fails as the
    /// exclusion constraint does (23P01), so the write path decides again on the new state.
    /// </remarks>
    public static SqlSchemaObject Schema { get; } = new(BiobankStore.SchemaName, Table, revision: 2, $"""
        create extension if not exists btree_gist;
        create table if not exists {Qualified} (
            entry_id text primary key,
            equipment_id text not null,
            kind text not null,
            slot tstzrange not null,
            buffer interval not null default interval '0',
            organisation text not null,
            constraint {NoDoubleBooking}
                exclude using gist (equipment_id with =, slot with &&) where (kind = 'Reservation')
        );
        alter table {Qualified} add column if not exists exclusive boolean not null default false;
        create index if not exists {Table}_equipment_slot on {Qualified} using gist (equipment_id, slot);

        create or replace function {Qualified}_guard() returns trigger language plpgsql as $guard$
        begin
            -- A slot that only shrank (an early check-out) cannot create an overlap.
            if tg_op = 'UPDATE' and old.slot @> new.slot then
                return null;
            end if;
            perform pg_advisory_xact_lock(hashtextextended(new.equipment_id, 0));
            if new.kind = 'Reservation' and exists (
                select 1 from {Qualified} other
                where other.equipment_id = new.equipment_id and other.kind <> 'Reservation' and other.slot && new.slot)
            then
                raise exception 'reservation % overlaps a maintenance or out-of-service period', new.entry_id
                    using errcode = 'exclusion_violation';
            end if;
            if new.kind = 'Maintenance' and new.exclusive and exists (
                select 1 from {Qualified} other
                where other.equipment_id = new.equipment_id and other.kind = 'Reservation' and other.slot && new.slot)
            then
                raise exception 'maintenance % overlaps a reservation', new.entry_id
                    using errcode = 'exclusion_violation';
            end if;
            return null;
        end
        $guard$;
        drop trigger if exists {Table}_guard on {Qualified};
        create constraint trigger {Table}_guard
            after insert or update of slot on {Qualified}
            deferrable initially deferred
            for each row
            when (new.kind <> 'OutOfService')
            execute function {Qualified}_guard();
        """);

    /// <summary>
    /// Entries of <paramref name="equipmentId"/> overlapping <paramref name="slot"/>, in time order,
    /// leaving out <paramref name="except"/> (a reservation being rescheduled).
    /// </summary>
    public async Task<IReadOnlyList<CalendarEntry>> OverlappingAsync(
        string equipmentId, Interval slot, CancellationToken cancellationToken, params string[] except) =>
        [.. (await ReadOverlappingAsync(equipmentId, slot, except, cancellationToken)).Select(e => e.Entry)];

    private async Task<IReadOnlyList<BufferedEntry>> ReadOverlappingAsync(
        string equipmentId, Interval slot, string[] except, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            select entry_id, equipment_id, kind, lower(slot), upper(slot), organisation, buffer
            from {Qualified}
            where equipment_id = $1 and slot && tstzrange($2, $3, '[)') and not (entry_id = any($4))
            order by lower(slot), entry_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = equipmentId });
        command.Parameters.Add(new NpgsqlParameter { Value = slot.Start, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = slot.End, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = except, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<BufferedEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var end = reader.IsDBNull(4) ? DateTimeOffset.MaxValue : reader.GetFieldValue<DateTimeOffset>(4);
            var entry = new CalendarEntry(
                reader.GetString(0), reader.GetString(1), Enum.Parse<CalendarEntryKind>(reader.GetString(2)),
                new Interval(reader.GetFieldValue<DateTimeOffset>(3), end), reader.GetString(5));
            entries.Add(new BufferedEntry(entry, reader.GetFieldValue<TimeSpan>(6)));
        }

        return entries;
    }
}
