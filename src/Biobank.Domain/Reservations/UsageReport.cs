using Biobank.Domain.Access;
using Biobank.Domain.Equipment;

namespace Biobank.Domain.Reservations;

/// <summary>Time booked and used of one instrument by one organisation for one project, within a period.</summary>
public sealed record UsageRow(string EquipmentId, string Organisation, string Project, TimeSpan Booked, TimeSpan Used, int Reservations, int NoShows);

/// <summary>Hours booked and used per instrument, booking organisation and project over a period.</summary>
public static class UsageReport
{
    /// <summary>Longest period a usage report covers: a (leap) year.</summary>
    public static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(366);

    /// <summary>Reservations that count as booked time: those that held their slot to the end, used or not.</summary>
    public static readonly ReservationState[] BookedStates =
        [ReservationState.Confirmed, ReservationState.CheckedIn, ReservationState.Completed, ReservationState.NoShow];

    /// <summary>
    /// No reservation is longer than any rules allow, so only those starting that long before the
    /// period can reach into it: the scan of the start index stays bounded.
    /// </summary>
    public static DateTimeOffset EarliestStartReaching(Interval period) => period.Start - BookingRules.Longest;

    /// <summary>
    /// Auditors and admins read every organisation's usage; facility managers that of their
    /// organisation's instruments and of its bookings: the organisation returned, or null for all.
    /// </summary>
    public static string? ScopeOf(Caller caller)
    {
        caller.RequireAnyRole(Role.Auditor, Role.Admin, Role.FacilityManager);
        return caller.Has(Role.Auditor) || caller.Has(Role.Admin) ? null : caller.Organisation;
    }

    /// <summary>The rows of <paramref name="reservations"/> (booked ones overlapping the period), in instrument, organisation and project order.</summary>
    public static IReadOnlyList<UsageRow> Of(Interval period, IEnumerable<Reservation> reservations, DateTimeOffset now) =>
    [
        .. reservations
            .GroupBy(r => (r.EquipmentId, r.Organisation, r.Project))
            .OrderBy(g => g.Key.EquipmentId, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Organisation, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Project, StringComparer.Ordinal)
            .Select(g => new UsageRow(
                g.Key.EquipmentId,
                g.Key.Organisation,
                g.Key.Project,
                TotalWithin(period, g.Select(r => r.Interval)),
                TotalWithin(period, g.Select(r => r.TimeInUse(now))),
                g.Count(),
                g.Count(r => r.State == ReservationState.NoShow))),
    ];

    private static TimeSpan TotalWithin(Interval period, IEnumerable<Interval> intervals) =>
        intervals.Aggregate(TimeSpan.Zero, (total, interval) => total + interval.ClipTo(period).Duration);
}
