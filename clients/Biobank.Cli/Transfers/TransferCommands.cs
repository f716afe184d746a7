using System.CommandLine;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Samples;
using Biobank.Cli.StorageUnits;
using Biobank.Cli.Values;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;

namespace Biobank.Cli.Transfers;

/// <summary>
/// <c>transfers ...</c>: samples shipped and instruments lent between sites and organisations,
/// from the request through the release gate, the carrier and the receipt, item by item.
/// </summary>
public static class TransferCommands
{
    public static Command Build(CommandTree cli) => CommandTree.Group(
        "transfers", "Shipments of samples and loans of instruments: request, list, show, approve, reject, dispatch, receive, cancel, return, custody, watch.",
        Request(cli), List(cli), Show(cli), Approve(cli), Reject(cli), Dispatch(cli), Receive(cli), Cancel(cli), Return(cli), Custody(cli), Watch(cli));

    private static Argument<string> Id() => CommandTree.Argument("transfer", "The transfer's id");

    private static Command Request(CommandTree cli)
    {
        var barcodes = new Argument<string[]>("barcodes") { Description = "The samples' barcodes (or ids)", Arity = ArgumentArity.ZeroOrMore };
        var equipment = CommandTree.Repeated("--equipment", "An instrument to lend (or send back)", "id");
        var labels = CommandTree.Optional("--org", "The organisation whose labels the barcodes are [default: yours]", "id");
        var from = CommandTree.Optional("--from", "The site they leave [default: the site they are at]", "site");
        var to = CommandTree.Required("--to", "The site they go to", "site");
        var purpose = CommandTree.Word<PermittedUse>("--purpose", "What the material is for", required: true);
        var project = CommandTree.Optional("--project", "The project it serves", "code");
        var agreement = CommandTree.Optional("--agreement", "The agreement samples go to the other organisation under", "id");
        var returnBy = CommandTree.Optional("--return-by", "When lent instruments come back (a loan to the other organisation)", "time");
        var cancel = CommandTree.Repeated("--cancel-reservation", "A booking of a lent instrument that approval cancels", "id");
        var id = CommandTree.Optional("--id", "Id to give the transfer [default: a UUID]", "id");
        return cli.Leaf("request", "Ask for samples to be shipped or an instrument lent: the sender's managers approve.",
            [barcodes, equipment, labels, from, to, purpose, project, agreement, returnBy, cancel, id], async run =>
            {
                var samples = await Task.WhenAll(run.Get(barcodes).Select(b => SampleView.FindAsync(run, b, run.Get(labels))));
                var instruments = await Task.WhenAll(run.Get(equipment).Select(run.EquipmentAsync));
                if (samples.Length + instruments.Length == 0)
                {
                    throw new UsageException("Name what goes: samples by barcode, instruments with --equipment.");
                }

                var transfer = new Transfer
                {
                    FromSite = run.Get(from) is { } site ? Names.Of(Names.Sites, site) : SiteOf(samples, instruments),
                    ToSite = Names.Of(Names.Sites, run.Get(to)),
                    Purpose = run.Get(purpose)!.Value,
                    Project = run.Get(project) ?? "",
                    Agreement = run.Get(agreement) is { } a ? Names.Of(Names.Agreements, a) : "",
                    ExpectedReturnTime = run.Get(returnBy) is { } back ? Timestamp.FromDateTimeOffset(run.Time(back)) : null,
                };
                transfer.Items.Add(samples.Select(s => s.Name).Concat(instruments.Select(e => e.Name)).Select(item => new TransferItem { Item = item }));
                transfer.ReservationsToCancel.Add(run.Get(cancel).Select(r => Names.Of(Names.Reservations, r)));
                var requested = await run.Change(
                    new RequestTransferRequest { TransferId = run.Get(id) ?? "", Transfer = transfer }, run.Client.Transfers.RequestTransferAsync);
                run.Show(requested, screen =>
                {
                    screen.Done($"Requested transfer {TransferView.Summary(requested)}.");
                    screen.Note($"A manager of {Names.Id(requested.FromOrganisation)} approves it: biobank transfers approve {Names.Id(requested.Name)}");
                });
            });
    }

    /// <summary>The one site the items are at, which they leave from.</summary>
    private static string SiteOf(IEnumerable<Sample> samples, IEnumerable<V1.Equipment> instruments)
    {
        var sites = samples.Select(s => s.Site).Concat(instruments.Select(e => e.Site)).Distinct(StringComparer.Ordinal).ToList();
        return sites switch
        {
            [{ Length: > 0 } site] => site,
            [_] => throw new UsageException("Where the items are is not known: give --from SITE."),
            _ => throw new UsageException($"The items are at {sites.Count} sites ({string.Join(", ", sites.Select(Names.Id))}): one transfer leaves one site.", "Give --from SITE, or request one transfer per site."),
        };
    }

    private static Command List(CommandTree cli)
    {
        var organisation = CommandTree.Optional("--org", "Transfers this organisation sends or receives [default: yours]", "id");
        var direction = CommandTree.Word<TransferDirection>("--direction", "Only those it sends, or receives");
        var state = CommandTree.Word<TransferState>("--state", "Only transfers in this state");
        var item = CommandTree.Optional("--item", "Only transfers of this sample (barcode) or instrument (equipment/ID)", "item");
        var limit = Paging.LimitOption();
        return cli.Leaf("list", "List your organisation's transfers, by direction, state or item.", [organisation, direction, state, item, limit], async run =>
        {
            var request = new ListTransfersRequest
            {
                Organisation = run.Get(organisation) is { } o ? Names.Of(Names.Organisations, o) : "",
                Direction = run.Get(direction) ?? TransferDirection.Unspecified,
                State = run.Get(state) ?? TransferState.Unspecified,
                Item = run.Get(item) is { } i ? await ItemNameAsync(run, i) : "",
            };
            var transfers = await Paging.CollectAsync<Transfer>(run, run.Get(limit), async (token, size) =>
            {
                request.PageToken = token;
                request.PageSize = size;
                var page = await run.Client.Transfers.ListTransfersAsync(request, run.Options);
                return (page.Transfers, page.NextPageToken);
            });
            run.Show(transfers, screen => screen.Table(TransferView.List(transfers, run.Zone)));
        });
    }

    /// <summary>An instrument as equipment/ID, a sample by barcode, id or name.</summary>
    private static async Task<string> ItemNameAsync(Invocation run, string text) =>
        text.StartsWith(Names.Equipment + "/", StringComparison.Ordinal) ? text : (await SampleView.FindAsync(run, text)).Name;

    private static Command Show(CommandTree cli)
    {
        var id = Id();
        return cli.Leaf("show", "Show a transfer: where it stands, its shipment, and each item.", [id], async run =>
        {
            var transfer = await TransferView.GetAsync(run, run.Get(id));
            var barcodes = run.Json ? new Dictionary<string, string>() : await TransferView.BarcodesAsync(run, transfer);
            run.Show(transfer, screen => TransferView.Details(screen, transfer, barcodes, run.Zone));
        });
    }

    private static Command Approve(CommandTree cli)
    {
        var id = Id();
        return cli.Leaf("approve", "Approve a requested transfer through the release gate (the sender's managers).", [id], async run =>
        {
            var transfer = await TransferView.GetAsync(run, run.Get(id));
            var approved = await run.Change(
                new ApproveTransferRequest { Name = transfer.Name, Etag = transfer.Etag }, run.Client.Transfers.ApproveTransferAsync);
            run.Show(approved, screen => screen.Done(
                $"Approved transfer {TransferView.Summary(approved)}: {approved.ApprovalChecks.Count} checks of the release gate passed."));
        });
    }

    private static Command Reject(CommandTree cli)
    {
        var id = Id();
        var reason = CommandTree.Required("--reason", "Why", "text");
        return cli.Leaf("reject", "Refuse a requested or approved transfer (the sender's managers).", [id, reason], async run =>
        {
            var transfer = await TransferView.GetAsync(run, run.Get(id));
            var rejected = await run.Change(
                new RejectTransferRequest { Name = transfer.Name, Etag = transfer.Etag, Reason = run.Get(reason) }, run.Client.Transfers.RejectTransferAsync);
            run.Show(rejected, screen => screen.Done($"Rejected transfer {TransferView.Summary(rejected)}."));
        });
    }

    private static Command Dispatch(CommandTree cli)
    {
        var id = Id();
        var carrier = CommandTree.Required("--carrier", "Who carries it, e.g. \"World Courier\" or \"internal shuttle\"", "name");
        var tracking = CommandTree.Optional("--tracking", "The carrier's tracking number", "number");
        var packaging = CommandTree.Word<Packaging>("--packaging", "How it is packed", required: true);
        var dryIce = new Option<double?>("--dry-ice") { Description = "Dry ice in the package, in kg", HelpName = "kg" };
        var logger = CommandTree.Optional("--logger", "Id of the temperature logger travelling with it", "id");
        var seals = CommandTree.Repeated("--seal", "Id of a tamper-evident seal on it", "id");
        return cli.Leaf("dispatch", "Hand an approved transfer to its carrier: the release gate is checked again and the items are in transit (the sender's managers).",
            [id, carrier, tracking, packaging, dryIce, logger, seals], async run =>
            {
                var transfer = await TransferView.GetAsync(run, run.Get(id));
                var shipment = new Shipment
                {
                    Carrier = run.Get(carrier),
                    TrackingNumber = run.Get(tracking) ?? "",
                    Packaging = run.Get(packaging)!.Value,
                    DryIceKilograms = run.Get(dryIce) ?? 0,
                    TemperatureLoggerId = run.Get(logger) ?? "",
                };
                shipment.SealIds.Add(run.Get(seals));
                var dispatched = await run.Change(
                    new DispatchTransferRequest { Name = transfer.Name, Etag = transfer.Etag, Shipment = shipment }, run.Client.Transfers.DispatchTransferAsync);
                run.Show(dispatched, screen => screen.Done(
                    $"Dispatched transfer {TransferView.Summary(dispatched)}: {dispatched.Items.Count} item(s) with {dispatched.Shipment.Carrier}" +
                    $"{(dispatched.Shipment.TrackingNumber.Length > 0 ? $" ({dispatched.Shipment.TrackingNumber})" : "")}."));
            });
    }

    private static Command Receive(CommandTree cli)
    {
        var id = Id();
        var items = new Argument<string[]>("items") { Description = "The items received, by barcode or id [default: every item still in transit]", Arity = ArgumentArity.ZeroOrMore };
        var into = CommandTree.Optional("--into", "Box to put the samples in, in its free positions row by row; BOX:C1 starts at C1", "box");
        var at = CommandTree.Repeated("--at", "Where one sample goes: ITEM=BOX:A1", "item=position");
        var damaged = CommandTree.Repeated("--damaged", "An item that arrived damaged (held in quarantine)", "item");
        var thawed = CommandTree.Repeated("--thawed", "An item that arrived thawed (held in quarantine)", "item");
        var missing = CommandTree.Repeated("--missing", "An item not in the shipment (recorded as lost)", "item");
        var excursion = CommandTree.Repeated("--excursion", "An item whose temperature logger recorded an excursion (held in quarantine)", "item");
        var quantity = CommandTree.Repeated("--quantity", "The quantity found of a sample, if not what was sent: ITEM=AMOUNT", "item=amount");
        return cli.Leaf("receive", "Record the receipt of a transfer's items, each in its condition (the receiving organisation's staff).",
            [id, items, into, at, damaged, thawed, missing, excursion, quantity], async run =>
            {
                var transfer = await TransferView.GetAsync(run, run.Get(id));
                async Task<IReadOnlyList<string>> Named(IEnumerable<string> words) => await TransferView.ItemsNamedAsync(run, transfer, words);
                var conditions = new Dictionary<string, ItemCondition>(StringComparer.Ordinal);
                foreach (var (words, condition) in new[] { (run.Get(damaged), ItemCondition.Damaged), (run.Get(thawed), ItemCondition.Thawed), (run.Get(missing), ItemCondition.Missing) })
                {
                    foreach (var item in await Named(words))
                    {
                        if (!conditions.TryAdd(item, condition))
                        {
                            throw new UsageException($"{Names.Id(item)} is given two conditions.");
                        }
                    }
                }

                var excursions = (await Named(run.Get(excursion))).ToHashSet(StringComparer.Ordinal);
                var positions = await Pairs(run, transfer, run.Get(at), SampleView.Position);
                var quantities = await Pairs(run, transfer, run.Get(quantity), Quantities.Parse);
                var named = await Named(run.Get(items));
                var received = (named.Count > 0
                        ? named.Concat(conditions.Keys).Concat(excursions).Concat(positions.Keys).Concat(quantities.Keys)
                        : transfer.Items.Where(i => i.State == TransferItemState.InTransit).Select(i => i.Item))
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                if (received.Count == 0)
                {
                    throw new CommandException(ExitCodes.Refused, $"Transfer {Names.Id(transfer.Name)} has no item in transit: it is {Words.Of(transfer.State)}.");
                }

                var request = new ReceiveTransferRequest { Name = transfer.Name, Etag = transfer.Etag };
                request.Receipts.Add(received.Select(item => new ItemReceipt
                {
                    Item = item,
                    Condition = conditions.GetValueOrDefault(item, ItemCondition.Good),
                    TemperatureExcursion = excursions.Contains(item),
                    ReceivedQuantity = quantities.GetValueOrDefault(item),
                    StoragePosition = positions.GetValueOrDefault(item),
                }));
                if (run.Get(into) is { } box)
                {
                    var unplaced = request.Receipts.Where(r => TransferView.IsSample(r.Item) && r.StoragePosition is null && r.Condition != ItemCondition.Missing).ToList();
                    var free = await BoxGrid.FreePositionsAsync(run, box, unplaced.Count);
                    foreach (var (receipt, position) in unplaced.Zip(free))
                    {
                        receipt.StoragePosition = position;
                    }
                }

                var done = await run.Change(request, run.Client.Transfers.ReceiveTransferAsync);
                run.Show(done, screen =>
                {
                    screen.Done($"Received {received.Count} item(s) of transfer {TransferView.Summary(done)}.");
                    var held = request.Receipts.Count(r => r.Condition is ItemCondition.Damaged or ItemCondition.Thawed || r.TemperatureExcursion);
                    var lost = request.Receipts.Count(r => r.Condition == ItemCondition.Missing);
                    if (held + lost > 0)
                    {
                        screen.Note($"{held} item(s) held in quarantine, {lost} recorded as lost.");
                    }
                });
            });
    }

    /// <summary>Values given per item as ITEM=VALUE, by the item they name.</summary>
    private static async Task<Dictionary<string, T>> Pairs<T>(Invocation run, Transfer transfer, IEnumerable<string> given, Func<string, T> read)
    {
        var pairs = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var text in given)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"'{text}' does not read as ITEM=VALUE.", "e.g. --at INS-000042=inserm-f80-01-b1:A1 or --quantity INS-000042=\"1.5 mL\"");
            }

            var item = (await TransferView.ItemsNamedAsync(run, transfer, [text[..equals]]))[0];
            pairs[item] = read(text[(equals + 1)..]);
        }

        return pairs;
    }

    private static Command Cancel(CommandTree cli)
    {
        var id = Id();
        var reason = CommandTree.Required("--reason", "Why", "text");
        return cli.Leaf("cancel", "Call a transfer off before dispatch (its requester or the sender's managers).", [id, reason], async run =>
        {
            var transfer = await TransferView.GetAsync(run, run.Get(id));
            var cancelled = await run.Change(
                new CancelTransferRequest { Name = transfer.Name, Etag = transfer.Etag, Reason = run.Get(reason) }, run.Client.Transfers.CancelTransferAsync);
            run.Show(cancelled, screen => screen.Done($"Cancelled transfer {TransferView.Summary(cancelled)}."));
        });
    }

    private static Command Return(CommandTree cli)
    {
        var equipment = CommandTree.Argument("equipment", "The lent instrument's id");
        var to = CommandTree.Optional("--to", "The owner's site it goes back to [default: the site it was lent from]", "site");
        var cancel = CommandTree.Repeated("--cancel-reservation", "A booking at the borrowing site that approval cancels", "id");
        var id = CommandTree.Optional("--id", "Id to give the return transfer [default: a UUID]", "id");
        return cli.Leaf("return", "Send a lent instrument back to its owner: a transfer approved, dispatched and received as any other.", [equipment, to, cancel, id], async run =>
        {
            var request = new ReturnEquipmentRequest
            {
                TransferId = run.Get(id) ?? "",
                Equipment = Names.Of(Names.Equipment, run.Get(equipment)),
                ToSite = run.Get(to) is { } site ? Names.Of(Names.Sites, site) : "",
            };
            request.ReservationsToCancel.Add(run.Get(cancel).Select(r => Names.Of(Names.Reservations, r)));
            var back = await run.Change(request, run.Client.Transfers.ReturnEquipmentAsync);
            run.Show(back, screen => screen.Done($"Requested the return of {Names.Id(request.Equipment)}: transfer {TransferView.Summary(back)}."));
        });
    }

    private static Command Watch(CommandTree cli)
    {
        var item = CommandTree.Optional("--item", "Changes of the transfers of this sample (barcode) or instrument (equipment/ID)", "item");
        var organisation = CommandTree.Optional("--org", "Changes of the transfers this organisation sends or receives [default: yours]", "id");
        var resumeAfter = ChangeFeed.ResumeAfterOption();
        var count = ChangeFeed.CountOption();
        return cli.Leaf("watch", "Follow changes of transfers live: a shipment leaves, arrives (Ctrl-C stops); --json prints one JSON line per change.",
            [item, organisation, resumeAfter, count], async run =>
            {
                var request = new WatchTransfersRequest { ResumeAfter = run.Get(resumeAfter) ?? "" };
                if (run.Get(item) is { } i)
                {
                    request.Item = await ItemNameAsync(run, i);
                }
                else
                {
                    request.Organisation = run.Get(organisation) is { } o ? Names.Of(Names.Organisations, o) : (await run.MeAsync()).Organisation;
                }

                run.Remark($"Watching transfers of {Names.Id(request.Item.Length > 0 ? request.Item : request.Organisation)}; Ctrl-C stops.");
                await ChangeFeed.FollowAsync(run, run.Get(count), () => run.Client.Transfers.WatchTransfers(request, run.Options), change =>
                {
                    request.ResumeAfter = change.Position;
                    run.ShowLine(change, screen => screen.Line($"{Times.Show(change.ChangeTime, run.Zone)}  {change.Change,-22}  {TransferView.Summary(change.Transfer)}"));
                    return Task.CompletedTask;
                });
            });
    }

    private static Command Custody(CommandTree cli)
    {
        var item = CommandTree.Argument("item", "A sample's barcode (or id), or an instrument as equipment/ID");
        return cli.Leaf("custody", "Who held a sample or an instrument, where, from when to when, since its registration.", [item], async run =>
        {
            var chain = await run.Client.Transfers.GetCustodyChainAsync(new GetCustodyChainRequest { Item = await ItemNameAsync(run, run.Get(item)) }, run.Options);
            run.Show(chain, screen =>
            {
                var table = new Table("held by", "at", "transfer", "from", "until", "opened by", "closed by");
                foreach (var i in chain.Intervals)
                {
                    table.Row(
                        i.Carrier.Length > 0 ? new Cell(i.Carrier, Tone.Warning) : Names.Id(i.Organisation), Names.Id(i.Site), Names.Id(i.Transfer),
                        Times.Show(i.StartTime, run.Zone), Times.Show(i.EndTime, run.Zone), i.OpenedBy?.Type ?? "", i.ClosedBy?.Type ?? "");
                }

                screen.Table(table);
            });
        });
    }
}
