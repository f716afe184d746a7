using Biobank.Domain;
using Biobank.Domain.Equipment;
using Biobank.Domain.Reservations;
using Biobank.Server.EventStore;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Services.BatchQuerying;

namespace Biobank.Server.Reservations;

/// <summary>
/// Every instrument's calendar in one table (<c>0002_equipment_calendar.sql</c>): reservations with
/// their buffer, maintenance windows, out-of-service periods and loans (from a loan's approval to its
/// expected return, until the instrument is received elsewhere), kept inline in the transaction of
/// the events that change them, so its exclusion constraint and guard trigger judge each booking in
/// its own transaction; a trigger takes the instrument's lock before each row goes in
/// (<c>0007_calendar_locks_and_loans.sql</c>). Read by bookings inside their transaction, and by availability.
/// </summary>
public sealed class EquipmentCalendar : IProjection
{
    public const string Table = "biobank.equipment_calendar";

    /// <summary>The exclusion constraint that keeps two reservations of one instrument apart.</summary>
    public const string NoDoubleBooking = "equipment_calendar_no_double_booking";

    /// <summary>What the guard trigger names when a reservation and a maintenance, out-of-service or loan period would overlap.</summary>
    public const string MaintenanceGuard = "equipment_calendar_maintenance";

    /// <summary>
    /// The entries of <paramref name="equipmentId"/> overlapping <paramref name="window"/>, in time
    /// order, read through <paramref name="session"/> (inside a change's transaction when it is the
    /// change's session).
    /// </summary>
    public static async Task<IReadOnlyList<CalendarEntry>> OverlappingAsync(
        IQuerySession session, string equipmentId, Interval window, CancellationToken cancellationToken) =>
        Entries(await session.QueryAsync<Row>(OverlappingSql, cancellationToken, OverlappingParameters(equipmentId, window)));

    /// <summary>As <see cref="OverlappingAsync"/>, read with the other queries of <paramref name="batch"/>.</summary>
    public static async Task<IReadOnlyList<CalendarEntry>> Overlapping(IBatchedQuery batch, string equipmentId, Interval window) =>
        Entries(await batch.Query<Row>(OverlappingSql, OverlappingParameters(equipmentId, window)));

    /// <summary>
    /// Reservations are read through the exclusion constraint's index, the other kinds through
    /// theirs (<c>0011_calendar_index_by_kind.sql</c>).
    /// </summary>
    private const string OverlappingSql =
        $"""
        select json_build_object(
            'EntryId', entry_id, 'EquipmentId', equipment_id, 'Kind', kind, 'Start', lower(slot), 'End', upper(slot),
            'Organisation', organisation, 'BufferSeconds', extract(epoch from buffer))
        from (
            select * from {Table} where kind = 'Reservation' and equipment_id = ? and slot && tstzrange(?, ?, '[)')
            union all
            select * from {Table} where kind <> 'Reservation' and equipment_id = ? and slot && tstzrange(?, ?, '[)')
        ) as entry
        order by lower(slot), entry_id
        """;

    private static object[] OverlappingParameters(string equipmentId, Interval window) =>
        [equipmentId, window.Start, window.End, equipmentId, window.Start, window.End];

    private static IReadOnlyList<CalendarEntry> Entries(IEnumerable<Row> rows) => [.. rows.Select(r => r.ToEntry())];

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
        {
            Apply(operations, e.Data);
        }

        return Task.CompletedTask;
    }

    private static void Apply(IDocumentOperations operations, object change)
    {
        switch (change)
        {
            case ReservationBooked booked:
                operations.QueueSqlCommand(
                    $"insert into {Table} (entry_id, equipment_id, kind, slot, buffer, organisation, recorded_at) values (?, ?, 'Reservation', tstzrange(?, ?, '[)'), ?, ?, ?)",
                    booked.ReservationId, booked.EquipmentId, booked.Interval.Start, booked.Interval.End + booked.Buffer, booked.Buffer, booked.Organisation,
                    booked.At);
                break;
            case ReservationRescheduled moved:
                operations.QueueSqlCommand(
                    $"update {Table} set slot = tstzrange(?, ?, '[)'), buffer = ?, recorded_at = ? where entry_id = ?",
                    moved.Interval.Start, moved.Interval.End + moved.Buffer, moved.Buffer, moved.At, moved.ReservationId);
                break;
            case ReservationCheckedOut done:
                // Leaving early frees the rest of the slot; the buffer still follows the actual end.
                operations.QueueSqlCommand(
                    $"update {Table} set slot = tstzrange(lower(slot), greatest(lower(slot), least(upper(slot), ?::timestamptz + buffer)), '[)') where entry_id = ?",
                    done.At, done.ReservationId);
                break;
            case ReservationCancelled cancelled:
                Free(operations, cancelled.ReservationId);
                break;
            case ReservationRejected rejected:
                Free(operations, rejected.ReservationId);
                break;
            case ReservationMarkedNoShow noShow:
                Free(operations, noShow.ReservationId);
                break;
            case MaintenanceScheduled maintenance:
                operations.QueueSqlCommand(
                    $"insert into {Table} (entry_id, equipment_id, kind, slot, organisation, exclusive, recorded_at) values (?, ?, 'Maintenance', tstzrange(?, ?, '[)'), '', ?, ?)",
                    MaintenanceEntry(maintenance.EquipmentId, maintenance.MaintenanceId), maintenance.EquipmentId,
                    maintenance.Interval.Start, maintenance.Interval.End, maintenance.Exclusive, maintenance.At);
                break;
            case MaintenanceCancelled cancelled:
                Free(operations, MaintenanceEntry(cancelled.EquipmentId, cancelled.MaintenanceId));
                break;
            case EquipmentStatusChanged { Status: EquipmentStatus.OutOfService } outOfService:
                StartOutOfService(operations, outOfService.EquipmentId, outOfService.At);
                break;
            case EquipmentStatusChanged { Status: EquipmentStatus.InService } inService:
                operations.QueueSqlCommand(
                    $"update {Table} set slot = tstzrange(lower(slot), greatest(lower(slot), ?::timestamptz), '[)') where equipment_id = ? and kind = 'OutOfService' and upper_inf(slot)",
                    inService.At, inService.EquipmentId);
                break;
            case EquipmentRetired retired:
                StartOutOfService(operations, retired.EquipmentId, retired.At);
                break;
            case EquipmentTransferApproved { Away.End: var end } loan when end != DateTimeOffset.MaxValue:
                operations.QueueSqlCommand(
                    $"insert into {Table} (entry_id, equipment_id, kind, slot, organisation, exclusive, recorded_at) values (?, ?, 'Loan', tstzrange(?, ?, '[)'), '', true, ?)",
                    LoanEntry(loan.EquipmentId, loan.TransferId), loan.EquipmentId, loan.Away.Start, end, loan.At);
                break;
            case EquipmentTransferWithdrawn withdrawn:
                Free(operations, LoanEntry(withdrawn.EquipmentId, withdrawn.TransferId));
                break;
            case EquipmentReceived received:
                Free(operations, LoanEntry(received.EquipmentId, received.TransferId));
                break;
            case EquipmentLost lost:
                Free(operations, LoanEntry(lost.EquipmentId, lost.TransferId));
                break;
        }
    }

    private static string MaintenanceEntry(string equipmentId, string maintenanceId) => $"{equipmentId}/maintenance/{maintenanceId}";

    private static string LoanEntry(string equipmentId, string transferId) => $"{equipmentId}/loan/{transferId}";

    private static void StartOutOfService(IDocumentOperations operations, string equipmentId, DateTimeOffset at) =>
        operations.QueueSqlCommand(
            $"insert into {Table} (entry_id, equipment_id, kind, slot, organisation, recorded_at) values (?, ?, 'OutOfService', tstzrange(?, null, '[)'), '', ?) on conflict (entry_id) do nothing",
            $"{equipmentId}/out-of-service/{at.UtcTicks}", equipmentId, at, at);

    private static void Free(IDocumentOperations operations, string entryId) =>
        operations.QueueSqlCommand($"delete from {Table} where entry_id = ?", entryId);

    /// <summary>A row of the table as it is read; an open end is an out-of-service period still lasting.</summary>
    private sealed record Row(
        string EntryId, string EquipmentId, CalendarEntryKind Kind, DateTimeOffset Start, DateTimeOffset? End, string Organisation, double BufferSeconds)
    {
        public CalendarEntry ToEntry() => new(
            EntryId, EquipmentId, Kind, new Interval(Start, End ?? DateTimeOffset.MaxValue), Organisation, TimeSpan.FromSeconds(BufferSeconds));
    }
}
