using Biobank.Domain.Access;
using Biobank.Domain.Equipment;

namespace Biobank.Domain.Reservations;

/// <summary>What occupies a calendar entry of an instrument.</summary>
public enum CalendarEntryKind
{
    Reservation,
    Maintenance,
    OutOfService,
    /// <summary>The instrument is lent: from the loan's approval to its expected return, until it is received elsewhere.</summary>
    Loan,
}

/// <summary>What a busy interval of an instrument is; the same names as <c>biobank.v1.BusyKind</c>.</summary>
public enum BusyKind
{
    Unspecified = 0,
    Reservation = 1,
    Maintenance = 2,
    OutOfService = 3,
    Buffer = 4,
    Loan = 5,
}

/// <summary>
/// An interval an instrument is busy: a reservation with the buffer that ends its slot, a
/// maintenance window, or a period out of service (open-ended while it lasts: End is
/// <see cref="DateTimeOffset.MaxValue"/>).
/// </summary>
public sealed record CalendarEntry(string EntryId, string EquipmentId, CalendarEntryKind Kind, Interval Slot, string Organisation, TimeSpan Buffer)
{
    /// <summary>The entry's own time: its slot without the buffer.</summary>
    /// <remarks>
    /// A reservation checked out early has its slot cut to the check-out plus the buffer, but
    /// never below its start, so the slot may be shorter than the buffer.
    /// </remarks>
    public Interval Busy => new(Slot.Start, Slot.End - Slot.Start > Buffer ? Slot.End - Buffer : Slot.Start);

    /// <summary>The buffer after <see cref="Busy"/>; empty when there is none.</summary>
    public Interval BufferTime => new(Busy.End, Slot.End);
}

/// <summary>One busy interval of an instrument as a viewer may see it.</summary>
public sealed record BusyTime(Interval Interval, BusyKind Kind, string Reservation = "", string Organisation = "");

/// <summary>The free and busy time of an instrument in a window, as a viewer may see it.</summary>
public sealed record Availability(Interval Window, IReadOnlyList<Interval> Free, IReadOnlyList<BusyTime> Busy)
{
    /// <summary>Longest window availability describes: a quarter, enough for any calendar view.</summary>
    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(92);

    /// <summary>
    /// The availability of <paramref name="instrument"/> in <paramref name="window"/> from its
    /// calendar entries. Which organisation booked a reservation is no personal data and always
    /// shown; which reservation it is, only to those who see booking details. The buffer after a
    /// reservation is the instrument's own time (cleaning, calibration), not the booker's.
    /// </summary>
    public static Availability Of(Instrument instrument, Interval window, IReadOnlyList<CalendarEntry> calendar, Caller viewer)
    {
        var busy = calendar
            .SelectMany(entry => BusyTimes(entry, instrument, viewer))
            .Select(b => b with { Interval = b.Interval.ClipTo(window) })
            .Where(b => b.Interval.Duration > TimeSpan.Zero)
            .OrderBy(b => b.Interval.Start)
            .ThenBy(b => b.Interval.End)
            .ToList();
        return new Availability(window, [.. FreeIntervals(window, busy.Select(b => b.Interval))], busy);
    }

    private static IEnumerable<BusyTime> BusyTimes(CalendarEntry entry, Instrument instrument, Caller viewer)
    {
        switch (entry.Kind)
        {
            case CalendarEntryKind.Reservation:
                var involved = viewer.SeesBookingDetails(entry.Organisation, instrument.Custodian);
                yield return new BusyTime(entry.Busy, BusyKind.Reservation, involved ? entry.EntryId : "", entry.Organisation);
                if (entry.BufferTime.Duration > TimeSpan.Zero)
                {
                    yield return new BusyTime(entry.BufferTime, BusyKind.Buffer);
                }

                break;
            case CalendarEntryKind.Maintenance:
                yield return new BusyTime(entry.Slot, BusyKind.Maintenance);
                break;
            case CalendarEntryKind.OutOfService:
                yield return new BusyTime(entry.Slot, BusyKind.OutOfService);
                break;
            case CalendarEntryKind.Loan:
                yield return new BusyTime(entry.Slot, BusyKind.Loan);
                break;
            default:
                throw new InvalidOperationException($"Unknown calendar entry kind {entry.Kind}.");
        }
    }

    /// <summary>The window less the union of the busy intervals, given in order of their start.</summary>
    private static IEnumerable<Interval> FreeIntervals(Interval window, IEnumerable<Interval> busy)
    {
        var freeFrom = window.Start;
        foreach (var interval in busy)
        {
            if (interval.Start > freeFrom)
            {
                yield return new Interval(freeFrom, interval.Start);
            }

            if (interval.End > freeFrom)
            {
                freeFrom = interval.End;
            }
        }

        if (freeFrom < window.End)
        {
            yield return new Interval(freeFrom, window.End);
        }
    }
}
