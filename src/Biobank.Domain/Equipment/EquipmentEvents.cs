using Biobank.Domain.Calendar;

namespace Biobank.Domain.Equipment;

// Events of an instrument's stream. Ids are resource names ("equipment/{id}") and name the
// stream too. Who recorded each one, for which
// organisation and in which call is in the event envelope; times here are business times.

public sealed record EquipmentRegistered(
    string EquipmentId,
    string DisplayName,
    EquipmentKind Kind,
    string OwnerOrganisation,
    string Site,
    string TimeZone,
    BookingRules Rules,
    DateTimeOffset At);

public sealed record BookingRulesUpdated(string EquipmentId, BookingRules Rules, DateTimeOffset At);

/// <summary>
/// Maintenance blocks <paramref name="Interval"/>. An exclusive window cancelled every booking it
/// overlapped and admits none; otherwise the bookings it overlapped were knowingly left in place.
/// </summary>
public sealed record MaintenanceScheduled(string EquipmentId, string MaintenanceId, Interval Interval, string Reason, bool Exclusive, DateTimeOffset At);

public sealed record MaintenanceCancelled(string EquipmentId, string MaintenanceId, string Reason, DateTimeOffset At);

/// <summary>Put in or out of service from <paramref name="At"/> on.</summary>
public sealed record EquipmentStatusChanged(string EquipmentId, EquipmentStatus Status, string Reason, DateTimeOffset At);

public sealed record EquipmentRetired(string EquipmentId, string Reason, DateTimeOffset At);
