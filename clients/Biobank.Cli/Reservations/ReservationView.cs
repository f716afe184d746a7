using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Values;
using Biobank.V1;

namespace Biobank.Cli.Reservations;

/// <summary>How reservations read on the screen, each in its instrument's time zone.</summary>
public static class ReservationView
{
    /// <summary>The zone of each reservation's instrument, read once per instrument.</summary>
    public static async Task<Func<Reservation, TimeZoneInfo>> ZonesAsync(Invocation run, IEnumerable<Reservation> reservations)
    {
        var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.Ordinal);
        foreach (var equipment in reservations.Select(r => r.Equipment).Distinct())
        {
            zones[equipment] = run.ZoneOf((await run.EquipmentAsync(equipment)).TimeZone);
        }

        return r => zones.GetValueOrDefault(r.Equipment, run.Zone);
    }

    public static Table List(IEnumerable<Reservation> reservations, Func<Reservation, TimeZoneInfo> zoneOf)
    {
        var table = new Table("reservation", "instrument", "when", "state", "booked by", "project");
        foreach (var r in reservations)
        {
            table.Row(
                Names.Id(r.Name), Names.Id(r.Equipment), Times.ShowInterval(r.Interval, zoneOf(r)), State(r.State),
                r.BookedBy.Length > 0 ? $"{r.BookedBy} ({Names.Id(r.Organisation)})" : Names.Id(r.Organisation), r.Project);
        }

        return table;
    }

    public static Cell State(ReservationState state) => new(Words.Of(state), state switch
    {
        ReservationState.Confirmed or ReservationState.CheckedIn or ReservationState.Completed => Tone.Good,
        ReservationState.PendingApproval => Tone.Warning,
        _ => Tone.Muted,
    });

    public static void Details(Screen screen, Reservation r, TimeZoneInfo zone) => screen.Fields(
        ("reservation", new Cell(Names.Id(r.Name), Tone.Strong)),
        ("instrument", Names.Id(r.Equipment)),
        ("when", $"{Times.ShowInterval(r.Interval, zone)} ({zone.Id})"),
        ("state", State(r.State)),
        ("state reason", r.StateReason),
        ("booked by", r.BookedBy),
        ("organisation", Names.Id(r.Organisation)),
        ("purpose", r.Purpose),
        ("project", r.Project),
        ("checked in", Times.Show(r.CheckInTime, zone)),
        ("checked out", Times.Show(r.CheckOutTime, zone)),
        ("series", Names.Id(r.Series)));

    /// <summary>One line saying what became of a reservation.</summary>
    public static string Summary(Reservation r, TimeZoneInfo zone) =>
        $"{Names.Id(r.Name)}: {Names.Id(r.Equipment)} {Times.ShowInterval(r.Interval, zone)} ({zone.Id}), {Words.Of(r.State)}";
}
