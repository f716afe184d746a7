using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Samples;
using Biobank.Cli.Values;
using Biobank.V1;

namespace Biobank.Cli.Transfers;

/// <summary>Finding transfers and their items as the bench names them, and how they read on the screen.</summary>
public static class TransferView
{
    public static Task<Transfer> GetAsync(Invocation run, string id) =>
        run.Client.Transfers.GetTransferAsync(new GetTransferRequest { Name = Names.Of(Names.Transfers, id) }, run.Options).ResponseAsync;

    /// <summary>"3 item(s) from anses-maisons-alfort to inserm-paris-cochin, requested".</summary>
    public static string Summary(Transfer t) =>
        $"{Names.Id(t.Name)}: {t.Items.Count} item(s) from {Names.Id(t.FromSite)} to {Names.Id(t.ToSite)}, {Words.Of(t.State)}";

    public static Cell State(TransferState state) => new(Words.Of(state), state switch
    {
        TransferState.Received => Tone.Good,
        TransferState.Requested or TransferState.Approved or TransferState.Dispatched or TransferState.PartiallyReceived => Tone.Warning,
        TransferState.Rejected => Tone.Bad,
        _ => Tone.Muted,
    });

    public static Table List(IEnumerable<Transfer> transfers, TimeZoneInfo zone)
    {
        var table = new Table("transfer", "state", "from", "to", "items", "purpose", "project", "requested");
        foreach (var t in transfers)
        {
            table.Row(Names.Id(t.Name), State(t.State), Names.Id(t.FromSite), Names.Id(t.ToSite), $"{t.Items.Count}",
                Words.Of(t.Purpose), t.Project, Times.Show(t.CreateTime, zone));
        }

        return table;
    }

    /// <summary>The transfer's fields, its shipment, and its items with the barcodes the caller may read.</summary>
    public static void Details(Screen screen, Transfer t, IReadOnlyDictionary<string, string> barcodes, TimeZoneInfo zone)
    {
        screen.Fields(
            ("transfer", new Cell(Names.Id(t.Name), Tone.Strong)),
            ("state", State(t.State)),
            ("because", t.StateReason),
            ("from", $"{Names.Id(t.FromSite)} ({Names.Id(t.FromOrganisation)})"),
            ("to", $"{Names.Id(t.ToSite)} ({Names.Id(t.ToOrganisation)})"),
            ("purpose", Words.Of(t.Purpose)),
            ("project", t.Project),
            ("agreement", Names.Id(t.Agreement)),
            ("back by", Times.Show(t.ExpectedReturnTime, zone)),
            ("return of", Names.Id(t.ReturnOf)),
            ("gives up", string.Join(", ", t.ReservationsToCancel.Select(Names.Id))),
            ("requested", $"{Times.Show(t.CreateTime, zone)} by {t.RequestedBy} ({Names.Id(t.RequestingOrganisation)})"),
            ("approval", Checks(t.ApprovalChecks)),
            ("dispatched", Times.Show(t.DispatchTime, zone)),
            ("carrier", t.Shipment is null ? "" : string.Join(", ", new[] { t.Shipment.Carrier, t.Shipment.TrackingNumber }.Where(s => s.Length > 0))),
            ("packaging", t.Shipment is null ? "" : Words.Of(t.Shipment.Packaging)),
            ("dry ice", t.Shipment is { DryIceKilograms: > 0 } s ? $"{s.DryIceKilograms:0.###} kg" : ""),
            ("logger", t.Shipment?.TemperatureLoggerId ?? ""),
            ("seals", t.Shipment is null ? "" : string.Join(", ", t.Shipment.SealIds)),
            ("dispatch", Checks(t.DispatchChecks)));
        screen.Line();
        var table = new Table("item", "barcode", "state", "condition", "quantity", "position", "received");
        foreach (var item in t.Items)
        {
            table.Row(
                Names.Id(item.Item), barcodes.GetValueOrDefault(item.Item, ""), ItemState(item.State),
                item.Condition == ItemCondition.Unspecified ? "" : Condition(item),
                Quantities.Show(item.ReceivedQuantity), SampleView.Show(item.StoragePosition), Times.Show(item.ReceiveTime, zone));
        }

        screen.Table(table);
    }

    private static string Checks(Google.Protobuf.Collections.RepeatedField<GateCheck> checks) =>
        checks.Count == 0 ? "" : $"{checks.Count(c => c.Passed)} of {checks.Count} checks of the release gate passed";

    private static Cell ItemState(TransferItemState state) => new(Words.Of(state), state switch
    {
        TransferItemState.Received => Tone.Good,
        TransferItemState.InTransit => Tone.Warning,
        TransferItemState.Lost => Tone.Bad,
        _ => Tone.Plain,
    });

    private static Cell Condition(TransferItem item) =>
        new(Words.Of(item.Condition) + (item.TemperatureExcursion ? ", excursion" : ""),
            item.Condition == ItemCondition.Good && !item.TemperatureExcursion ? Tone.Good : Tone.Bad);

    /// <summary>The barcodes of the transfer's samples, where the caller may read them (a custodian's).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> BarcodesAsync(Invocation run, Transfer t)
    {
        var samples = await SampleView.ReadAllAsync(run, t.Items.Select(i => i.Item).Where(IsSample));
        return samples.Where(s => s.Barcode.Length > 0).ToDictionary(s => s.Name, s => s.Barcode, StringComparer.Ordinal);
    }

    public static bool IsSample(string item) => item.StartsWith(Names.Samples + "/", StringComparison.Ordinal);

    /// <summary>
    /// The items of the transfer that <paramref name="words"/> name: by barcode, id or name; a word
    /// that names none of them is a usage error.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ItemsNamedAsync(Invocation run, Transfer t, IEnumerable<string> words)
    {
        var wanted = words.Select(w => w.Trim()).Where(w => w.Length > 0).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var items = t.Items.Select(i => i.Item).ToList();
        string? Match(string word, IReadOnlyDictionary<string, string> barcodes) =>
            items.FirstOrDefault(item => item == word || Names.Id(item) == word || barcodes.GetValueOrDefault(item) == word);
        // Barcodes cost a read per sample: only when a word is neither an item's name nor its id.
        IReadOnlyDictionary<string, string> barcodes = new Dictionary<string, string>();
        if (wanted.Any(w => Match(w, barcodes) is null))
        {
            barcodes = await BarcodesAsync(run, t);
        }

        return [.. wanted.Select(word => Match(word, barcodes)
            ?? throw new UsageException($"{word} is not an item of transfer {Names.Id(t.Name)}.", $"See its items: biobank transfers show {Names.Id(t.Name)}"))];
    }
}
