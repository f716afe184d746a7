using System.CommandLine;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.StorageUnits;
using Biobank.Cli.Values;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;

namespace Biobank.Cli.Samples;

/// <summary><c>samples ...</c>: tubes and what is done to them, named by the barcode on their label.</summary>
public static class SampleCommands
{
    private static Argument<string> Barcode() => CommandTree.Argument("barcode", "The barcode on the label (or the sample's id)");

    public static Command Build(CommandTree cli) => CommandTree.Group(
        "samples", "Samples by barcode: find, show, register, move, aliquot, derive, use, check out and in, allocate, release, hold, lift, dispose, lineage.",
        Find(cli), Show(cli), Register(cli), Move(cli), Aliquot(cli), Derive(cli), Use(cli), CheckOut(cli), CheckIn(cli),
        Allocate(cli), Release(cli), Hold(cli), Lift(cli), Dispose(cli), Lineage(cli));

    private static Command Find(CommandTree cli)
    {
        var barcode = CommandTree.OptionalArgument("barcode", "A barcode to look up; without one, the filters list samples");
        var organisation = CommandTree.Optional("--org", "The custodian organisation [default: yours for a barcode, every one for a list]", "id");
        var collection = CommandTree.Optional("--collection", "Only samples of this collection", "code");
        var material = CommandTree.Word<MaterialType>("--material", "Only samples of this material");
        var source = CommandTree.Word<SourceKind>("--source", "Only samples from this kind of source");
        var state = CommandTree.Word<SampleState>("--state", "Only samples in this state");
        var storage = CommandTree.Optional("--in", "Only samples stored in this unit or any unit inside it", "unit");
        var donor = CommandTree.Optional("--donor", "Only samples of this donor (biobank managers)", "pseudonym");
        var limit = Paging.LimitOption();
        return cli.Leaf("find", "Find a sample by its barcode, or samples by collection, material, state or storage.",
            [barcode, organisation, collection, material, source, state, storage, donor, limit], async run =>
            {
                IReadOnlyList<Sample> samples;
                if (run.Get(barcode) is { } label)
                {
                    samples = [await SampleView.FindAsync(run, label, run.Get(organisation))];
                }
                else
                {
                    var request = new ListSamplesRequest
                    {
                        Organisation = run.Get(organisation) is { } o ? Names.Of(Names.Organisations, o) : "",
                        Collection = run.Get(collection) ?? "",
                        MaterialType = run.Get(material) ?? MaterialType.Unspecified,
                        SourceKind = run.Get(source) ?? SourceKind.Unspecified,
                        State = run.Get(state) ?? SampleState.Unspecified,
                        StorageUnit = run.Get(storage) is { } unit ? Names.Of(Names.StorageUnits, unit) : "",
                        DonorPseudonym = run.Get(donor) ?? "",
                    };
                    samples = await Paging.CollectAsync<Sample>(run, run.Get(limit), async (token, size) =>
                    {
                        request.PageToken = token;
                        request.PageSize = size;
                        var page = await run.Client.Samples.ListSamplesAsync(request, run.Options);
                        return (page.Samples, page.NextPageToken);
                    });
                }

                run.Show(samples, screen => screen.Table(SampleView.List(samples)));
            });
    }

    private static Command Show(CommandTree cli)
    {
        var barcode = Barcode();
        var organisation = CommandTree.Optional("--org", "The custodian organisation whose label it is [default: yours]", "id");
        return cli.Leaf("show", "Show a sample: where it is, how much is left, its state and holds.", [barcode, organisation], async run =>
        {
            var sample = await SampleView.FindAsync(run, run.Get(barcode), run.Get(organisation));
            run.Show(sample, screen => SampleView.Details(screen, sample, run.Zone));
        });
    }

    private static Command Register(CommandTree cli)
    {
        var barcode = CommandTree.Required("--barcode", "The barcode on the container", "barcode");
        var collection = CommandTree.Required("--collection", "Collection code, e.g. AMR-FARMERS", "code");
        var source = CommandTree.Word<SourceKind>("--source", "Where the material comes from", required: true);
        var material = CommandTree.Word<MaterialType>("--material", "Kind of material", required: true);
        var collected = CommandTree.Required("--collected", "When it was collected, e.g. \"2027-03-01 10:30\"", "time");
        var quantity = CommandTree.Required("--quantity", "How much, e.g. \"2 mL\"", "amount");
        var donor = CommandTree.Optional("--donor", "Donor or animal pseudonym (human and animal material)", "pseudonym");
        var species = CommandTree.Optional("--species", "Species (animal and isolate material)", "name");
        var consent = CommandTree.Optional("--consent", "Consent reference (human material)", "reference");
        var sprec = CommandTree.Optional("--sprec", "SPREC code of its processing", "code");
        var at = CommandTree.Optional("--at", "Box position to place it in, BOX:A1", "position");
        var id = CommandTree.Optional("--id", "Id to give it [default: a UUID]", "id");
        return cli.Leaf("register", "Register a sample of your organisation.",
            [barcode, collection, source, material, collected, quantity, donor, species, consent, sprec, at, id], async run =>
            {
                var sample = await run.Change(new RegisterSampleRequest
                {
                    SampleId = run.Get(id) ?? "",
                    Sample = new Sample
                    {
                        Barcode = run.Get(barcode),
                        Collection = run.Get(collection),
                        SourceKind = run.Get(source)!.Value,
                        MaterialType = run.Get(material)!.Value,
                        CollectionTime = Timestamp.FromDateTimeOffset(run.Time(run.Get(collected))),
                        Quantity = Quantities.Parse(run.Get(quantity)),
                        DonorPseudonym = run.Get(donor) ?? "",
                        Species = run.Get(species) ?? "",
                        ConsentReference = run.Get(consent) ?? "",
                        SprecCode = run.Get(sprec) ?? "",
                        StoragePosition = run.Get(at) is { } position ? SampleView.Position(position) : null,
                    },
                }, run.Client.Samples.RegisterSampleAsync);
                run.Show(sample, screen => screen.Done($"Registered {sample.Barcode} ({Names.Id(sample.Name)}){Placed(sample)}."));
            });
    }

    private static Command Move(CommandTree cli)
    {
        var barcode = Barcode();
        var to = CommandTree.Required("--to", "The box position to move it to, BOX:A1", "position");
        return cli.Leaf("move", "Move a sample to another box position; its old one is freed.", [barcode, to], async run =>
        {
            var sample = await SampleView.FindAsync(run, run.Get(barcode));
            var from = SampleView.Show(sample.StoragePosition);
            var moved = await run.Change(
                new MoveSampleRequest { Name = sample.Name, StoragePosition = SampleView.Position(run.Get(to)), Etag = sample.Etag },
                run.Client.Samples.MoveSampleAsync);
            run.Show(moved, screen => screen.Done($"Moved {moved.Barcode}{(from.Length > 0 ? $" from {from}" : "")} to {SampleView.Show(moved.StoragePosition)}."));
        });
    }

    private static Command Aliquot(CommandTree cli)
    {
        var barcode = Barcode();
        var count = new Option<int>("--count") { Description = "How many aliquots", Required = true, HelpName = "n" };
        var quantity = CommandTree.Required("--quantity", "How much in each, in the sample's unit, e.g. \"0.25 mL\"", "amount");
        var into = CommandTree.Optional("--into", "Box to place them in, in its free positions row by row; BOX:C1 starts at C1", "box");
        var barcodes = CommandTree.Optional("--barcodes", "Their barcodes, comma-separated [default: the sample's barcode with -01, -02, ...]", "list");
        return cli.Leaf("aliquot", "Split a sample into aliquots of the same material, placed in a box.", [barcode, count, quantity, into, barcodes], async run =>
        {
            var sample = await SampleView.FindAsync(run, run.Get(barcode));
            var n = run.Get(count);
            if (n is < 1 or > 384)
            {
                throw new UsageException("--count must be from 1 to 384.");
            }

            var labels = run.Get(barcodes) is { } given
                ? given.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [.. Enumerable.Range(1, n).Select(i => $"{sample.Barcode}-{i:00}")];
            if (labels.Length != n)
            {
                throw new UsageException($"--barcodes names {labels.Length} barcodes for {n} aliquots.");
            }

            var positions = run.Get(into) is { } box ? await BoxGrid.FreePositionsAsync(run, box, n) : [];
            var amount = Quantities.Parse(run.Get(quantity));
            var request = new AliquotSampleRequest { Name = sample.Name, Etag = sample.Etag };
            request.Aliquots.Add(labels.Select((label, i) => new SamplePortion
            {
                Barcode = label,
                Quantity = amount.Clone(),
                StoragePosition = i < positions.Count ? positions[i] : null,
            }));
            var response = await run.Change(request, run.Client.Samples.AliquotSampleAsync);
            run.Show(response, screen =>
            {
                screen.Done($"Split {response.Parent.Barcode} into {response.Aliquots.Count} aliquots; {Quantities.Show(response.Parent.Quantity)} left ({Words.Of(response.Parent.State)}).");
                screen.Table(SampleView.List(response.Aliquots));
            });
        });
    }

    private static Command Derive(CommandTree cli)
    {
        var barcode = Barcode();
        var taken = CommandTree.Required("--take", "How much of the sample is processed, in its unit, e.g. \"1 mL\"", "amount");
        var material = CommandTree.Word<MaterialType>("--material", "The material made, e.g. dna", required: true);
        var made = CommandTree.Required("--quantity", "How much was made, in its own unit, e.g. \"40 µg\"", "amount");
        var newBarcode = CommandTree.Required("--barcode", "The new container's barcode", "barcode");
        var at = CommandTree.Optional("--at", "Box position to place it in, BOX:A1", "position");
        return cli.Leaf("derive", "Process part of a sample into a new material (DNA from blood), as a new sample.", [barcode, taken, material, made, newBarcode, at], async run =>
        {
            var sample = await SampleView.FindAsync(run, run.Get(barcode));
            var response = await run.Change(new DeriveSampleRequest
            {
                Name = sample.Name,
                Etag = sample.Etag,
                Taken = Quantities.Parse(run.Get(taken)),
                MaterialType = run.Get(material)!.Value,
                Derivative = new SamplePortion
                {
                    Barcode = run.Get(newBarcode),
                    Quantity = Quantities.Parse(run.Get(made)),
                    StoragePosition = run.Get(at) is { } position ? SampleView.Position(position) : null,
                },
            }, run.Client.Samples.DeriveSampleAsync);
            run.Show(response, screen => screen.Done(
                $"Derived {response.Derivative.Barcode} ({Words.Of(response.Derivative.MaterialType)}, {Quantities.Show(response.Derivative.Quantity)}){Placed(response.Derivative)} " +
                $"from {response.Parent.Barcode}; {Quantities.Show(response.Parent.Quantity)} left."));
        });
    }

    private static Command Use(CommandTree cli)
    {
        var barcode = Barcode();
        var quantity = CommandTree.Required("--quantity", "How much was consumed, in the sample's unit", "amount");
        var purpose = CommandTree.Required("--purpose", "What it was used for", "text");
        var project = CommandTree.Optional("--project", "The project it was used for (an allocated sample: its project)", "code");
        return cli.Leaf("use", "Record material consumed by an analysis.", [barcode, quantity, purpose, project], async run =>
        {
            var sample = await SampleView.FindAsync(run, run.Get(barcode));
            var used = await run.Change(new RecordSampleUseRequest
            {
                Name = sample.Name,
                Etag = sample.Etag,
                Quantity = Quantities.Parse(run.Get(quantity)),
                Purpose = run.Get(purpose),
                Project = run.Get(project) ?? "",
            }, run.Client.Samples.RecordSampleUseAsync);
            run.Show(used, screen => screen.Done($"Recorded the use of {run.Get(quantity)} of {used.Barcode}; {Quantities.Show(used.Quantity)} left ({Words.Of(used.State)})."));
        });
    }

    private static Command CheckOut(CommandTree cli)
    {
        var barcode = Barcode();
        return cli.Leaf("check-out", "Take a sample out of storage (one more freeze-thaw cycle).", [barcode], async run =>
        {
            var sample = await SampleView.FindAsync(run, run.Get(barcode));
            var taken = await run.Change(new CheckOutSampleRequest { Name = sample.Name, Etag = sample.Etag }, run.Client.Samples.CheckOutSampleAsync);
            run.Show(taken, screen => screen.Done($"Checked out {taken.Barcode} (freeze-thaw cycles: {taken.FreezeThawCount})."));
        }, "checkout");
    }

    private static Command CheckIn(CommandTree cli)
    {
        var barcode = Barcode();
        return cli.Leaf("check-in", "Put a checked-out sample back in storage.", [barcode], async run =>
        {
            var sample = await SampleView.FindAsync(run, run.Get(barcode));
            var back = await run.Change(new CheckInSampleRequest { Name = sample.Name, Etag = sample.Etag }, run.Client.Samples.CheckInSampleAsync);
            run.Show(back, screen => screen.Done($"Checked in {back.Barcode} at {SampleView.Show(back.StoragePosition)}."));
        }, "checkin");
    }

    private static Command Allocate(CommandTree cli)
    {
        var barcodes = new Argument<string[]>("barcodes") { Description = "The samples' barcodes", Arity = ArgumentArity.OneOrMore };
        var project = CommandTree.Required("--project", "The project they are allocated to", "code");
        var until = CommandTree.Required("--until", "When the allocation lapses, e.g. 2027-06-30", "time");
        var uses = CommandTree.RepeatedWord<PermittedUse>("--use", "A use the project makes of them");
        return cli.Leaf("allocate", "Allocate samples to a project until a date, all or none.", [barcodes, project, until, uses], async run =>
        {
            var samples = await Task.WhenAll(run.Get(barcodes).Select(b => SampleView.FindAsync(run, b)));
            var request = new AllocateSamplesRequest
            {
                Project = run.Get(project),
                ExpireTime = Timestamp.FromDateTimeOffset(run.Time(run.Get(until))),
            };
            request.Samples.Add(samples.Select(s => s.Name));
            request.DeclaredUses.Add(run.Get(uses));
            var response = await run.Change(request, run.Client.Samples.AllocateSamplesAsync);
            run.Show(response, screen =>
            {
                screen.Done($"Allocated {response.Samples.Count} sample(s) to {request.Project} until {Times.Show(request.ExpireTime, run.Zone)} (allocation {response.AllocationId}).");
                screen.Table(SampleView.List(response.Samples));
            });
        }, "reserve");
    }

    private static Command Release(CommandTree cli)
    {
        var barcode = CommandTree.OptionalArgument("barcode", "A sample of the allocation (or give --allocation)");
        var allocation = CommandTree.Optional("--allocation", "The allocation's id", "id");
        var reason = CommandTree.Required("--reason", "Why", "text");
        return cli.Leaf("release", "Release an allocation: every sample it still holds is available again.", [barcode, allocation, reason], async run =>
        {
            var id = run.Get(allocation);
            if (id is null)
            {
                var sample = await SampleView.FindAsync(run, run.Get(barcode) ?? throw new UsageException("Name a sample of the allocation, or give --allocation."));
                id = sample.Allocation?.AllocationId ?? throw new CommandException(ExitCodes.Refused, $"{sample.Barcode} is not allocated.");
            }

            var response = await run.Change(new ReleaseSampleAllocationRequest { AllocationId = id, Reason = run.Get(reason) }, run.Client.Samples.ReleaseSampleAllocationAsync);
            run.Show(response, screen => screen.Done($"Released allocation {id}: {response.Samples.Count} sample(s) available again."));
        }, "unreserve");
    }

    private static Command Hold(CommandTree cli)
    {
        var barcode = Barcode();
        var kind = CommandTree.Word<HoldKind>("--kind", "Why it is held", required: true);
        var reason = CommandTree.Required("--reason", "Explanation", "text");
        return cli.Leaf("hold", "Place a hold on a sample: quarantine, legal, quality or consent review.", [barcode, kind, reason], async run =>
        {
            var sample = await SampleView.FindAsync(run, run.Get(barcode));
            var held = await run.Change(new PlaceHoldRequest { Name = sample.Name, Etag = sample.Etag, Kind = run.Get(kind)!.Value, Reason = run.Get(reason) }, run.Client.Samples.PlaceHoldAsync);
            run.Show(held, screen => screen.Done($"{held.Barcode} is {Words.Of(held.State)}: hold {held.Holds.Last().HoldId} ({Words.Of(held.Holds.Last().Kind)})."));
        });
    }

    private static Command Lift(CommandTree cli)
    {
        var barcode = Barcode();
        var hold = CommandTree.OptionalArgument("hold", "The hold's id [default: the sample's only hold]");
        var reason = CommandTree.Required("--reason", "Why it is lifted", "text");
        return cli.Leaf("lift", "Lift a hold (biobank managers).", [barcode, hold, reason], async run =>
        {
            var sample = await SampleView.FindAsync(run, run.Get(barcode));
            var holdId = run.Get(hold) ?? (sample.Holds.Count == 1
                ? sample.Holds[0].HoldId
                : throw new UsageException(
                    sample.Holds.Count == 0 ? $"{sample.Barcode} has no hold." : $"{sample.Barcode} has {sample.Holds.Count} holds: name one.",
                    [.. sample.Holds.Select(h => $"  {h.HoldId}  {Words.Of(h.Kind)}  {h.Reason}")]));
            var lifted = await run.Change(new LiftHoldRequest { Name = sample.Name, Etag = sample.Etag, HoldId = holdId, Reason = run.Get(reason) }, run.Client.Samples.LiftHoldAsync);
            run.Show(lifted, screen => screen.Done($"Lifted hold {holdId} of {lifted.Barcode}; it is {Words.Of(lifted.State)}."));
        });
    }

    private static Command Dispose(CommandTree cli)
    {
        var barcode = Barcode();
        var method = CommandTree.Required("--method", "How it was destroyed, e.g. autoclave", "text");
        var reason = CommandTree.Required("--reason", "Why", "text");
        return cli.Leaf("dispose", "Record the destruction of a sample; final (biobank managers).", [barcode, method, reason], async run =>
        {
            var sample = await SampleView.FindAsync(run, run.Get(barcode));
            var disposed = await run.Change(new DisposeSampleRequest { Name = sample.Name, Etag = sample.Etag, Method = run.Get(method), Reason = run.Get(reason) }, run.Client.Samples.DisposeSampleAsync);
            run.Show(disposed, screen => screen.Done($"Disposed of {disposed.Barcode} ({run.Get(method)})."));
        });
    }

    private static Command Lineage(CommandTree cli)
    {
        var barcode = Barcode();
        return cli.Leaf("lineage", "Show where a sample comes from and what was made from it.", [barcode], async run =>
        {
            var sample = await SampleView.FindAsync(run, run.Get(barcode));
            var lineage = await run.Client.Samples.GetSampleLineageAsync(new GetSampleLineageRequest { Name = sample.Name }, run.Options);
            run.Show(lineage, screen =>
            {
                var table = new Table("relation", "barcode", "material", "quantity", "state", "position");
                foreach (var ancestor in lineage.Ancestors.Reverse())
                {
                    table.Row("ancestor", ancestor.Barcode, Words.Of(ancestor.MaterialType), Quantities.Show(ancestor.Quantity), SampleView.State(ancestor.State), SampleView.Show(ancestor.StoragePosition));
                }

                table.Row(new Cell("this", Tone.Strong), lineage.Sample.Barcode, Words.Of(lineage.Sample.MaterialType), Quantities.Show(lineage.Sample.Quantity), SampleView.State(lineage.Sample.State), SampleView.Show(lineage.Sample.StoragePosition));
                foreach (var descendant in lineage.Descendants)
                {
                    table.Row(descendant.Parent == lineage.Sample.Name ? "child" : "descendant", descendant.Barcode, Words.Of(descendant.MaterialType), Quantities.Show(descendant.Quantity), SampleView.State(descendant.State), SampleView.Show(descendant.StoragePosition));
                }

                screen.Table(table);
            });
        });
    }

    private static string Placed(Sample sample) =>
        sample.StoragePosition is null ? "" : $" at {SampleView.Show(sample.StoragePosition)}";
}
