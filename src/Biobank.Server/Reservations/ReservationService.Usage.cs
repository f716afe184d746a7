using Biobank.Domain.Access;
using Biobank.Domain.Calendar;
using Biobank.Domain.Equipment;
using Biobank.Domain.Reservations;
using Biobank.Server.Api;
using Biobank.Server.Equipment;
using Grpc.Core;
using Marten;
using V1 = Biobank.V1;
using WellKnown = Google.Protobuf.WellKnownTypes;

namespace Biobank.Server.Reservations;

public sealed partial class ReservationService
{
    /// <summary>Longest period a usage report covers: a (leap) year.</summary>
    private static readonly TimeSpan LongestUsagePeriod = TimeSpan.FromDays(366);

    /// <summary>Reservations that count as booked time: those that held their slot to the end, used or not.</summary>
    private static readonly ReservationState[] BookedStates =
        [ReservationState.Confirmed, ReservationState.CheckedIn, ReservationState.Completed, ReservationState.NoShow];

    public override async Task<V1.UsageReport> GetUsageReport(V1.GetUsageReportRequest request, ServerCallContext context)
    {
        var caller = Caller;
        caller.RequireAnyRole(Role.Auditor, Role.Admin, Role.FacilityManager);
        var checks = new RequestChecks();
        var period = checks.Interval(request.Period, "period");
        if (period.Duration > LongestUsagePeriod)
        {
            checks.Add("period", $"must be at most {LongestUsagePeriod.TotalDays} days long");
        }

        if (request.OwnerOrganisation != "")
        {
            checks.Name(request.OwnerOrganisation, ResourceNames.OrganisationsCollection, "owner_organisation");
        }

        checks.ThrowIfAny();
        var owner = request.OwnerOrganisation == "" ? null : ResourceNames.ParseOrganisation(request.OwnerOrganisation, "owner_organisation");

        // No reservation is longer than any rules allow, so only those starting that long before
        // the period can reach into it: the scan of the start index stays bounded.
        var earliestStart = period.Start - BookingRules.Longest;
        var reservations = query.Query<Reservation>()
            .Where(r => r.Interval.Start > earliestStart && r.Interval.Start < period.End && r.Interval.End > period.Start)
            .Where(r => BookedStates.Contains(r.State));
        if (!caller.Has(Role.Auditor) && !caller.Has(Role.Admin))
        {
            var organisation = caller.Organisation;
            reservations = reservations.Where(r => r.EquipmentOwner == organisation || r.Organisation == organisation);
        }

        if (owner is not null)
        {
            reservations = reservations.Where(r => r.EquipmentOwner == owner);
        }

        var found = await reservations.ToListAsync(context.CancellationToken);
        var now = clock.GetUtcNow();
        var report = new V1.UsageReport { Period = period.ToApi() };
        report.Rows.Add(found
            .GroupBy(r => (r.EquipmentId, r.Organisation, r.Project))
            .OrderBy(g => g.Key.EquipmentId, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Organisation, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Project, StringComparer.Ordinal)
            .Select(g => new V1.UsageRow
            {
                Equipment = g.Key.EquipmentId,
                Organisation = ResourceNames.Organisation(g.Key.Organisation),
                Project = g.Key.Project,
                Booked = WellKnown.Duration.FromTimeSpan(TotalWithin(period, g.Select(r => r.Interval))),
                Used = WellKnown.Duration.FromTimeSpan(TotalWithin(period, g.Select(r => TimeInUse(r, now)))),
                Reservations = g.Count(),
                NoShows = g.Count(r => r.State == ReservationState.NoShow),
            }));
        return report;
    }

    /// <summary>From check-in to check-out, or to now while still checked in; empty if never checked in.</summary>
    private static Interval TimeInUse(Reservation reservation, DateTimeOffset now) => reservation.CheckInTime is { } checkIn
        ? new Interval(checkIn, reservation.CheckOutTime ?? now)
        : new Interval(reservation.Interval.Start, reservation.Interval.Start);

    private static TimeSpan TotalWithin(Interval period, IEnumerable<Interval> intervals) =>
        intervals.Aggregate(TimeSpan.Zero, (total, interval) => total + interval.ClipTo(period).Duration);
}
