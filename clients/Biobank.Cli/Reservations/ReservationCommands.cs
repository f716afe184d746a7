using System.CommandLine;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Values;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Cli.Reservations;

/// <summary><c>reservations ...</c>: bookings once made, from the bench and from the manager's desk.</summary>
public static class ReservationCommands
{
    /// <summary>How long before its start a reservation can be checked in (the server's rule).</summary>
    private static readonly TimeSpan CheckInLead = TimeSpan.FromMinutes(15);

    private static Argument<string> Id() => CommandTree.Argument("reservation", "The reservation's id, as reservations list shows it");

    public static Command Build(CommandTree cli) => CommandTree.Group(
        "reservations", "Bookings: list, show, cancel, reschedule, check in and out, approve or reject, watch live.",
        List(cli), Show(cli), Cancel(cli), Reschedule(cli), CheckIn(cli), CheckOut(cli), Approve(cli), Reject(cli), Watch(cli));

    private static Command List(CommandTree cli)
    {
        var equipment = CommandTree.Optional("--equipment", "Only bookings of this instrument", "id", "--instrument");
        var bookedBy = CommandTree.Optional("--by", "Only bookings made by this person", "name");
        var organisation = CommandTree.Optional("--org", "Only bookings of this organisation", "id");
        var project = CommandTree.Optional("--project", "Only bookings for this project", "code");
        var from = CommandTree.Optional("--from", "Only bookings that end after this [default: now]", "time");
        var to = CommandTree.Optional("--to", "Only bookings that start before this [default: a year on]", "time");
        var states = new Option<string[]>("--state") { Description = $"Only bookings in this state; repeat for several ({string.Join(", ", Words.All<ReservationState>())}) [default: those that hold their slot]", HelpName = "word" };
        states.CompletionSources.Add(Words.All<ReservationState>().ToArray());
        var limit = Paging.LimitOption();
        return cli.Leaf(
            "list", "List your coming bookings; --equipment, --by, --org or --project list others'.",
            [equipment, bookedBy, organisation, project, from, to, states, limit], async run =>
            {
                var request = new ListReservationsRequest
                {
                    Equipment = run.Get(equipment) is { } e ? Names.Of(Names.Equipment, e) : "",
                    BookedBy = run.Get(bookedBy) ?? "",
                    Organisation = run.Get(organisation) is { } o ? Names.Of(Names.Organisations, o) : "",
                    Project = run.Get(project) ?? "",
                };
                if (request.Equipment.Length > 0)
                {
                    await run.InstrumentAsync(request.Equipment);
                }

                if (request is { Equipment: "", BookedBy: "", Organisation: "", Project: "" })
                {
                    request.BookedBy = (await run.MeAsync()).Subject;
                }

                var start = run.Get(from) is { } f ? run.Time(f) : run.Now;
                request.Window = new TimeInterval
                {
                    StartTime = Timestamp.FromDateTimeOffset(start),
                    EndTime = Timestamp.FromDateTimeOffset(run.Get(to) is { } t ? run.Time(t) : start.AddYears(1)),
                };
                request.States.Add(run.Get(states) is { Length: > 0 } given
                    ? given.Select(s => Words.Parse<ReservationState>(s, "a reservation state"))
                    : [ReservationState.PendingApproval, ReservationState.Confirmed, ReservationState.CheckedIn]);

                var reservations = await Paging.CollectAsync<Reservation>(run, run.Get(limit), async (token, size) =>
                {
                    request.PageToken = token;
                    request.PageSize = size;
                    var page = await run.Client.Reservations.ListReservationsAsync(request, run.Options);
                    return (page.Reservations, page.NextPageToken);
                });
                var zoneOf = await ReservationView.ZonesAsync(run, reservations);
                run.Show(reservations, screen =>
                {
                    screen.Table(ReservationView.List(reservations, zoneOf));
                    var zones = reservations.Select(zoneOf).Select(z => z.Id).Distinct().ToList();
                    if (zones.Count > 0)
                    {
                        screen.Note($"Times in each instrument's time zone ({string.Join(", ", zones)}).");
                    }
                });
            }, "ls");
    }

    private static Command Show(CommandTree cli)
    {
        var id = Id();
        return cli.Leaf("show", "Show a reservation.", [id], async run =>
        {
            var reservation = await GetAsync(run, run.Get(id));
            run.Show(reservation, screen => ReservationView.Details(screen, reservation, run.Zone));
        });
    }

    private static Command Cancel(CommandTree cli)
    {
        var id = Id();
        var reason = CommandTree.Required("--reason", "Why", "text");
        var following = CommandTree.Flag("--and-following", "Cancel the following occurrences of its series too");
        return cli.Leaf("cancel", "Cancel a booking (yours, or as a facility manager of the instrument's owner).", [id, reason, following], async run =>
        {
            var reservation = await GetAsync(run, run.Get(id));
            if (run.Get(following))
            {
                if (reservation.Series.Length == 0)
                {
                    throw new UsageException($"{Names.Id(reservation.Name)} belongs to no series: leave out --and-following.");
                }

                var response = await run.Change(new CancelReservationSeriesRequest
                {
                    Series = reservation.Series,
                    FromReservation = reservation.Name,
                    Reason = run.Get(reason),
                }, run.Client.Reservations.CancelReservationSeriesAsync);
                run.Show(response, screen =>
                {
                    screen.Done($"Cancelled {response.Cancelled.Count} occurrence(s) of series {Names.Id(reservation.Series)}.");
                    screen.Table(ReservationView.List(response.Cancelled, _ => run.Zone));
                });
                return;
            }

            var cancelled = await run.Change(
                new CancelReservationRequest { Name = reservation.Name, Reason = run.Get(reason), Etag = reservation.Etag },
                run.Client.Reservations.CancelReservationAsync);
            run.Show(cancelled, screen => screen.Done($"Cancelled {ReservationView.Summary(cancelled, run.Zone)}."));
        });
    }

    private static Command Reschedule(CommandTree cli)
    {
        var id = Id();
        var when = new IntervalOptions("New start, in the instrument's time zone");
        return cli.Leaf("reschedule", "Move a booking to another time, with the same checks as booking it.", [id, .. when.All], async run =>
        {
            var reservation = await GetAsync(run, run.Get(id));
            var moved = await run.Change(
                new RescheduleReservationRequest { Name = reservation.Name, Interval = when.Read(run), Etag = reservation.Etag },
                run.Client.Reservations.RescheduleReservationAsync);
            run.Show(moved, screen => screen.Done($"Rescheduled {ReservationView.Summary(moved, run.Zone)}."));
        });
    }

    private static Command CheckIn(CommandTree cli)
    {
        var id = CommandTree.OptionalArgument("reservation", "The reservation [default: your booking that can be checked in now]");
        var equipment = CommandTree.Optional("--equipment", "Your booking of this instrument", "id", "--instrument");
        return cli.Leaf("check-in", "Record that you started using the instrument (from 15 minutes before the start).", [id, equipment], async run =>
        {
            var reservation = run.Get(id) is { } given
                ? await GetAsync(run, given)
                : await MineAsync(run, run.Get(equipment), ReservationState.Confirmed, r =>
                    r.Interval.StartTime.ToDateTimeOffset() - CheckInLead <= run.Now && run.Now < r.Interval.EndTime.ToDateTimeOffset(), "check in to now");
            var checkedIn = await run.Change(
                new CheckInReservationRequest { Name = reservation.Name, Etag = reservation.Etag }, run.Client.Reservations.CheckInReservationAsync);
            run.Show(checkedIn, screen => screen.Done($"Checked in at {Times.Show(checkedIn.CheckInTime, run.Zone)}: {ReservationView.Summary(checkedIn, run.Zone)}."));
        }, "checkin");
    }

    private static Command CheckOut(CommandTree cli)
    {
        var id = CommandTree.OptionalArgument("reservation", "The reservation [default: your booking checked in now]");
        var equipment = CommandTree.Optional("--equipment", "Your booking of this instrument", "id", "--instrument");
        return cli.Leaf("check-out", "Record that you finished; checking out early frees the rest of the slot.", [id, equipment], async run =>
        {
            var reservation = run.Get(id) is { } given
                ? await GetAsync(run, given)
                : await MineAsync(run, run.Get(equipment), ReservationState.CheckedIn, _ => true, "check out of");
            var done = await run.Change(
                new CheckOutReservationRequest { Name = reservation.Name, Etag = reservation.Etag }, run.Client.Reservations.CheckOutReservationAsync);
            run.Show(done, screen => screen.Done($"Checked out at {Times.Show(done.CheckOutTime, run.Zone)}: {ReservationView.Summary(done, run.Zone)}."));
        }, "checkout");
    }

    private static Command Approve(CommandTree cli)
    {
        var id = Id();
        return cli.Leaf("approve", "Confirm a booking awaiting approval (facility managers of the instrument's owner).", [id], async run =>
        {
            var reservation = await GetAsync(run, run.Get(id));
            var approved = await run.Change(
                new ApproveReservationRequest { Name = reservation.Name, Etag = reservation.Etag }, run.Client.Reservations.ApproveReservationAsync);
            run.Show(approved, screen => screen.Done($"Approved {ReservationView.Summary(approved, run.Zone)}, booked by {approved.BookedBy} ({Names.Id(approved.Organisation)})."));
        });
    }

    private static Command Reject(CommandTree cli)
    {
        var id = Id();
        var reason = CommandTree.Required("--reason", "Why", "text");
        return cli.Leaf("reject", "Refuse a booking awaiting approval, freeing its slot (facility managers of the instrument's owner).", [id, reason], async run =>
        {
            var reservation = await GetAsync(run, run.Get(id));
            var rejected = await run.Change(
                new RejectReservationRequest { Name = reservation.Name, Reason = run.Get(reason), Etag = reservation.Etag },
                run.Client.Reservations.RejectReservationAsync);
            run.Show(rejected, screen => screen.Done($"Rejected {ReservationView.Summary(rejected, run.Zone)}."));
        });
    }

    private static Command Watch(CommandTree cli)
    {
        var equipment = CommandTree.Optional("--equipment", "Changes of this instrument's bookings", "id", "--instrument");
        var organisation = CommandTree.Optional("--org", "Changes of this organisation's bookings and instruments [default: yours]", "id");
        var resumeAfter = ChangeFeed.ResumeAfterOption();
        var count = ChangeFeed.CountOption();
        return cli.Leaf("watch", "Follow changes of bookings live (Ctrl-C stops); --json prints one JSON line per change.", [equipment, organisation, resumeAfter, count], async run =>
        {
            var request = new WatchReservationsRequest { ResumeAfter = run.Get(resumeAfter) ?? "" };
            if (run.Get(equipment) is { } e)
            {
                request.Equipment = (await run.InstrumentAsync(e)).Name;
            }
            else
            {
                request.Organisation = run.Get(organisation) is { } o ? Names.Of(Names.Organisations, o) : (await run.MeAsync()).Organisation;
            }

            run.Remark($"Watching bookings of {Names.Id(request.Equipment.Length > 0 ? request.Equipment : request.Organisation)}; Ctrl-C stops.");
            await ChangeFeed.FollowAsync(run, run.Get(count), () => run.Client.Reservations.WatchReservations(request, run.Options), async change =>
            {
                request.ResumeAfter = change.Position;
                var zone = run.ZoneOf((await run.EquipmentAsync(change.Reservation.Equipment)).TimeZone);
                run.ShowLine(change, screen => screen.Line(
                    $"{Times.Show(change.ChangeTime, zone)}  {change.Change,-24}  {ReservationView.Summary(change.Reservation, zone)}" +
                    (change.Reservation.BookedBy.Length > 0 ? $", {change.Reservation.BookedBy}" : "")));
            });
        });
    }

    private static async Task<Reservation> GetAsync(Invocation run, string id)
    {
        var reservation = await run.Client.Reservations.GetReservationAsync(
            new GetReservationRequest { Name = Names.Of(Names.Reservations, id) }, run.Options);
        await run.InstrumentAsync(reservation.Equipment);
        return reservation;
    }

    /// <summary>The caller's one booking in <paramref name="state"/> that <paramref name="fits"/>, when no id is given.</summary>
    private static async Task<Reservation> MineAsync(Invocation run, string? equipment, ReservationState state, Func<Reservation, bool> fits, string doing)
    {
        var me = await run.MeAsync();
        var request = new ListReservationsRequest
        {
            BookedBy = me.Subject,
            Equipment = equipment is null ? "" : Names.Of(Names.Equipment, equipment),
            States = { state },
            Window = new TimeInterval { StartTime = Timestamp.FromDateTimeOffset(run.Now.AddDays(-2)), EndTime = Timestamp.FromDateTimeOffset(run.Now + CheckInLead + TimeSpan.FromMinutes(1)) },
            PageSize = 100,
        };
        var candidates = (await run.Client.Reservations.ListReservationsAsync(request, run.Options)).Reservations.Where(fits).ToList();
        if (candidates.Count != 1)
        {
            throw new UsageException(
                candidates.Count == 0 ? $"You have no booking to {doing}." : $"You have {candidates.Count} bookings to {doing}: name one.",
                [.. candidates.Select(c => $"  {Names.Id(c.Name)}  {Names.Id(c.Equipment)}"), "See them with: biobank reservations list"]);
        }

        await run.InstrumentAsync(candidates[0].Equipment);
        return candidates[0];
    }
}
