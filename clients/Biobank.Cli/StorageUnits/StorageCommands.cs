using System.CommandLine;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Samples;
using Biobank.Cli.Values;
using Biobank.V1;

namespace Biobank.Cli.StorageUnits;

/// <summary><c>storage ...</c>: freezers, racks and boxes, and room in them.</summary>
public static class StorageCommands
{
    public static Command Build(CommandTree cli) => CommandTree.Group(
        "storage", "Freezers, dewars, racks and boxes: list, show (a box drawn as its grid), free positions, create.",
        List(cli), Show(cli), Free(cli), Create(cli));

    private static Command List(CommandTree cli)
    {
        var site = CommandTree.Optional("--site", "Only units at this site", "id");
        var parent = CommandTree.Optional("--in", "Only units directly inside this one", "unit");
        var kind = CommandTree.Word<StorageUnitKind>("--kind", "Only units of this kind");
        var band = CommandTree.Word<TemperatureBand>("--band", "Only units at this temperature");
        var limit = Paging.LimitOption();
        return cli.Leaf("list", "List storage units.", [site, parent, kind, band, limit], async run =>
        {
            var request = new ListStorageUnitsRequest
            {
                Site = run.Get(site) is { } s ? Names.Of(Names.Sites, s) : "",
                Parent = run.Get(parent) is { } p ? Names.Of(Names.StorageUnits, p) : "",
                Kind = run.Get(kind) ?? StorageUnitKind.Unspecified,
                TemperatureBand = run.Get(band) ?? TemperatureBand.Unspecified,
            };
            var units = await Paging.CollectAsync<StorageUnit>(run, run.Get(limit), async (token, size) =>
            {
                request.PageToken = token;
                request.PageSize = size;
                var page = await run.Client.Storage.ListStorageUnitsAsync(request, run.Options);
                return (page.StorageUnits, page.NextPageToken);
            });
            run.Show(units, screen =>
            {
                var table = new Table("unit", "name", "kind", "temperature", "site", "inside", "free");
                foreach (var u in units)
                {
                    table.Row(
                        Names.Id(u.Name), u.DisplayName, Words.Of(u.Kind), Words.Of(u.TemperatureBand), Names.Id(u.Site), Names.Id(u.Parent),
                        u.Kind == StorageUnitKind.Box ? new Cell($"{u.FreePositions}/{u.Rows * u.Columns}", u.FreePositions == 0 ? Tone.Bad : Tone.Plain) : "");
                }

                screen.Table(table);
            });
        }, "ls");
    }

    private static Command Show(CommandTree cli)
    {
        var unit = CommandTree.Argument("unit", "The unit's id, e.g. anses-ma-f80-01-r1-b1");
        return cli.Leaf("show", "Show a storage unit; a box is drawn as its grid with the samples in it.", [unit], async run =>
        {
            var storage = await run.Client.Storage.GetStorageUnitAsync(new GetStorageUnitRequest { Name = Names.Of(Names.StorageUnits, run.Get(unit)) }, run.Options);
            var samples = run.Json ? [] : await SampleView.ReadAllAsync(run, storage.OccupiedPositions.Select(p => p.Sample));
            run.Show(storage, screen =>
            {
                screen.Line($"{storage.DisplayName} ({Names.Id(storage.Name)})", Tone.Strong);
                screen.Fields(
                    ("kind", storage.Kind == StorageUnitKind.Box ? $"box of {storage.Rows} × {storage.Columns}" : Words.Of(storage.Kind)),
                    ("temperature", Words.Of(storage.TemperatureBand)),
                    ("site", Names.Id(storage.Site)),
                    ("inside", Names.Id(storage.Parent)),
                    ("organisation", Names.Id(storage.Organisation)));
                if (storage.Kind == StorageUnitKind.Box)
                {
                    screen.Line();
                    BoxGrid.Draw(screen, storage, samples);
                }
                else
                {
                    screen.Note($"What is inside: biobank storage list --in {Names.Id(storage.Name)}");
                }
            });
        });
    }

    private static Command Free(CommandTree cli)
    {
        var site = CommandTree.Required("--site", "The site, e.g. anses-maisons-alfort", "id");
        var band = CommandTree.Word<TemperatureBand>("--band", "The temperature the samples need", required: true);
        var count = new Option<int>("--count") { Description = "How many positions", DefaultValueFactory = _ => 10, HelpName = "n" };
        return cli.Leaf("free", "Find free box positions at a site and temperature.", [site, band, count], async run =>
        {
            var response = await run.Client.Storage.FindFreePositionsAsync(new FindFreePositionsRequest
            {
                Site = Names.Of(Names.Sites, run.Get(site)),
                TemperatureBand = run.Get(band)!.Value,
                Count = run.Get(count),
            }, run.Options);
            run.Show(response, screen =>
            {
                var table = new Table("position");
                foreach (var position in response.Positions)
                {
                    table.Row(SampleView.Show(position));
                }

                screen.Table(table);
                if (response.Positions.Count < run.Get(count))
                {
                    screen.Note($"Only {response.Positions.Count} free at {run.Get(site)} in {Words.Of(run.Get(band)!.Value)}.");
                }
            });
        });
    }

    private static Command Create(CommandTree cli)
    {
        var name = CommandTree.Required("--name", "What people call it, e.g. \"Freezer F3 (room 112)\"", "text");
        var kind = CommandTree.Word<StorageUnitKind>("--kind", "Kind of unit", required: true);
        var site = CommandTree.Optional("--site", "Site of your organisation (without --in)", "id");
        var parent = CommandTree.Optional("--in", "The unit it is inside; it takes that unit's site and temperature", "unit");
        var band = CommandTree.Word<TemperatureBand>("--band", "Temperature it keeps (without --in)");
        var rows = new Option<int>("--rows") { Description = "Rows of a box (1-26)", HelpName = "n" };
        var columns = new Option<int>("--columns") { Description = "Columns of a box (1-99)", HelpName = "n" };
        var id = CommandTree.Optional("--id", "Id to give it [default: a UUID]", "id");
        return cli.Leaf("create", "Create a freezer, dewar, shelf, rack or box (biobank managers).", [name, kind, site, parent, band, rows, columns, id], async run =>
        {
            var unit = await run.Change(new CreateStorageUnitRequest
            {
                StorageUnitId = run.Get(id) ?? "",
                StorageUnit = new StorageUnit
                {
                    DisplayName = run.Get(name),
                    Kind = run.Get(kind)!.Value,
                    Site = run.Get(site) is { } s ? Names.Of(Names.Sites, s) : "",
                    Parent = run.Get(parent) is { } p ? Names.Of(Names.StorageUnits, p) : "",
                    TemperatureBand = run.Get(band) ?? TemperatureBand.Unspecified,
                    Rows = run.Get(rows),
                    Columns = run.Get(columns),
                },
            }, run.Client.Storage.CreateStorageUnitAsync);
            run.Show(unit, screen => screen.Done($"Created {Words.Of(unit.Kind)} {Names.Id(unit.Name)} ({unit.DisplayName}) at {Names.Id(unit.Site)}, {Words.Of(unit.TemperatureBand)}."));
        });
    }
}
