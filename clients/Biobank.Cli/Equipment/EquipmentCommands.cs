using System.CommandLine;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Reservations;
using Biobank.Cli.Values;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;

namespace Biobank.Cli.Equipment;

/// <summary><c>equipment ...</c>: the catalogue of shared instruments, and what facility managers do with it.</summary>
public static class EquipmentCommands
{
    private static Argument<string> Instrument() => CommandTree.Argument("instrument", "The instrument's id, e.g. anses-ma-lsm980");

    public static Command Build(CommandTree cli) => CommandTree.Group(
        "equipment", "Shared instruments: find one, see when it is free, and (facility managers) register, set rules, maintenance, status, qualifications.",
        List(cli), Show(cli), AvailabilityChart.Command(cli), Register(cli), Rules(cli), Maintenance(cli), Status(cli),
        Qualify(cli), Qualifications(cli), RevokeQualification(cli));

    private static Command List(CommandTree cli)
    {
        var organisation = CommandTree.Optional("--org", "Only instruments of this organisation", "id");
        var site = CommandTree.Optional("--site", "Only instruments at this site", "id");
        var kind = CommandTree.Word<EquipmentKind>("--kind", "Only instruments of this kind");
        var status = CommandTree.Word<EquipmentStatus>("--status", "Only instruments in this status");
        var text = CommandTree.Optional("--text", "Only instruments whose name contains this", "text");
        var limit = Paging.LimitOption();
        return cli.Leaf("list", "List instruments.", [organisation, site, kind, status, text, limit], async run =>
        {
            var request = new ListEquipmentRequest
            {
                Organisation = run.Get(organisation) is { } o ? Names.Of(Names.Organisations, o) : "",
                Site = run.Get(site) is { } s ? Names.Of(Names.Sites, s) : "",
                Kind = run.Get(kind) ?? EquipmentKind.Unspecified,
                Status = run.Get(status) ?? EquipmentStatus.Unspecified,
                Text = run.Get(text) ?? "",
            };
            var instruments = await Paging.CollectAsync<V1.Equipment>(run, run.Get(limit), async (token, size) =>
            {
                request.PageToken = token;
                request.PageSize = size;
                var page = await run.Client.Equipment.ListEquipmentAsync(request, run.Options);
                return (page.Equipment, page.NextPageToken);
            });
            run.Show(instruments, screen => screen.Table(EquipmentView.List(instruments)));
        }, "ls");
    }

    private static Command Show(CommandTree cli)
    {
        var instrument = Instrument();
        return cli.Leaf("show", "Show an instrument: site, status, booking rules, maintenance.", [instrument], async run =>
        {
            var equipment = await run.InstrumentAsync(run.Get(instrument));
            run.Show(equipment, screen => EquipmentView.Details(screen, equipment, run.Zone));
        });
    }

    private static Command Register(CommandTree cli)
    {
        var name = CommandTree.Required("--name", "What people call it, e.g. \"Zeiss LSM 980 confocal (room B214)\"", "text");
        var kind = CommandTree.Word<EquipmentKind>("--kind", "Kind of instrument", required: true);
        var site = CommandTree.Required("--site", "Site of your organisation it stands at, e.g. anses-maisons-alfort", "id");
        var id = CommandTree.Optional("--id", "Id to give it (lower-case letters, digits, hyphens) [default: a UUID]", "id");
        var rules = new RuleOptions();
        return cli.Leaf("register", "Register an instrument of your organisation (facility managers).", [name, kind, site, id, .. rules.All], async run =>
        {
            var equipment = await run.Change(new RegisterEquipmentRequest
            {
                EquipmentId = run.Get(id) ?? "",
                Equipment = new V1.Equipment
                {
                    DisplayName = run.Get(name),
                    Kind = run.Get(kind)!.Value,
                    Site = Names.Of(Names.Sites, run.Get(site)),
                    BookingRules = rules.Apply(run, null),
                },
            }, run.Client.Equipment.RegisterEquipmentAsync);
            run.Show(equipment, screen => screen.Done($"Registered {Names.Id(equipment.Name)}: {equipment.DisplayName} at {Names.Id(equipment.Site)}."));
        });
    }

    private static Command Rules(CommandTree cli)
    {
        var instrument = Instrument();
        var rules = new RuleOptions();
        return cli.Leaf(
            "rules", "Show an instrument's booking rules, or change the ones given (facility managers of the owner); the others stay as they are.",
            [instrument, .. rules.All], async run =>
            {
                var equipment = await run.InstrumentAsync(run.Get(instrument));
                if (rules.AnyGiven(run))
                {
                    // Applied only to the version read, so a manager's change made meanwhile is never overwritten unseen.
                    equipment = await run.Change(new UpdateBookingRulesRequest
                    {
                        Name = equipment.Name,
                        BookingRules = rules.Apply(run, equipment.BookingRules),
                        Etag = equipment.Etag,
                    }, run.Client.Equipment.UpdateBookingRulesAsync);
                    run.Show(equipment.BookingRules ?? new BookingRules(), screen =>
                    {
                        screen.Done($"Booking rules of {Names.Id(equipment.Name)} changed; they apply to bookings made from now on.");
                        EquipmentView.Rules(screen, equipment.BookingRules);
                    });
                    return;
                }

                run.Show(equipment.BookingRules ?? new BookingRules(), screen => EquipmentView.Rules(screen, equipment.BookingRules));
            });
    }

    private static Command Maintenance(CommandTree cli)
    {
        var instrument = Instrument();
        var list = cli.Leaf("list", "List an instrument's maintenance windows.", [instrument], async run =>
        {
            var equipment = await run.InstrumentAsync(run.Get(instrument));
            run.Show(equipment.MaintenanceWindows, screen => screen.Table(EquipmentView.Maintenance(equipment, run.Zone)));
        }, "ls");

        var scheduled = Instrument();
        var when = new IntervalOptions("Start of the maintenance");
        var reason = CommandTree.Required("--reason", "Why, e.g. \"laser alignment by the Zeiss engineer\"", "text");
        var cancelBookings = CommandTree.Flag("--cancel-bookings", "Cancel the bookings it overlaps (not those checked in)");
        var schedule = cli.Leaf("schedule", "Block an interval for maintenance (facility managers of the owner).", [scheduled, .. when.All, reason, cancelBookings], async run =>
        {
            var equipment = await run.InstrumentAsync(run.Get(scheduled));
            var response = await run.Change(new ScheduleMaintenanceRequest
            {
                Name = equipment.Name,
                Interval = when.Read(run),
                Reason = run.Get(reason),
                CancelOverlappingReservations = run.Get(cancelBookings),
            }, run.Client.Equipment.ScheduleMaintenanceAsync);
            run.Show(response, screen =>
            {
                screen.Done($"Maintenance {response.Maintenance.MaintenanceId} of {Names.Id(equipment.Name)} scheduled {Times.ShowInterval(response.Maintenance.Interval, run.Zone)} ({equipment.TimeZone}).");
                if (response.OverlappingReservations.Count > 0)
                {
                    screen.Line($"It overlaps {response.OverlappingReservations.Count} booking(s){(response.OverlappingReservationsCancelled ? ", cancelled" : ", still standing (--cancel-bookings cancels them)")}:", Tone.Warning);
                    foreach (var reservation in response.OverlappingReservations)
                    {
                        screen.Line($"  {Names.Id(reservation)}");
                    }
                }
            });
        });

        var cancelled = Instrument();
        var window = CommandTree.Argument("maintenance", "The window's id, as maintenance list shows it");
        var cancelReason = CommandTree.Required("--reason", "Why", "text");
        var cancel = cli.Leaf("cancel", "Free a maintenance window again (facility managers of the owner).", [cancelled, window, cancelReason], async run =>
        {
            var equipment = await run.InstrumentAsync(run.Get(cancelled));
            equipment = await run.Change(new CancelMaintenanceRequest
            {
                Name = equipment.Name,
                MaintenanceId = run.Get(window),
                Reason = run.Get(cancelReason),
            }, run.Client.Equipment.CancelMaintenanceAsync);
            run.Show(equipment, screen => screen.Done($"Maintenance {run.Get(window)} of {Names.Id(equipment.Name)} cancelled."));
        });

        return CommandTree.Group("maintenance", "Maintenance windows: list, schedule, cancel.", list, schedule, cancel);
    }

    private static Command Status(CommandTree cli)
    {
        var instrument = Instrument();
        var status = new Argument<string?>("status")
        {
            Description = "in-service, out-of-service or retired; omit to show the status",
            Arity = ArgumentArity.ZeroOrOne,
        };
        status.CompletionSources.Add("in-service", "out-of-service", "retired");
        var reason = CommandTree.Optional("--reason", "Why (required to change the status)", "text");
        return cli.Leaf("status", "Show an instrument's status, or put it in or out of service, or retire it (facility managers of the owner).", [instrument, status, reason], async run =>
        {
            var equipment = await run.InstrumentAsync(run.Get(instrument));
            if (run.Get(status) is not { } wanted)
            {
                run.Show(equipment, screen => screen.Fields(("status", EquipmentView.Status(equipment.Status)), ("reason", equipment.StatusReason)));
                return;
            }

            var target = Words.Parse<EquipmentStatus>(wanted, "a status");
            var why = run.Get(reason) ?? throw new UsageException("Changing the status needs --reason.", $"e.g. biobank equipment status {Names.Id(equipment.Name)} {Words.Of(target)} --reason \"laser fault\"");
            equipment = target == EquipmentStatus.Retired
                ? await run.Change(new RetireEquipmentRequest { Name = equipment.Name, Reason = why, Etag = equipment.Etag }, run.Client.Equipment.RetireEquipmentAsync)
                : await run.Change(new SetEquipmentStatusRequest { Name = equipment.Name, Status = target, Reason = why, Etag = equipment.Etag }, run.Client.Equipment.SetEquipmentStatusAsync);
            run.Show(equipment, screen => screen.Done($"{Names.Id(equipment.Name)} is {Words.Of(equipment.Status)}."));
        });
    }

    private static Command Qualify(CommandTree cli)
    {
        var instrument = CommandTree.OptionalArgument("instrument", "The instrument the person may use (or give --kind)");
        var kind = CommandTree.Word<EquipmentKind>("--kind", "Every instrument of this kind your organisation owns, instead of one");
        var person = CommandTree.Required("--person", "Who: their user name (the token's subject)", "name");
        var personOrganisation = CommandTree.Required("--person-org", "Their organisation, e.g. inserm", "id");
        var until = CommandTree.Optional("--until", "When it lapses [default: never]", "time");
        return cli.Leaf("qualify", "Qualify a person to use an instrument, or every instrument of a kind (facility managers).", [instrument, kind, person, personOrganisation, until], async run =>
        {
            var qualification = new Qualification
            {
                Person = run.Get(person),
                PersonOrganisation = Names.Of(Names.Organisations, run.Get(personOrganisation)),
            };
            if (run.Get(instrument) is { } one)
            {
                qualification.Equipment = (await run.InstrumentAsync(one)).Name;
            }
            else
            {
                qualification.EquipmentKind = run.Get(kind) ?? throw new UsageException("Name the instrument, or give --kind.");
            }

            if (run.Get(until) is { } lapse)
            {
                qualification.ExpireTime = Timestamp.FromDateTimeOffset(run.Time(lapse));
            }

            var granted = await run.Change(new GrantQualificationRequest { Qualification = qualification }, run.Client.Equipment.GrantQualificationAsync);
            run.Show(granted, screen => screen.Done(
                $"{granted.Person} ({Names.Id(granted.PersonOrganisation)}) may use {(granted.Equipment.Length > 0 ? Names.Id(granted.Equipment) : $"every {Words.Of(granted.EquipmentKind)} of {Names.Id(granted.GrantingOrganisation)}")}" +
                (granted.ExpireTime is null ? "" : $" until {Times.Show(granted.ExpireTime, run.Zone)}") + $" ({Names.Id(granted.Name)})."));
        });
    }

    private static Command Qualifications(CommandTree cli)
    {
        var person = CommandTree.Optional("--person", "Only this person's", "name");
        var organisation = CommandTree.Optional("--org", "Only those granted by this organisation", "id");
        var all = CommandTree.Flag("--all", "Include revoked and expired ones");
        var limit = Paging.LimitOption();
        return cli.Leaf("qualifications", "List who is qualified for what.", [person, organisation, all, limit], async run =>
        {
            var request = new ListQualificationsRequest
            {
                Person = run.Get(person) ?? "",
                GrantingOrganisation = run.Get(organisation) is { } o ? Names.Of(Names.Organisations, o) : "",
                IncludeInactive = run.Get(all),
            };
            var qualifications = await Paging.CollectAsync<Qualification>(run, run.Get(limit), async (token, size) =>
            {
                request.PageToken = token;
                request.PageSize = size;
                var page = await run.Client.Equipment.ListQualificationsAsync(request, run.Options);
                return (page.Qualifications, page.NextPageToken);
            });
            run.Show(qualifications, screen =>
            {
                var table = new Table("qualification", "person", "of", "for", "granted by", "until", "state");
                foreach (var q in qualifications)
                {
                    table.Row(
                        Names.Id(q.Name), q.Person, Names.Id(q.PersonOrganisation),
                        q.Equipment.Length > 0 ? Names.Id(q.Equipment) : $"any {Words.Of(q.EquipmentKind)}",
                        Names.Id(q.GrantingOrganisation), Times.Show(q.ExpireTime, run.Zone),
                        q.Revoked ? new Cell("revoked", Tone.Bad) : new Cell("active", Tone.Good));
                }

                screen.Table(table);
            });
        });
    }

    private static Command RevokeQualification(CommandTree cli)
    {
        var qualification = CommandTree.Argument("qualification", "The qualification's id, as qualifications lists it");
        var reason = CommandTree.Required("--reason", "Why", "text");
        return cli.Leaf("revoke-qualification", "Withdraw a qualification (facility managers of the granting organisation).", [qualification, reason], async run =>
        {
            var revoked = await run.Change(new RevokeQualificationRequest
            {
                Name = Names.Of(Names.Qualifications, run.Get(qualification)),
                Reason = run.Get(reason),
            }, run.Client.Equipment.RevokeQualificationAsync);
            run.Show(revoked, screen => screen.Done($"Qualification {Names.Id(revoked.Name)} of {revoked.Person} revoked."));
        });
    }
}
