using Biobank.Domain.Calendar;
using Biobank.Domain.Equipment;
using Biobank.Domain.Reservations;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Biobank.Server.Calendar;

/// <summary>
/// Keeps <see cref="EquipmentCalendar"/> in step with the events of instruments and reservations.
/// Runs inline, so the exclusion constraint judges each booking in its own transaction.
/// </summary>
public sealed class EquipmentCalendarProjection : IProjection
{
    private const string Table = $"{Storage.BiobankStore.SchemaName}.{EquipmentCalendar.Table}";

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var change in events.Select(e => e.Data))
        {
            Apply(operations, change);
        }

        return Task.CompletedTask;
    }

    private static void Apply(IDocumentOperations operations, object change)
    {
        switch (change)
        {
            case ReservationBooked e:
                operations.QueueSqlCommand(
                    $"insert into {Table} (entry_id, equipment_id, kind, slot, buffer, organisation) values (?, ?, 'Reservation', tstzrange(?, ?, '[)'), ?, ?)",
                    e.ReservationId, e.EquipmentId, e.Interval.Start, e.Interval.End + e.Buffer, e.Buffer, e.Organisation);
                break;
            case ReservationRescheduled e:
                operations.QueueSqlCommand(
                    $"update {Table} set slot = tstzrange(?, ?, '[)'), buffer = ? where entry_id = ?",
                    e.Interval.Start, e.Interval.End + e.Buffer, e.Buffer, e.ReservationId);
                break;
            case ReservationCheckedOut e:
                // Leaving early frees the rest of the slot; the buffer still follows the actual end.
                operations.QueueSqlCommand(
                    $"update {Table} set slot = tstzrange(lower(slot), greatest(lower(slot), least(upper(slot), ?::timestamptz + buffer)), '[)') where entry_id = ?",
                    e.At, e.ReservationId);
                break;
            case ReservationCancelled e:
                Free(operations, e.ReservationId);
                break;
            case ReservationRejected e:
                Free(operations, e.ReservationId);
                break;
            case ReservationMarkedNoShow e:
                Free(operations, e.ReservationId);
                break;
            case MaintenanceScheduled e:
                operations.QueueSqlCommand(
                    $"insert into {Table} (entry_id, equipment_id, kind, slot, organisation, exclusive) values (?, ?, 'Maintenance', tstzrange(?, ?, '[)'), '', ?)",
                    MaintenanceEntry(e.EquipmentId, e.MaintenanceId), e.EquipmentId, e.Interval.Start, e.Interval.End, e.Exclusive);
                break;
            case MaintenanceCancelled e:
                Free(operations, MaintenanceEntry(e.EquipmentId, e.MaintenanceId));
                break;
            case EquipmentStatusChanged { Status: EquipmentStatus.OutOfService } e:
                StartOutOfService(operations, e.EquipmentId, e.At);
                break;
            case EquipmentStatusChanged { Status: EquipmentStatus.InService } e:
                operations.QueueSqlCommand(
                    $"update {Table} set slot = tstzrange(lower(slot), greatest(lower(slot), ?::timestamptz), '[)') where equipment_id = ? and kind = 'OutOfService' and upper_inf(slot)",
                    e.At, e.EquipmentId);
                break;
            case EquipmentRetired e:
                StartOutOfService(operations, e.EquipmentId, e.At);
                break;
        }
    }

    private static string MaintenanceEntry(string equipmentId, string maintenanceId) => $"{equipmentId}/maintenance/{maintenanceId}";

    private static void StartOutOfService(IDocumentOperations operations, string equipmentId, DateTimeOffset at) =>
        operations.QueueSqlCommand(
            $"insert into {Table} (entry_id, equipment_id, kind, slot, organisation) values (?, ?, 'OutOfService', tstzrange(?, null, '[)'), '') on conflict (entry_id) do nothing",
            $"{equipmentId}/out-of-service/{at.UtcTicks}", equipmentId, at);

    private static void Free(IDocumentOperations operations, string entryId) =>
        operations.QueueSqlCommand($"delete from {Table} where entry_id = ?", entryId);
}
