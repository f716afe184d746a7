using System.CommandLine;
using System.Globalization;
using System.Text;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Values;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;

namespace Biobank.Cli.Reservations;

/// <summary>
/// <c>equipment availability</c>: an instrument's day or week drawn as half-hour cells in its site's
/// time, then the free and busy intervals in full.
/// </summary>
public static class AvailabilityChart
{
    private static readonly TimeSpan Cell = TimeSpan.FromMinutes(30);

    public static Command Command(CommandTree cli)
    {
        var instrument = CommandTree.Argument("instrument", "The instrument's id");
        var day = CommandTree.Optional("--day", "The day to show: today, tomorrow, monday, 2027-03-02 [default: today]", "day");
        var week = CommandTree.Flag("--week", "Show seven days from --day");
        return cli.Leaf("availability", "Draw when an instrument is free and busy, for a day or a week.", [instrument, day, week], async run =>
        {
            var equipment = await run.InstrumentAsync(run.Get(instrument));
            var first = Times.ParseDay(run.Get(day) ?? "today", run.Zone, run.Now);
            var days = run.Get(week) ? 7 : 1;
            var window = new TimeInterval
            {
                StartTime = Timestamp.FromDateTimeOffset(Times.FromLocal(first.ToDateTime(TimeOnly.MinValue), run.Zone)),
                EndTime = Timestamp.FromDateTimeOffset(Times.FromLocal(first.AddDays(days).ToDateTime(TimeOnly.MinValue), run.Zone)),
            };
            var availability = await run.Client.Reservations.GetAvailabilityAsync(
                new GetAvailabilityRequest { Equipment = equipment.Name, Window = window }, run.Options);
            run.Show(availability, screen => Draw(screen, equipment, availability, first, days, run.Zone));
        });
    }

    public static void Draw(Screen screen, V1.Equipment equipment, Availability availability, DateOnly first, int days, TimeZoneInfo zone)
    {
        screen.Line($"{equipment.DisplayName} ({Names.Id(equipment.Name)}), times in {equipment.TimeZone}", Tone.Strong);
        const string label = "           ";
        screen.Line(label + string.Concat(Enumerable.Range(0, 8).Select(h => $"{h * 3:00}".PadRight(6))) + "24", Tone.Muted);
        for (var d = 0; d < days; d++)
        {
            var date = first.AddDays(d);
            var row = new StringBuilder();
            for (var cell = 0; cell < 48; cell++)
            {
                var from = Times.FromLocal(date.ToDateTime(TimeOnly.MinValue).Add(Cell * cell), zone);
                var to = Times.FromLocal(date.ToDateTime(TimeOnly.MinValue).Add(Cell * (cell + 1)), zone);
                var (glyph, tone) = Glyph(availability, from, to);
                row.Append(screen.Paint(glyph.ToString(), tone));
            }

            screen.Line($"{date.ToString("ddd MM-dd", CultureInfo.InvariantCulture)}  {row}");
        }

        screen.Note($"{label}· free  █ booked  ▒ buffer  ▓ maintenance  × out of service   (one cell: 30 min)");
        screen.Line();
        var table = new Table("free or busy", "when", "what");
        var rows = availability.Free.Select(free => (Start: free.StartTime, Cells: new Cell[] { new("free", Tone.Good), Times.ShowInterval(free, zone), "" }))
            .Concat(availability.Busy.Select(busy => (Start: busy.Interval.StartTime, Cells: new Cell[]
            {
                new("busy", Tone.Bad), Times.ShowInterval(busy.Interval, zone),
                string.Join(' ', new[] { Words.Of(busy.Kind), busy.Organisation.Length > 0 ? $"by {Names.Id(busy.Organisation)}" : "", Names.Id(busy.Reservation) }.Where(s => s.Length > 0)),
            })));
        foreach (var row in rows.OrderBy(r => r.Start))
        {
            table.Row(row.Cells);
        }

        screen.Table(table);
    }

    /// <summary>What a half-hour cell shows: the weightiest thing that blocks any of it, or free when all of it is.</summary>
    private static (char Glyph, Tone Tone) Glyph(Availability availability, DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return (' ', Tone.Plain);
        }

        var busy = availability.Busy
            .Where(b => b.Interval.StartTime.ToDateTimeOffset() < to && b.Interval.EndTime.ToDateTimeOffset() > from)
            .Select(b => b.Kind)
            .OrderBy(k => k switch { BusyKind.OutOfService => 0, BusyKind.Maintenance => 1, BusyKind.Reservation => 2, _ => 3 })
            .ToList();
        if (busy.Count > 0)
        {
            return busy[0] switch
            {
                BusyKind.OutOfService => ('×', Tone.Bad),
                BusyKind.Maintenance => ('▓', Tone.Warning),
                BusyKind.Reservation => ('█', Tone.Bad),
                _ => ('▒', Tone.Warning),
            };
        }

        return availability.Free.Any(f => f.StartTime.ToDateTimeOffset() <= from && f.EndTime.ToDateTimeOffset() >= to)
            ? ('·', Tone.Good)
            : (' ', Tone.Plain);
    }
}
