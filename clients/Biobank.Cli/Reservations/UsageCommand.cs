using System.CommandLine;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Values;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;

namespace Biobank.Cli.Reservations;

/// <summary><c>usage</c>: hours booked and used per instrument, organisation and project.</summary>
public static class UsageCommand
{
    public static Command Build(CommandTree cli)
    {
        var from = CommandTree.Optional("--from", "Start of the period [default: the first of this month]", "day");
        var to = CommandTree.Optional("--to", "End of the period, exclusive [default: a month after --from]", "day");
        var organisation = CommandTree.Optional("--org", "Only instruments of this organisation", "id");
        return cli.Leaf("usage", "Report hours booked and used in a period (facility managers, auditors).", [from, to, organisation], async run =>
        {
            var today = DateOnly.FromDateTime(Times.ToZone(run.Now, run.Zone).DateTime);
            var start = run.Get(from) is { } f ? Times.ParseDay(f, run.Zone, run.Now) : new DateOnly(today.Year, today.Month, 1);
            var end = run.Get(to) is { } t ? Times.ParseDay(t, run.Zone, run.Now) : start.AddMonths(1);
            var report = await run.Client.Reservations.GetUsageReportAsync(new GetUsageReportRequest
            {
                Period = new TimeInterval
                {
                    StartTime = Timestamp.FromDateTimeOffset(Times.FromLocal(start.ToDateTime(TimeOnly.MinValue), run.Zone)),
                    EndTime = Timestamp.FromDateTimeOffset(Times.FromLocal(end.ToDateTime(TimeOnly.MinValue), run.Zone)),
                },
                OwnerOrganisation = run.Get(organisation) is { } o ? Names.Of(Names.Organisations, o) : "",
            }, run.Options);
            run.Show(report, screen =>
            {
                screen.Line($"Usage from {start:yyyy-MM-dd} to {end:yyyy-MM-dd} ({run.Zone.Id})", Tone.Strong);
                var table = new Table("instrument", "organisation", "project", "booked", "used", "bookings", "no-shows");
                foreach (var row in report.Rows)
                {
                    table.Row(
                        Names.Id(row.Equipment), Names.Id(row.Organisation), row.Project, Durations.Show(row.Booked), Durations.Show(row.Used),
                        $"{row.Reservations}", new Cell($"{row.NoShows}", row.NoShows > 0 ? Tone.Warning : Tone.Plain));
                }

                screen.Table(table);
            });
        });
    }
}
