using Biobank.Domain.Calendar;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Qualifications;
using Biobank.Server.Calendar;
using Biobank.Server.Storage;
using Marten;

namespace Biobank.Server.Reservations;

/// <summary>
/// What deciding a booking needs from the store besides the instrument: whether the booker is
/// qualified for it, and the calendar entries a slot would overlap. Read inside the booking's own session.
/// </summary>
public sealed class BookingFacts(EquipmentCalendar calendar)
{
    /// <summary>
    /// Whether the caller is qualified for the instrument throughout <paramref name="interval"/>, and
    /// what the slot would overlap, leaving out <paramref name="except"/> (a reservation being moved).
    /// </summary>
    public async Task<(bool Qualified, IReadOnlyList<CalendarEntry> Conflicts)> ForSlotAsync(
        WriteScope scope, Instrument instrument, Interval interval, string? except = null) =>
        (await QualifiedAsync(scope, instrument, interval.End), await ConflictsAsync(scope, instrument, interval, except));

    /// <summary>Whether the caller holds a qualification covering the instrument until <paramref name="until"/>.</summary>
    private static async Task<bool> QualifiedAsync(WriteScope scope, Instrument instrument, DateTimeOffset until)
    {
        if (!instrument.Rules.QualificationRequired)
        {
            return true;
        }

        var person = scope.Caller.Subject;
        var organisation = scope.Caller.Organisation;
        var held = await scope.Session.Query<Qualification>()
            .Where(q => q.Person == person && q.PersonOrganisation == organisation && !q.Revoked)
            .ToListAsync(scope.CancellationToken);
        return held.Any(q => q.Covers(instrument, until));
    }

    /// <summary>Calendar entries the slot [start, end + buffer) would overlap, except the reservation itself.</summary>
    private Task<IReadOnlyList<CalendarEntry>> ConflictsAsync(WriteScope scope, Instrument instrument, Interval interval, string? except = null) =>
        calendar.OverlappingAsync(
            instrument.Id, new Interval(interval.Start, interval.End + instrument.Rules.Buffer), scope.CancellationToken,
            except is null ? [] : [except]);
}
