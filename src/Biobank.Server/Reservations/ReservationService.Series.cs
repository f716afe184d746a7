using System.Globalization;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Reservations;
using Biobank.Server.Api;
using Biobank.Server.Equipment;
using Grpc.Core;
using Marten;
using V1 = Biobank.V1;

namespace Biobank.Server.Reservations;

/// <summary>
/// Recurring bookings. A series is no stream of its own: it is the id its occurrences carry, and
/// each occurrence is an ordinary reservation booked through the same rules as a single one.
/// </summary>
public sealed partial class ReservationService
{
    private const string SeriesCollection = "reservationSeries";

    public override Task<V1.CreateReservationSeriesResponse> CreateReservationSeries(
        V1.CreateReservationSeriesRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var booking = Booking.Read(request.FirstOccurrence, "first_occurrence", checks);
        var recurrence = ReadRecurrence(request.Recurrence, "recurrence", checks);
        var mode = checks.Enum(request.ConflictMode, "conflict_mode");
        if (recurrence is not null && request.FirstOccurrence?.Interval is not null)
        {
            checks.Add(recurrence.Violations(booking.Interval, "recurrence"));
        }

        checks.ThrowIfAny();
        var series = $"{SeriesCollection}/{Guid.CreateVersion7()}";

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var instrument = await scope.LoadExistingAsync<Instrument>(booking.Equipment);
            var occurrences = recurrence!.Occurrences(
                booking.Interval, TimeZoneInfo.FindSystemTimeZoneById(instrument.TimeZone), instrument.Rules.Buffer, "recurrence");
            var response = new V1.CreateReservationSeriesResponse { Series = series };
            foreach (var occurrence in occurrences)
            {
                // The calendar is read outside this transaction, so it cannot see the occurrences
                // booked before this one; they never overlap one another (Occurrences checks it).
                try
                {
                    var reservation = await BookAsync(scope, $"{Collection}/{Guid.CreateVersion7()}", instrument, booking with { Interval = occurrence }, series);
                    response.Reservations.Add(reservation.ToApi(scope.Caller));
                }
                catch (RuleViolationException broken) when (mode == V1.SeriesConflictMode.SkipConflicts)
                {
                    response.Skipped.Add(new V1.SkippedOccurrence
                    {
                        Interval = occurrence.ToApi(),
                        Reason = broken.Reason,
                        Description = broken.Message,
                    });
                }
                catch (RuleViolationException broken)
                {
                    var start = occurrence.Start.ToString("O", CultureInfo.InvariantCulture);
                    throw new RuleViolationException(
                        broken.Reason,
                        $"The occurrence starting {start} cannot be booked, so no occurrence was: {broken.Message}",
                        new Dictionary<string, string>(broken.Metadata) { ["occurrence_start"] = start });
                }
            }

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

            var fromStart = from is null
                ? DateTimeOffset.MinValue
                : (occurrences.FirstOrDefault(r => r.Id == from)
                    ?? throw new InvalidRequestException("from_reservation", $"is not an occurrence of {series}")).Interval.Start;
            var cancel = new ReservationDecider.Cancel(scope.Caller, scope.Now, reason);
            var response = new V1.CancelReservationSeriesResponse();
            var open = occurrences.Where(r => r.Interval.Start >= fromStart && r.State.IsCancellable());
            foreach (var occurrence in open)
            {
                // Decided again on the state fetched for writing: an occurrence checked in or
                // cancelled since the query is left as it is rather than failing the whole series.
                var cancelled = false;
                var state = await scope.DecideExistingAsync<Reservation>(occurrence.Id, current =>
                {
                    cancelled = current.State.IsCancellable();
                    return cancelled ? ReservationDecider.Decide(cancel, current) : [];
                });
                if (cancelled)
                {
                    response.Cancelled.Add(state.ToApi(scope.Caller));
                }
            }

            return response;
        }, context.CancellationToken);
    }

    /// <summary>The recurrence of a request, or null (with a violation) when it is missing.</summary>
    private static Recurrence? ReadRecurrence(V1.Recurrence? recurrence, string field, RequestChecks checks)
    {
        if (recurrence is null)
        {
            checks.Add(field, "is required");
            return null;
        }

        return new Recurrence(
            (RecurrenceFrequency)recurrence.Frequency,
            recurrence.Interval == 0 ? 1 : recurrence.Interval,
            recurrence.Count == 0 ? null : recurrence.Count,
            recurrence.UntilTime is null ? null : checks.Time(recurrence.UntilTime, $"{field}.until_time"));
    }
}
