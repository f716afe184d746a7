using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Values;
using Biobank.Client;
using Biobank.V1;
using Grpc.Core;

namespace Biobank.Cli.Samples;

/// <summary>Finding samples as the bench names them, and how they read on the screen.</summary>
public static class SampleView
{
    /// <summary>
    /// The sample a barcode (what the scanner reads), a sample id or a name ("samples/...") names,
    /// among the custodian <paramref name="organisation"/>'s labels (the caller's by default).
    /// </summary>
    public static async Task<Sample> FindAsync(Invocation run, string barcodeOrId, string? organisation = null)
    {
        var text = barcodeOrId.Trim();
        if (text.StartsWith(Names.Samples + "/", StringComparison.Ordinal))
        {
            return await run.Client.Samples.GetSampleAsync(new GetSampleRequest { Name = text }, run.Options);
        }

        try
        {
            return await run.Client.Samples.LookupSampleAsync(new LookupSampleRequest
            {
                Barcode = text,
                Organisation = organisation is null ? "" : Names.Of(Names.Organisations, organisation),
            }, run.Options);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            try
            {
                return await run.Client.Samples.GetSampleAsync(new GetSampleRequest { Name = Names.Of(Names.Samples, text) }, run.Options);
            }
            catch (RpcException again) when (again.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
            {
                throw new CommandException(
                    ExitCodes.Refused,
                    $"No sample has the barcode {text} in {(organisation is null ? "your organisation" : organisation)}, nor the id {text}.",
                    "Check the label; biobank samples find --collection CODE lists a collection's samples.");
            }
        }
    }

    /// <summary>A box position typed as BOX:A1 (the box's id, a colon, the position).</summary>
    public static StoragePosition Position(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && colon < text.Length - 1
            ? new StoragePosition { StorageUnit = Names.Of(Names.StorageUnits, text[..colon]), Position = text[(colon + 1)..].ToUpperInvariant() }
            : throw new UsageException($"'{text}' is not a box position.", "Write the box's id, a colon and the position: anses-ma-f80-01-r1-b1:A1");
    }

    public static string Show(StoragePosition? position) =>
        position is null || position.StorageUnit.Length == 0 ? "" : $"{Names.Id(position.StorageUnit)}:{position.Position}";

    public static Table List(IEnumerable<Sample> samples)
    {
        var table = new Table("barcode", "material", "source", "quantity", "state", "position", "collection");
        foreach (var s in samples)
        {
            table.Row(
                s.Barcode.Length > 0 ? s.Barcode : Names.Id(s.Name), Words.Of(s.MaterialType), Words.Of(s.SourceKind),
                s.Quantity is null ? s.QuantityBand : Quantities.Show(s.Quantity), State(s.State), Show(s.StoragePosition), s.Collection);
        }

        return table;
    }

    public static Cell State(SampleState state) => new(Words.Of(state), state switch
    {
        SampleState.Available => Tone.Good,
        SampleState.Allocated or SampleState.InTransit => Tone.Warning,
        SampleState.OnHold => Tone.Bad,
        _ => Tone.Muted,
    });

    public static void Details(Screen screen, Sample s, TimeZoneInfo zone)
    {
        screen.Fields(
            ("barcode", new Cell(s.Barcode, Tone.Strong)),
            ("sample", Names.Id(s.Name)),
            ("custodian", Names.Id(s.CustodianOrganisation)),
            ("collection", s.Collection),
            ("source", Words.Of(s.SourceKind)),
            ("donor", s.DonorPseudonym),
            ("species", s.Species),
            ("material", Words.Of(s.MaterialType)),
            ("collected", Times.Show(s.CollectionTime, zone)),
            ("quantity", s.Quantity is null ? s.QuantityBand : Quantities.Show(s.Quantity)),
            ("state", State(s.State)),
            ("position", Show(s.StoragePosition)),
            ("checked out", s.CheckedOut ? "yes" : ""),
            ("freeze-thaw", s.FreezeThawCount > 0 ? $"{s.FreezeThawCount}" : ""),
            ("parent", Names.Id(s.Parent)),
            ("consent", s.ConsentReference),
            ("sprec", s.SprecCode),
            ("allocated", s.Allocation is null ? "" : $"to {s.Allocation.Project} until {Times.Show(s.Allocation.ExpireTime, zone)} (allocation {s.Allocation.AllocationId})"),
            ("catalogue only", s.CatalogueOnly ? "yes: another organisation's sample" : ""));
        if (s.Holds.Count > 0)
        {
            screen.Line();
            var table = new Table("hold", "kind", "since", "reason");
            foreach (var hold in s.Holds)
            {
                table.Row(hold.HoldId, new Cell(Words.Of(hold.Kind), Tone.Bad), Times.Show(hold.PlaceTime, zone), hold.Reason);
            }

            screen.Table(table);
        }
    }

    /// <summary>The samples named, read a few at a time, for tables that show barcodes.</summary>
    public static async Task<IReadOnlyList<Sample>> ReadAllAsync(Invocation run, IEnumerable<string> names)
    {
        using var gate = new SemaphoreSlim(8);
        return await Task.WhenAll(names.Select(async name =>
        {
            await gate.WaitAsync(run.Cancellation);
            try
            {
                return await run.Client.Samples.GetSampleAsync(new GetSampleRequest { Name = name }, run.Options);
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
