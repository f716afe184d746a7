namespace Biobank.Domain.Calendar;

/// <summary>What occupies a calendar entry of an instrument.</summary>
public enum CalendarEntryKind
{
    Reservation,
    Maintenance,
    OutOfService,
}

/// <summary>
/// An interval an instrument is busy: a reservation (with its buffer), a maintenance window, or a
/// period out of service (open-ended while it lasts: End is <see cref="DateTimeOffset.MaxValue"/>).
/// </summary>
public sealed record CalendarEntry(string EntryId, string EquipmentId, CalendarEntryKind Kind, Interval Slot, string Organisation);
