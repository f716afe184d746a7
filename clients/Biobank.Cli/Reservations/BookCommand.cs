using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Values;
using Biobank.Client;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Cli.Reservations;

/// <summary>
/// <c>book</c>: reserve an instrument, once or as a daily or weekly series. A taken slot is answered
/// with the nearest free ones.
/// </summary>
public static partial class BookCommand
{
    private const int Suggestions = 3;

    public static Command Build(CommandTree cli)
    {
        var instrument = CommandTree.Argument("instrument", "The instrument's id, e.g. anses-ma-lsm980");
        var when = new IntervalOptions("When it starts, in the instrument's time zone");
        var purpose = CommandTree.Required("--purpose", "What the instrument is used for", "text");
        var project = CommandTree.Optional("--project", "Project code the use is charged to", "code");
        var every = CommandTree.Optional("--every", "Repeat: day, week, \"2 weeks\", \"3 days\"", "period");
        var count = new Option<int?>("--count") { Description = "How many occurrences, the first included (with --every)", HelpName = "n" };
        var until = CommandTree.Optional("--until", "Last moment an occurrence may start (with --every, instead of --count)", "time");
        var skip = CommandTree.Flag("--skip-conflicts", "Book the occurrences that are free and list the others [default: all or nothing]");
        return cli.Leaf(
            "book", "Book an instrument: biobank book anses-ma-lsm980 --start \"tomorrow 14:00\" --for 2h --purpose \"...\" [--every week --count 6]",
            [instrument, .. when.All, purpose, project, every, count, until, skip], async run =>
            {
                var equipment = await run.InstrumentAsync(run.Get(instrument));
                var reservation = new Reservation
                {
                    Equipment = equipment.Name,
                    Interval = when.Read(run),
                    Purpose = run.Get(purpose),
                    Project = run.Get(project) ?? "",
                };
                try
                {
                    if (run.Get(every) is { } period)
                    {
                        await BookSeriesAsync(run, reservation, Recurrence(run, period, run.Get(count), run.Get(until)), run.Get(skip));
                        return;
                    }

                    var booked = await run.Change(new CreateReservationRequest { Reservation = reservation }, run.Client.Reservations.CreateReservationAsync);
                    run.Show(booked, screen =>
                    {
                        screen.Done($"Booked {ReservationView.Summary(booked, run.Zone)}.");
                        if (booked.State == ReservationState.PendingApproval)
                        {
                            screen.Line($"It holds the slot until a facility manager of {Names.Id(equipment.OwnerOrganisation)} approves or rejects it.", Tone.Warning);
                        }
                    });
                }
                catch (RpcException e) when (e.Reason() == "SLOT_UNAVAILABLE" && !run.Get(skip))
                {
                    throw await SlotTakenAsync(run, e, equipment, reservation);
                }
            });
    }

    private static async Task BookSeriesAsync(Invocation run, Reservation first, Recurrence recurrence, bool skipConflicts)
    {
        var response = await run.Change(new CreateReservationSeriesRequest
        {
            FirstOccurrence = first,
            Recurrence = recurrence,
            ConflictMode = skipConflicts ? SeriesConflictMode.SkipConflicts : SeriesConflictMode.AllOrNothing,
        }, run.Client.Reservations.CreateReservationSeriesAsync);
        run.Show(response, screen =>
        {
            screen.Done($"Booked series {Names.Id(response.Series)}: {response.Reservations.Count} occurrence(s), times in {run.Zone.Id}.");
            screen.Table(ReservationView.List(response.Reservations, _ => run.Zone));
            if (response.Skipped.Count > 0)
            {
                screen.Line($"Not booked ({response.Skipped.Count}):", Tone.Warning);
                var table = new Table("when", "why");
                foreach (var skipped in response.Skipped)
                {
                    table.Row(Times.ShowInterval(skipped.Interval, run.Zone), skipped.Description);
                }

                screen.Table(table);
            }
        });
    }

    private static Recurrence Recurrence(Invocation run, string period, int? count, string? until)
    {
        var match = Period().Match(period.Trim().ToLowerInvariant());
        if (!match.Success)
        {
            throw new UsageException($"'{period}' is not a period to repeat.", "Use --every day, --every week, --every \"2 weeks\".");
        }

        var recurrence = new Recurrence
        {
            Frequency = match.Groups["unit"].Value.StartsWith('d') ? RecurrenceFrequency.Daily : RecurrenceFrequency.Weekly,
            Interval = match.Groups["n"].Success ? int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) : 1,
        };
        switch (count, until)
        {
            case ({ } n, null):
                recurrence.Count = n;
                break;
            case (null, { } last):
                recurrence.UntilTime = Timestamp.FromDateTimeOffset(run.Time(last));
                break;
            default:
                throw new UsageException("A series needs --count or --until (one of the two).", "e.g. --every week --count 6");
        }

        return recurrence;
    }

    /// <summary>The refusal, with the free slots of the same length nearest to the one asked for.</summary>
    private static async Task<CommandException> SlotTakenAsync(Invocation run, RpcException refusal, V1.Equipment equipment, Reservation wanted)
    {
        var report = ErrorReport.From(refusal, run);
        var start = wanted.Interval.StartTime.ToDateTimeOffset();
        var length = wanted.Interval.EndTime.ToDateTimeOffset() - start;
        var slots = await NearestFreeAsync(run, equipment, start, length);
        if (slots.Count == 0)
        {
            return report;
        }

        return new CommandException(report.ExitCode, report.Message,
        [
            $"Nearest free slots of {Durations.Show(length)} ({run.Zone.Id}):",
            .. slots.Select(s => $"  {Times.ShowInterval(s, s + length, run.Zone)}"),
            $"Book one with --start \"{Times.Show(slots[0], run.Zone)}\".",
        ]);
    }

    /// <summary>
    /// Starts of free slots long enough for the booking and the buffer after it, from now on, in the
    /// week around the one asked for, nearest first.
    /// </summary>
    public static async Task<IReadOnlyList<DateTimeOffset>> NearestFreeAsync(Invocation run, V1.Equipment equipment, DateTimeOffset wanted, TimeSpan length)
    {
        var rules = equipment.BookingRules ?? new BookingRules();
        var earliest = Ceiling(run.Now + (rules.MinimumNotice?.ToTimeSpan() ?? TimeSpan.Zero));
        var from = wanted.AddDays(-1) > earliest ? wanted.AddDays(-1) : earliest;
        var window = new TimeInterval { StartTime = Timestamp.FromDateTimeOffset(from), EndTime = Timestamp.FromDateTimeOffset(wanted.AddDays(7)) };
        if (window.EndTime.ToDateTimeOffset() <= from)
        {
            return [];
        }

        var availability = await run.Client.Reservations.GetAvailabilityAsync(new GetAvailabilityRequest { Equipment = equipment.Name, Window = window }, run.Options);
        var needed = length + (rules.Buffer?.ToTimeSpan() ?? TimeSpan.Zero);
        return availability.Free
            .Select(f => (Start: Ceiling(f.StartTime.ToDateTimeOffset()), End: f.EndTime.ToDateTimeOffset()))
            .Where(f => f.End - f.Start >= needed)
            .Select(f => wanted < f.Start ? f.Start : wanted > f.End - needed ? Floor(f.End - needed) : wanted)
            .Where(s => s >= earliest)
            .OrderBy(s => (s - wanted).Duration())
            .Take(Suggestions)
            .ToList();
    }

    // Suggestions fall on the quarter hour, as people book.
    private static DateTimeOffset Ceiling(DateTimeOffset t) => Floor(t.AddMinutes(15).AddTicks(-1));

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.FromMinutes(15).Ticks), t.Offset);

    [GeneratedRegex(@"^(?:(?<n>\d+)\s*)?(?<unit>days?|weeks?|daily|weekly)$")]
    private static partial Regex Period();
}
