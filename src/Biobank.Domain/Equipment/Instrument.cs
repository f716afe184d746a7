using Biobank.Domain.Calendar;

namespace Biobank.Domain.Equipment;

/// <summary>A scheduled, not cancelled, maintenance window.</summary>
public sealed record MaintenanceWindow(string MaintenanceId, Interval Interval, string Reason);

/// <summary>
/// The state of one shared instrument, folded from its stream. It stays small whatever the
/// instrument's history: reservations live in streams of their own.
/// </summary>
public sealed record Instrument(
    string Id,
    string DisplayName,
    EquipmentKind Kind,
    string OwnerOrganisation,
    string Site,
    string TimeZone,
    BookingRules Rules,
    EquipmentStatus Status,
    string StatusReason,
    IReadOnlyList<MaintenanceWindow> Maintenance,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IEventFold<Instrument>
{
    public static Instrument? Evolve(Instrument? state, object change) => (state, change) switch
    {
        (null, EquipmentRegistered e) => new Instrument(
            e.EquipmentId, e.DisplayName, e.Kind, e.OwnerOrganisation, e.Site, e.TimeZone, e.Rules,
            EquipmentStatus.InService, "", [], e.At, e.At, 1),
        (null, _) => null,
        (_, BookingRulesUpdated e) => state.Next(e.At) with { Rules = e.Rules },
        (_, MaintenanceScheduled e) => state.Next(e.At) with
        {
            // Windows already over are history (kept in the events), not state: the instrument stays small.
            Maintenance = [.. state.Maintenance.Where(m => m.Interval.End > e.At), new MaintenanceWindow(e.MaintenanceId, e.Interval, e.Reason)],
        },
        (_, MaintenanceCancelled e) => state.Next(e.At) with
        {
            Maintenance = state.Maintenance.Where(m => m.MaintenanceId != e.MaintenanceId).ToList(),
        },
        (_, EquipmentStatusChanged e) => state.Next(e.At) with { Status = e.Status, StatusReason = e.Reason },
        (_, EquipmentRetired e) => state.Next(e.At) with { Status = EquipmentStatus.Retired, StatusReason = e.Reason },
        _ => state,
    };

    private Instrument Next(DateTimeOffset at) => this with { UpdateTime = at, Version = Version + 1 };
}
