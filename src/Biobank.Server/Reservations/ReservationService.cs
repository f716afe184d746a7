using System.Globalization;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Reservations;
using Biobank.Server.Api;
using Biobank.Server.Storage;
using Biobank.Server.Telemetry;
using Grpc.Core;
using Marten;
using V1 = Biobank.V1;

namespace Biobank.Server.Reservations;

/// <summary>biobank.v1.ReservationService: maps requests to reservation commands and queries.</summary>
public sealed partial class ReservationService(
    EventWriter writer, IQuerySession query, BookingFacts facts, ReservationChangeFeed feed, CallContext call,
    Calendar.EquipmentCalendar calendar, TimeProvider clock, BiobankMetrics metrics)
    : V1.ReservationService.ReservationServiceBase
{
    private const string Collection = "reservations";

    public override async Task<V1.Reservation> CreateReservation(V1.CreateReservationRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.NewName(request.ReservationId, Collection, "reservation_id");
        var booking = Booking.Read(request.Reservation, "reservation", checks);
        checks.ThrowIfAny();

        try
        {
            var reservation = await writer.ExecuteAsync(request, request.RequestId, async scope =>
            {
                var instrument = await scope.LoadExistingAsync<Instrument>(booking.Equipment);
                var state = await BookAsync(scope, name, instrument, booking, seriesId: null);
                return state.ToApi(scope.Caller);
            }, context.CancellationToken);
            metrics.ReservationBookings.Add(1, new KeyValuePair<string, object?>("outcome", reservation.State.ToString()));
            return reservation;
        }
        catch (RuleViolationException refused)
        {
            metrics.ReservationBookings.Add(1, new KeyValuePair<string, object?>("outcome", refused.Reason));
            throw;
        }
    }

    public override async Task<V1.Reservation> GetReservation(V1.GetReservationRequest request, ServerCallContext context)
    {
        ResourceNames.ParseId(request.Name, Collection, "name");
        var reservation = await query.LoadAsync<Reservation>(request.Name, context.CancellationToken)
            ?? throw new ResourceNotFoundException(request.Name);
        return reservation.ToApi(Caller);
    }

    public override async Task<V1.ListReservationsResponse> ListReservations(V1.ListReservationsRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var equipment = request.Equipment == "" ? null : checks.Name(request.Equipment, "equipment", "equipment");
        var organisation = request.Organisation == "" ? null : checks.Name(request.Organisation, ResourceNames.OrganisationsCollection, "organisation");
        var window = request.Window is null ? (Domain.Calendar.Interval?)null : checks.Interval(request.Window, "window");
        var states = request.States.Select((s, i) => (ReservationState)checks.Enum(s, $"states[{i}]")).ToList();
        var project = checks.Optional(request.Project, "project", 64);
        var bookedBy = checks.Optional(request.BookedBy, "booked_by");
        checks.ThrowIfAny();
        var size = Paging.PageSize(request.PageSize);
        var filter = string.Join('|', equipment, organisation, window, string.Join(',', states), project, bookedBy);
        var after = Paging.Decode(request.PageToken, Collection, filter);

        IQueryable<Reservation> reservations = query.Query<Reservation>();
        if (equipment is not null)
        {
            reservations = reservations.Where(r => r.EquipmentId == equipment);
        }

        if (organisation is not null)
        {
            var id = ResourceNames.IdOf(organisation, ResourceNames.OrganisationsCollection);
            reservations = reservations.Where(r => r.Organisation == id);
        }

        if (window is { } w)
        {
            reservations = reservations.Where(r => r.Interval.Start < w.End && r.Interval.End > w.Start);
        }

        if (states.Count > 0)
        {
            reservations = reservations.Where(r => states.Contains(r.State));
        }

        if (project != "" || bookedBy != "")
        {
            // Who booked and for which project are hidden from unrelated organisations: filtering
            // on them must not reveal what the answers hide.
            if (!Caller.Has(Domain.Access.Role.Auditor))
            {
                var viewer = Caller.Organisation;
                reservations = reservations.Where(r => r.Organisation == viewer || r.EquipmentOwner == viewer);
            }

            if (project != "")
            {
                reservations = reservations.Where(r => r.Project == project);
            }

            if (bookedBy != "")
            {
                reservations = reservations.Where(r => r.BookedBy == bookedBy);
            }
        }

        if (after is not null)
        {
            var (start, lastId) = ParseKey(after);
            reservations = reservations.Where(r =>
                r.Interval.Start > start || (r.Interval.Start == start && r.Id.CompareTo(lastId) > 0));
        }

        var page = await reservations.OrderBy(r => r.Interval.Start).ThenBy(r => r.Id).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new V1.ListReservationsResponse();
        response.Reservations.Add(page.Take(size).Select(r => r.ToApi(Caller)));
        if (page.Count > size)
        {
            var last = page[size - 1];
            response.NextPageToken = Paging.Encode(Collection, filter, $"{last.Interval.Start.UtcTicks}|{last.Id}");
        }

        return response;
    }

    public override Task<V1.Reservation> CancelReservation(V1.CancelReservationRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return Decide(request, request.RequestId, name, scope => new ReservationDecider.Cancel(scope.Caller, scope.Now, reason), context, request.Etag);
    }

    public override Task<V1.Reservation> RescheduleReservation(V1.RescheduleReservationRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var interval = checks.Interval(request.Interval, "interval");
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var current = await scope.LoadExistingAsync<Reservation>(name);
            var instrument = await scope.LoadExistingAsync<Instrument>(current.EquipmentId);
            var (qualified, conflicts) = await facts.ForSlotAsync(scope, instrument, interval, except: name);
            var state = await scope.DecideAsync<Reservation>(name, s => ReservationDecider.Decide(
                new ReservationDecider.Reschedule(scope.Caller, scope.Now, instrument, interval, qualified, conflicts), s), request.Etag);
            return state.ToApi(scope.Caller);
        }, context.CancellationToken);
    }

    public override Task<V1.Reservation> ApproveReservation(V1.ApproveReservationRequest request, ServerCallContext context) =>
        Decide(request, request.RequestId, CheckedName(request.Name), scope => new ReservationDecider.Approve(scope.Caller, scope.Now), context, request.Etag);

    public override Task<V1.Reservation> RejectReservation(V1.RejectReservationRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return Decide(request, request.RequestId, name, scope => new ReservationDecider.Reject(scope.Caller, scope.Now, reason), context, request.Etag);
    }

    public override Task<V1.Reservation> CheckInReservation(V1.CheckInReservationRequest request, ServerCallContext context) =>
        Decide(request, request.RequestId, CheckedName(request.Name), scope => new ReservationDecider.CheckIn(scope.Caller, scope.Now), context, request.Etag);

    public override Task<V1.Reservation> CheckOutReservation(V1.CheckOutReservationRequest request, ServerCallContext context) =>
        Decide(request, request.RequestId, CheckedName(request.Name), scope => new ReservationDecider.CheckOut(scope.Caller, scope.Now), context, request.Etag);

    private Domain.Access.Caller Caller => call.Caller ?? throw new InvalidOperationException("Calls are authenticated.");

    /// <summary>
    /// Books one reservation of <paramref name="instrument"/> in the scope's transaction; shared by
    /// single bookings and series, which load the instrument once for all their occurrences.
    /// </summary>
    private async Task<Reservation> BookAsync(WriteScope scope, string name, Instrument instrument, Booking booking, string? seriesId)
    {
        var (qualified, conflicts) = await facts.ForSlotAsync(scope, instrument, booking.Interval);
        return await scope.DecideAsync<Reservation>(name, s => ReservationDecider.Decide(
            new ReservationDecider.Book(
                scope.Caller, scope.Now, name, instrument, booking.Interval, booking.Purpose, booking.Project, seriesId, qualified, conflicts),
            s));
    }

    private Task<V1.Reservation> Decide(
        Google.Protobuf.IMessage request, string requestId, string name, Func<WriteScope, ReservationDecider.Command> command,
        ServerCallContext context, string etag = "") =>
        writer.ExecuteAsync(request, requestId, async scope =>
        {
            var state = await scope.DecideExistingAsync<Reservation>(
                name, s => ReservationDecider.Decide(command(scope), s), etag);
            return state.ToApi(scope.Caller);
        }, context.CancellationToken);

    private static string CheckedName(string name)
    {
        ResourceNames.ParseId(name, Collection, "name");
        return name;
    }

    private static (DateTimeOffset Start, string Id) ParseKey(string key)
    {
        var parts = key.Split('|', 2);
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1])
                : throw Paging.InvalidToken();
    }

    /// <summary>The booking fields of a reservation in a request.</summary>
    private sealed record Booking(string Equipment, Domain.Calendar.Interval Interval, string Purpose, string Project)
    {
        public static Booking Read(V1.Reservation? reservation, string field, RequestChecks checks)
        {
            if (reservation is null)
            {
                checks.Add(field, "is required");
                return new Booking("", default, "", "");
            }

            return new Booking(
                checks.Name(reservation.Equipment, "equipment", $"{field}.equipment"),
                checks.Interval(reservation.Interval, $"{field}.interval"),
                checks.Required(reservation.Purpose, $"{field}.purpose", 500),
                checks.Optional(reservation.Project, $"{field}.project", 64));
        }
    }
}
