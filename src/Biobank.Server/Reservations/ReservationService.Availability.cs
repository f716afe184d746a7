using Biobank.Domain.Calendar;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Server.Api;
using Biobank.Server.Calendar;
using Biobank.Server.Equipment;
using Grpc.Core;
using V1 = Biobank.V1;

namespace Biobank.Server.Reservations;

public sealed partial class ReservationService
{
    /// <summary>Longest window availability describes: a quarter, enough for any calendar view.</summary>
    private static readonly TimeSpan LongestAvailabilityWindow = TimeSpan.FromDays(92);

    public override async Task<V1.Availability> GetAvailability(V1.GetAvailabilityRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var equipment = checks.Name(request.Equipment, "equipment", "equipment");
        var window = checks.Interval(request.Window, "window");
        if (window.Duration > LongestAvailabilityWindow)
        {
            checks.Add("window", $"must be at most {LongestAvailabilityWindow.TotalDays} days long");
        }

        checks.ThrowIfAny();

        var instrument = await query.LoadAsync<Instrument>(equipment, context.CancellationToken)
            ?? throw new ResourceNotFoundException(equipment);
        var entries = await calendar.WindowAsync(equipment, window, context.CancellationToken);
        var busy = entries
            .SelectMany(entry => BusyIntervals(entry, instrument, Caller))
            .Select(b => b with { Interval = b.Interval.ClipTo(window) })
            .Where(b => b.Interval.Duration > TimeSpan.Zero)
            .OrderBy(b => b.Interval.Start)
            .ThenBy(b => b.Interval.End)
            .ToList();

        var availability = new V1.Availability { Equipment = equipment, Window = window.ToApi() };
        availability.Free.Add(FreeIntervals(window, busy.Select(b => b.Interval)).Select(free => free.ToApi()));
        availability.Busy.Add(busy.Select(b => new V1.BusyInterval
        {
            Interval = b.Interval.ToApi(),
            Kind = b.Kind,
            Reservation = b.Reservation,
            Organisation = b.Organisation,
        }));
        return availability;
    }

    /// <summary>
    /// What one calendar entry blocks: a reservation is its own time and, apart, the buffer after
    /// it. Which organisation booked a reservation is no personal data and always shown; which
    /// reservation it is, only to those who see booking details.
    /// </summary>
    private static IEnumerable<BusyTime> BusyIntervals(
        EquipmentCalendar.BufferedEntry buffered, Instrument instrument, Domain.Access.Caller viewer)
    {
        var entry = buffered.Entry;
        switch (entry.Kind)
        {
            case CalendarEntryKind.Reservation:
                var involved = viewer.SeesBookingDetails(entry.Organisation, instrument.OwnerOrganisation);
                yield return new BusyTime(
                    buffered.Busy, V1.BusyKind.Reservation, involved ? entry.EntryId : "", ResourceNames.Organisation(entry.Organisation));

                // The buffer is the instrument's own time (cleaning, calibration), not the booker's.
                if (buffered.BufferTime.Duration > TimeSpan.Zero)
                {
                    yield return new BusyTime(buffered.BufferTime, V1.BusyKind.Buffer);
                }

                break;
            case CalendarEntryKind.Maintenance:
                yield return new BusyTime(entry.Slot, V1.BusyKind.Maintenance);
                break;
            case CalendarEntryKind.OutOfService:
                yield return new BusyTime(entry.Slot, V1.BusyKind.OutOfService);
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

    /// <summary>One busy interval before it is clipped to the window.</summary>
    private readonly record struct BusyTime(Interval Interval, V1.BusyKind Kind, string Reservation = "", string Organisation = "");
}
