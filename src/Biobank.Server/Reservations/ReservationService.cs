using System.Globalization;
using Biobank.Domain;
using Biobank.Domain.Access;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Qualifications;
using Biobank.Domain.Reservations;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using Biobank.Server.Telemetry;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Marten;
using V1 = Biobank.V1;

namespace Biobank.Server.Reservations;

/// <summary>
/// biobank.v1.ReservationService: maps requests to reservation commands and queries, and
/// reservations to messages. The rules are the domain's (<see cref="ReservationDecider"/>,
/// <see cref="ReservationSeries"/>, <see cref="Availability"/>, <see cref="UsageReport"/>); what a
/// decision reads of the store comes from <see cref="EquipmentCalendar"/> and the booker's
/// qualifications, inside the change's transaction.
/// </summary>
public sealed class ReservationService(
    EventWriter writer, IQuerySession query, CallContext call, TimeProvider clock, BiobankMetrics metrics, IHostApplicationLifetime lifetime,
    InstrumentBuffers buffers)
    : V1.ReservationService.ReservationServiceBase
{
    public const string Collection = "reservations";
    private const string SeriesCollection = "reservationSeries";

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
                var (instrument, qualifications, calendar) = await BookingFactsAsync(scope, booking.Equipment, booking.Interval);
                var state = await scope.CreateAsync(name, (Reservation? current) => ReservationDecider.Decide(
                    new ReservationDecider.Book(
                        scope.Caller, scope.Now, name, instrument, booking.Interval, booking.Purpose, booking.Project, null, qualifications, calendar),
                    current));
                return ToMessage(state, scope.Caller);
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
        return ToMessage(reservation, Caller);
    }

    public override async Task<V1.ListReservationsResponse> ListReservations(V1.ListReservationsRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var equipment = request.Equipment == "" ? null : checks.Name(request.Equipment, "equipment", "equipment");
        var organisation = request.Organisation == "" ? null : checks.Name(request.Organisation, ResourceNames.OrganisationsCollection, "organisation");
        var window = request.Window is null ? (Interval?)null : checks.Interval(request.Window, "window");
        var states = request.States.Select((s, i) => (ReservationState)checks.Enum(s, $"states[{i}]")).ToList();
        var project = checks.Optional(request.Project, "project", 64);
        var bookedBy = checks.Optional(request.BookedBy, "booked_by");
        checks.ThrowIfAny();

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
            if (!Caller.Has(Role.Auditor))
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

        var page = await Paging.PageAsync(
            reservations, Keyset.ByTimeThenName<Reservation>(r => r.Interval.Start, r => r.Id),
            new PageRequest(request.PageSize, request.PageToken, Collection,
                PageRequest.FilterOf(equipment, organisation, window, string.Join(',', states), project, bookedBy)),
            context.CancellationToken);
        var response = new V1.ListReservationsResponse { NextPageToken = page.NextPageToken };
        response.Reservations.Add(page.Items.Select(r => ToMessage(r, Caller)));
        return response;
    }

    public override Task<V1.Reservation> CancelReservation(V1.CancelReservationRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return DecideAsync(request, request.RequestId, name, request.Etag, scope => new ReservationDecider.Cancel(scope.Caller, scope.Now, reason), context);
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
            var (instrument, qualifications, calendar) = await BookingFactsAsync(scope, current.EquipmentId, interval);
            var state = await scope.DecideExistingAsync(name, (Reservation reservation) => ReservationDecider.Decide(
                new ReservationDecider.Reschedule(scope.Caller, scope.Now, instrument, interval, qualifications, calendar), reservation), request.Etag);
            return ToMessage(state, scope.Caller);
        }, context.CancellationToken);
    }

    public override Task<V1.Reservation> ApproveReservation(V1.ApproveReservationRequest request, ServerCallContext context) =>
        DecideAsync(request, request.RequestId, ResourceNames.Parse(request.Name, Collection), request.Etag, scope => new ReservationDecider.Approve(scope.Caller, scope.Now), context);

    public override Task<V1.Reservation> RejectReservation(V1.RejectReservationRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return DecideAsync(request, request.RequestId, name, request.Etag, scope => new ReservationDecider.Reject(scope.Caller, scope.Now, reason), context);
    }

    public override Task<V1.Reservation> CheckInReservation(V1.CheckInReservationRequest request, ServerCallContext context) =>
        DecideAsync(request, request.RequestId, ResourceNames.Parse(request.Name, Collection), request.Etag, scope => new ReservationDecider.CheckIn(scope.Caller, scope.Now), context);

    public override Task<V1.Reservation> CheckOutReservation(V1.CheckOutReservationRequest request, ServerCallContext context) =>
        DecideAsync(request, request.RequestId, ResourceNames.Parse(request.Name, Collection), request.Etag, scope => new ReservationDecider.CheckOut(scope.Caller, scope.Now), context);

    public override Task<V1.CreateReservationSeriesResponse> CreateReservationSeries(
        V1.CreateReservationSeriesRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var booking = Booking.Read(request.FirstOccurrence, "first_occurrence", checks);
        var recurrence = ReadRecurrence(request.Recurrence, booking.Interval, "recurrence", checks);
        var mode = (SeriesConflictMode)checks.Enum(request.ConflictMode, "conflict_mode");
        checks.ThrowIfAny();
        var series = $"{SeriesCollection}/{Guid.CreateVersion7()}";

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            // The occurrences follow the instrument's time zone and buffer: its calendar is read once they are known.
            var seen = await scope.LoadExistingAsync<Instrument>(booking.Equipment);
            var occurrences = recurrence.Occurrences(booking.Interval, seen.Zone, seen.Rules.Buffer, RecurrenceFields);
            var (instrument, qualifications, calendar) = await BookingFactsAsync(
                scope, booking.Equipment, new Interval(occurrences[0].Start, occurrences[^1].End));
            var decision = ReservationSeries.Decide(new ReservationSeries.Book(
                scope.Caller, scope.Now, series, instrument, occurrences, booking.Purpose, booking.Project,
                mode, () => $"{Collection}/{Guid.CreateVersion7()}", qualifications, calendar));
            var response = new V1.CreateReservationSeriesResponse { Series = series };
            foreach (var booked in decision.Booked)
            {
                response.Reservations.Add(ToMessage(await scope.StartAsync<Reservation, ReservationEvent>(booked.ReservationId, booked), scope.Caller));
            }

            response.Skipped.Add(decision.Skipped.Select(s => new V1.SkippedOccurrence
            {
                Interval = s.Interval.ToApi(), Reason = s.Reason, Description = s.Description,
            }));
            return response;
        }, context.CancellationToken);
    }

    public override Task<V1.CancelReservationSeriesResponse> CancelReservationSeries(
        V1.CancelReservationSeriesRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var series = checks.Name(request.Series, SeriesCollection, "series");
        var from = request.FromReservation == "" ? null : checks.Name(request.FromReservation, Collection, "from_reservation");
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            // Bounded: a series has at most Recurrence.MaxOccurrences reservations.
            var occurrences = await scope.Session.Query<Reservation>()
                .Where(r => r.SeriesId == series)
                .OrderBy(r => r.Interval.Start).ThenBy(r => r.Id)
                .ToListAsync(scope.CancellationToken);
            if (occurrences.Count == 0)
            {
                throw new ResourceNotFoundException(series);
            }

            var first = from is null
                ? null
                : occurrences.FirstOrDefault(r => r.Id == from) ?? throw new InvalidRequestException("from_reservation", $"is not an occurrence of {series}");
            var response = new V1.CancelReservationSeriesResponse();
            foreach (var occurrence in ReservationSeries.OpenFrom(occurrences, first))
            {
                // Decided again on the state fetched for writing: an occurrence checked in or
                // cancelled since the query is left as it is rather than failing the whole series.
                var cancelled = false;
                var state = await scope.DecideExistingAsync(occurrence.Id, (Reservation current) =>
                {
                    var events = ReservationDecider.Decide(new ReservationDecider.CancelIfOpen(scope.Caller, scope.Now, reason), current);
                    cancelled = events.Count > 0;
                    return events;
                });
                if (cancelled)
                {
                    response.Cancelled.Add(ToMessage(state, scope.Caller));
                }
            }

            return response;
        }, context.CancellationToken);
    }

    public override async Task<V1.Availability> GetAvailability(V1.GetAvailabilityRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var equipment = checks.Name(request.Equipment, "equipment", "equipment");
        var window = checks.Interval(request.Window, "window");
        if (window.Duration > Availability.LongestWindow)
        {
            checks.Add("window", $"must be at most {Availability.LongestWindow.TotalDays} days long");
        }

        checks.ThrowIfAny();
        var instrument = await query.LoadAsync<Instrument>(equipment, context.CancellationToken) ?? throw new ResourceNotFoundException(equipment);
        var calendar = await EquipmentCalendar.OverlappingAsync(query, equipment, window, context.CancellationToken);
        var availability = Availability.Of(instrument, window, calendar, Caller);

        var response = new V1.Availability { Equipment = equipment, Window = window.ToApi() };
        response.Free.Add(availability.Free.Select(free => free.ToApi()));
        response.Busy.Add(availability.Busy.Select(b => new V1.BusyInterval
        {
            Interval = b.Interval.ToApi(),
            Kind = (V1.BusyKind)b.Kind,
            Reservation = b.Reservation,
            Organisation = b.Organisation == "" ? "" : ResourceNames.Organisation(b.Organisation),
        }));
        return response;
    }

    public override async Task WatchReservations(
        V1.WatchReservationsRequest request, IServerStreamWriter<V1.ReservationChange> responseStream, ServerCallContext context)
    {
        var caller = Caller;
        var (subject, resumeAfter) = ReadWatch(request);
        if (!ResourceNames.IsNameIn(subject, ResourceNames.OrganisationsCollection))
        {
            _ = await query.LoadAsync<Instrument>(subject, context.CancellationToken) ?? throw new ResourceNotFoundException(subject);
        }
        else if (!caller.Has(Role.Auditor) && !caller.Has(Role.Admin))
        {
            caller.RequireOrganisation(ResourceNames.IdOf(subject, ResourceNames.OrganisationsCollection));
        }

        await ChangeFeed.WatchAsync<Reservation>(
            query, nameof(Reservation), subject, resumeAfter,
            change => responseStream.WriteAsync(new V1.ReservationChange
            {
                Position = ChangeFeed.FormatPosition(change.Position),
                Change = change.Name,
                Reservation = ToMessage(change.State, caller),
                ChangeTime = Timestamp.FromDateTimeOffset(change.ChangeTime),
            }, context.CancellationToken),
            context.CancellationToken, lifetime.ApplicationStopping);
    }

    public override async Task<V1.UsageReport> GetUsageReport(V1.GetUsageReportRequest request, ServerCallContext context)
    {
        var scope = UsageReport.ScopeOf(Caller);
        var checks = new RequestChecks();
        var period = checks.Interval(request.Period, "period");
        if (period.Duration > UsageReport.LongestPeriod)
        {
            checks.Add("period", $"must be at most {UsageReport.LongestPeriod.TotalDays} days long");
        }

        var owner = request.OwnerOrganisation == ""
            ? null
            : checks.Name(request.OwnerOrganisation, ResourceNames.OrganisationsCollection, "owner_organisation");
        checks.ThrowIfAny();

        var earliestStart = UsageReport.EarliestStartReaching(period);
        var booked = UsageReport.BookedStates;
        var reservations = query.Query<Reservation>()
            .Where(r => r.Interval.Start > earliestStart && r.Interval.Start < period.End && r.Interval.End > period.Start)
            .Where(r => booked.Contains(r.State));
        if (scope is not null)
        {
            reservations = reservations.Where(r => r.EquipmentOwner == scope || r.Organisation == scope);
        }

        if (owner is not null)
        {
            var ownerId = ResourceNames.IdOf(owner, ResourceNames.OrganisationsCollection);
            reservations = reservations.Where(r => r.EquipmentOwner == ownerId);
        }

        var rows = UsageReport.Of(period, await reservations.ToListAsync(context.CancellationToken), clock.GetUtcNow());
        var report = new V1.UsageReport { Period = period.ToApi() };
        report.Rows.Add(rows.Select(r => new V1.UsageRow
        {
            Equipment = r.EquipmentId,
            Organisation = ResourceNames.Organisation(r.Organisation),
            Project = r.Project,
            Booked = Duration.FromTimeSpan(r.Booked),
            Used = Duration.FromTimeSpan(r.Used),
            Reservations = r.Reservations,
            NoShows = r.NoShows,
        }));
        return report;
    }

    /// <summary>
    /// The reservation as <paramref name="viewer"/> may see it: the booking and owning
    /// organisations see everything; others see the busy slot, not who booked it or why.
    /// </summary>
    public static V1.Reservation ToMessage(Reservation reservation, Caller viewer)
    {
        var involved = viewer.SeesBookingDetails(reservation.Organisation, reservation.EquipmentOwner);
        var message = new V1.Reservation
        {
            Name = reservation.Id,
            Equipment = reservation.EquipmentId,
            Interval = reservation.Interval.ToApi(),
            State = (V1.ReservationState)reservation.State,
            Organisation = ResourceNames.Organisation(reservation.Organisation),
            BookedBy = involved ? reservation.BookedBy : "",
            Purpose = involved ? reservation.Purpose : "",
            Project = involved ? reservation.Project : "",
            StateReason = involved ? reservation.StateReason : "",
            Series = involved ? reservation.SeriesId ?? "" : "",
            CreateTime = Timestamp.FromDateTimeOffset(reservation.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(reservation.UpdateTime),
            Etag = Etags.Format(reservation.Version),
        };
        if (reservation.CheckInTime is { } checkIn)
        {
            message.CheckInTime = Timestamp.FromDateTimeOffset(checkIn);
        }

        if (reservation.CheckOutTime is { } checkOut)
        {
            message.CheckOutTime = Timestamp.FromDateTimeOffset(checkOut);
        }

        return message;
    }

    /// <summary>The request fields a recurrence is read from.</summary>
    private static readonly Recurrence.Fields RecurrenceFields = new("recurrence.until_time", "recurrence.interval");

    private Caller Caller => call.Caller ?? throw new InvalidOperationException("Calls are authenticated.");

    /// <summary>
    /// What deciding a booking of <paramref name="equipment"/> over <paramref name="span"/> reads,
    /// inside the change's transaction and in one round trip: the instrument, the booker's
    /// qualifications, and the instrument's calendar over the span and the buffer after it (as far as
    /// the buffer last seen; a longer one has the rest read after).
    /// </summary>
    private async Task<(Instrument Instrument, IReadOnlyList<Qualification> Qualifications, IReadOnlyList<CalendarEntry> Calendar)> BookingFactsAsync(
        WriteScope scope, string equipment, Interval span)
    {
        var guessedBuffer = buffers.LastSeen(equipment);
        var batch = scope.Session.CreateBatchQuery();
        var loaded = batch.Load<Instrument>(equipment);
        var qualifications = batch.Query(new HeldQualifications { Person = scope.Caller.Subject, Organisation = scope.Caller.Organisation });
        var calendar = EquipmentCalendar.Overlapping(batch, equipment, new Interval(span.Start, span.End + guessedBuffer));
        await batch.Execute(scope.CancellationToken);

        var instrument = await loaded ?? throw new ResourceNotFoundException(equipment);
        buffers.Saw(instrument);
        var buffer = instrument.Rules.Buffer;
        return (instrument, [.. await qualifications], buffer <= guessedBuffer
            ? await calendar
            : await EquipmentCalendar.OverlappingAsync(scope.Session, equipment, new Interval(span.Start, span.End + buffer), scope.CancellationToken));
    }

    private Task<V1.Reservation> DecideAsync(
        Google.Protobuf.IMessage request, string requestId, string name, string etag, Func<WriteScope, ReservationDecider.Command> command,
        ServerCallContext context) =>
        writer.ExecuteAsync(request, requestId, async scope =>
        {
            var state = await scope.DecideExistingAsync(name, (Reservation current) => ReservationDecider.Decide(command(scope), current), etag);
            return ToMessage(state, scope.Caller);
        }, context.CancellationToken);

    /// <summary>The recurrence of a request with its form checked: the domain lays out its occurrences.</summary>
    private static Recurrence ReadRecurrence(V1.Recurrence? recurrence, Interval first, string field, RequestChecks checks)
    {
        if (recurrence is null)
        {
            checks.Add(field, "is required");
            return new Recurrence(RecurrenceFrequency.Daily, 1, 1, null);
        }

        var frequency = (RecurrenceFrequency)recurrence.Frequency;
        if (frequency is not (RecurrenceFrequency.Daily or RecurrenceFrequency.Weekly))
        {
            checks.Add($"{field}.frequency", "is required and must be DAILY or WEEKLY");
        }

        var interval = recurrence.Interval == 0 ? 1 : recurrence.Interval;
        if (interval is < 1 or > Recurrence.MaxInterval)
        {
            checks.Add($"{field}.interval", $"must be from 1 to {Recurrence.MaxInterval} (0 means 1)");
        }

        int? count = recurrence.Count == 0 ? null : recurrence.Count;
        DateTimeOffset? until = recurrence.UntilTime is null ? null : checks.Time(recurrence.UntilTime, $"{field}.until_time");
        switch (count, until)
        {
            case (null, null):
                checks.Add($"{field}.count", "one of count or until_time is required");
                break;
            case ({ }, { }):
                checks.Add($"{field}.until_time", "must not be set together with count");
                break;
            case ({ } n, null) when n is < 1 or > Recurrence.MaxOccurrences:
                checks.Add($"{field}.count", $"must be from 1 to {Recurrence.MaxOccurrences}");
                break;
            case (null, { } end) when end < first.Start:
                checks.Add($"{field}.until_time", "must not be before the first occurrence starts");
                break;
        }

        return new Recurrence(frequency, interval, count, until);
    }

    /// <summary>What to watch (an instrument's or an organisation's name), and the position to resume after (null: from now on).</summary>
    private static (string Subject, long? ResumeAfter) ReadWatch(V1.WatchReservationsRequest request)
    {
        var checks = new RequestChecks();
        if ((request.Equipment == "") == (request.Organisation == ""))
        {
            checks.Add("equipment", "exactly one of equipment and organisation is required");
            checks.Add("organisation", "exactly one of equipment and organisation is required");
        }

        var equipment = request.Equipment == "" ? null : checks.Name(request.Equipment, "equipment", "equipment");
        var organisation = request.Organisation == "" ? null : checks.Name(request.Organisation, ResourceNames.OrganisationsCollection, "organisation");
        var resumeAfter = ChangeFeed.ReadResumeAfter(request.ResumeAfter, "resume_after", checks);
        checks.ThrowIfAny();
        return (equipment ?? organisation!, resumeAfter);
    }

    /// <summary>The booking fields of a reservation in a request.</summary>
    private sealed record Booking(string Equipment, Interval Interval, string Purpose, string Project)
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
