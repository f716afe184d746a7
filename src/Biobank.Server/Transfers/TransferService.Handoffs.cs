using Biobank.Domain.Access;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Samples;
using Biobank.Domain.Transfers;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using Biobank.Server.Samples;
using Grpc.Core;
using Marten;
using V1 = Biobank.V1;

namespace Biobank.Server.Transfers;

/// <summary>The hand-offs of a transfer (to the carrier, to the receiver) and the custody chain they leave on each item.</summary>
public sealed partial class TransferService
{
    public override Task<V1.Transfer> DispatchTransfer(V1.DispatchTransferRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var shipment = TransferMapping.ReadShipment(request.Shipment, "shipment", checks);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var facts = await GateFactsAsync(scope, await ReadableAsync(scope, name));
            var transfer = await scope.DecideExistingAsync(
                name, (Transfer current) => TransferDecider.Decide(new TransferDecider.Dispatch(scope.Caller, scope.Now, shipment, facts), current), request.Etag);

            // Custody of every item passes to the carrier, on each item's stream, in this transaction.
            var sample = new SampleDecider.Dispatch(scope.Caller, scope.Now, transfer.Id, shipment.Carrier);
            foreach (var item in ItemsOf(transfer, TransferItemKind.Sample))
            {
                await scope.DecideExistingAsync(item, (Sample current) => SampleDecider.Decide(sample, current));
            }

            var instrument = new EquipmentDecider.Dispatch(scope.Caller, scope.Now, transfer.Id, shipment.Carrier);
            foreach (var item in ItemsOf(transfer, TransferItemKind.Equipment))
            {
                await scope.DecideExistingAsync(item, (Instrument current) => EquipmentDecider.Decide(instrument, current));
            }

            return transfer.ToApi(scope.Caller);
        }, context.CancellationToken);
    }

    public override Task<V1.Transfer> ReceiveTransfer(V1.ReceiveTransferRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        if (request.Receipts.Count is < 1 or > MaxItems)
        {
            checks.Add("receipts", $"must hold 1-{MaxItems} receipts");
        }

        var receipts = request.Receipts.Select((r, i) => Receipt.Read(r, $"receipts[{i}]", checks)).ToList();
        if (receipts.Select(r => r.Item).Distinct(StringComparer.Ordinal).Count() != receipts.Count)
        {
            checks.Add("receipts", "must not name an item twice");
        }

        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var current = await ReadableAsync(scope, name);
            TransferDecider.RequireReceiver(scope.Caller, current);
            var site = directory.Value.FindSite(current.ToSite) ?? throw new InvalidOperationException($"{current.Id} goes to a site the directory lost.");
            var kinds = current.Items.ToDictionary(i => i.Name, i => i.Kind, StringComparer.Ordinal);
            var positions = await SampleRegistry.ClaimsAsync(
                scope.Session, [.. receipts.Where(r => r.Position is not null).Select(r => r.Position!.Value)], scope.CancellationToken);
            var claims = positions.ToDictionary(p => (p.StorageUnit, p.Position));

            // Each item is received on its own stream; the transfer then records every receipt as it
            // was decided there (where each sample was put), all in this transaction.
            var decided = new List<ItemReceipt>();
            foreach (var receipt in receipts)
            {
                decided.Add(
                    !kinds.TryGetValue(receipt.Item, out var kind) ? receipt.ToDomain(null, null)
                    : kind == TransferItemKind.Sample ? await ReceiveSampleAsync(scope, current, receipt, claims)
                    : await ReceiveInstrumentAsync(scope, current, receipt, site.TimeZone));
            }

            var transfer = await scope.DecideExistingAsync(
                name, (Transfer state) => TransferDecider.Decide(new TransferDecider.Receive(scope.Caller, scope.Now, decided), state), request.Etag);
            return transfer.ToApi(scope.Caller);
        }, context.CancellationToken);
    }

    public override async Task<V1.CustodyChain> GetCustodyChain(V1.GetCustodyChainRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var item = ReadItem(request.Item, "item", checks)?.Name;
        checks.ThrowIfAny();

        var events = await query.Events.FetchStreamAsync(item!, token: context.CancellationToken);
        if (events.Count == 0)
        {
            throw new ResourceNotFoundException(item!);
        }

        var chain = Custody.Chain(events.Select(e => (new CitedEvent(e.EventType.Name, e.Version, e.Id.ToString()), e.Data)));

        // The organisations that held the item, and auditors, read where it has been.
        if (!Caller.Has(Role.Auditor) && !Caller.Has(Role.Admin) && chain.All(i => i.Organisation != Caller.Organisation))
        {
            Caller.RequireOrganisation(chain.Select(i => i.Organisation).LastOrDefault(o => o != "") ?? "");
        }

        var response = new V1.CustodyChain { Item = item };
        response.Intervals.Add(chain.Select(i => i.ToApi()));
        return response;
    }

    private static async Task<ItemReceipt> ReceiveSampleAsync(
        WriteScope scope, Transfer transfer, Receipt receipt, Dictionary<(string StorageUnit, string Position), PositionClaim> claims)
    {
        var command = new SampleDecider.Receive(
            scope.Caller, scope.Now, transfer.Id, transfer.ToSite, receipt.Condition, receipt.TemperatureExcursion, receipt.Quantity,
            receipt.Position is { } position ? claims[position] : null, Guid.CreateVersion7().ToString());
        var sample = await scope.DecideExistingAsync(receipt.Item, (Sample current) => SampleDecider.Decide(command, current));
        return receipt.Condition == ItemCondition.Missing ? receipt.ToDomain(null, null) : receipt.ToDomain(sample.Quantity, sample.Placement);
    }

    private static async Task<ItemReceipt> ReceiveInstrumentAsync(WriteScope scope, Transfer transfer, Receipt receipt, string timeZone)
    {
        var command = new EquipmentDecider.Receive(scope.Caller, scope.Now, transfer.Id, transfer.ToSite, timeZone, receipt.Condition);
        await scope.DecideExistingAsync(receipt.Item, (Instrument current) => EquipmentDecider.Decide(command, current));
        return receipt.ToDomain(null, null);
    }

    /// <summary>One item's receipt in a request, its fields checked.</summary>
    private sealed record Receipt(
        string Item, ItemCondition Condition, bool TemperatureExcursion, Quantity? Quantity, (string StorageUnit, string Position)? Position)
    {
        public static Receipt Read(V1.ItemReceipt receipt, string field, RequestChecks checks) => new(
            ReadItem(receipt.Item, $"{field}.item", checks)?.Name ?? "",
            (ItemCondition)checks.Enum(receipt.Condition, $"{field}.condition"),
            receipt.TemperatureExcursion,
            receipt.ReceivedQuantity is null ? null : SampleMapping.ReadQuantity(receipt.ReceivedQuantity, $"{field}.received_quantity", checks, allowZero: true),
            SampleMapping.ReadPosition(receipt.StoragePosition, $"{field}.storage_position", checks));

        public ItemReceipt ToDomain(Quantity? received, Placement? placement) => new(Item, Condition, TemperatureExcursion, received, placement);
    }
}
