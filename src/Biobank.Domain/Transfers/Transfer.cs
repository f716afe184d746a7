using Biobank.Domain.Access;
using Biobank.Domain.Consents;
using Biobank.Domain.Failures;
using Biobank.Domain.Samples;

namespace Biobank.Domain.Transfers;

/// <summary>What a transfer moves: a sample (a container of material) or an instrument (a loan).</summary>
public enum TransferItemKind
{
    Sample,
    Equipment,
}

/// <summary>Where a transfer stands; the same names as <c>biobank.v1.TransferState</c>.</summary>
public enum TransferState
{
    Unspecified = 0,
    Requested = 1,
    Approved = 2,
    Dispatched = 3,
    Received = 4,
    PartiallyReceived = 5,
    Rejected = 6,
    Cancelled = 7,
}

/// <summary>Where one item of a transfer stands; the same names as <c>biobank.v1.TransferItemState</c>.</summary>
public enum TransferItemState
{
    Unspecified = 0,
    Awaiting = 1,
    InTransit = 2,
    Received = 3,
    Lost = 4,
}

/// <summary>How an item arrived; the same names as <c>biobank.v1.ItemCondition</c>.</summary>
public enum ItemCondition
{
    Unspecified = 0,
    Good = 1,
    Damaged = 2,
    Thawed = 3,
    Missing = 4,
}

/// <summary>How a shipment is packed for the road; the same names as <c>biobank.v1.Packaging</c>.</summary>
public enum Packaging
{
    Unspecified = 0,
    /// <summary>UN 3373, biological substance, category B (triple packaging, P650).</summary>
    Un3373CategoryB = 1,
    /// <summary>Exempt human or animal specimen (minimal likelihood of pathogens).</summary>
    ExemptSpecimen = 2,
    /// <summary>UN 2814 / UN 2900, infectious substance, category A (P620).</summary>
    CategoryA = 3,
    /// <summary>Not dangerous goods (an instrument, environmental material).</summary>
    NotRegulated = 4,
}

/// <summary>An item of a transfer: what it is, where it stands, and how it was received.</summary>
public sealed record TransferItem(
    string Name, TransferItemKind Kind, TransferItemState State, ItemCondition Condition, bool TemperatureExcursion,
    Quantity? ReceivedQuantity, Placement? Placement, DateTimeOffset? ReceiveTime)
{
    public static TransferItem Awaiting(string name, TransferItemKind kind) =>
        new(name, kind, TransferItemState.Awaiting, ItemCondition.Unspecified, false, null, null, null);
}

/// <summary>The carrier and how the shipment is packed, as recorded at dispatch.</summary>
public sealed record Shipment(
    string Carrier, string TrackingNumber, Packaging Packaging, decimal DryIceKilograms, string TemperatureLoggerId, IReadOnlyList<string> SealIds);

/// <summary>One check of the release gate: which item, which rule, whether it passed, and the values it was judged on.</summary>
public sealed record GateCheck(string Item, string Check, bool Passed, IReadOnlyDictionary<string, string> Inputs);

/// <summary>How one item was received: its condition, a temperature excursion, the quantity found and where it was put.</summary>
public sealed record ItemReceipt(string Item, ItemCondition Condition, bool TemperatureExcursion, Quantity? ReceivedQuantity, Placement? Placement);

/// <summary>The events of a transfer's stream ("transfers/{id}").</summary>
public abstract record TransferEvent;

/// <summary>
/// A transfer asked for: its items, from which site of which organisation to which organisation
/// and site, for which purpose and project, under which agreement; for an instrument lent, when it
/// should come back; for a loan's return, the loan it ends.
/// </summary>
public sealed record TransferRequested(
    string TransferId,
    string RequestedBy,
    string RequestingOrganisation,
    string FromOrganisation,
    string FromSite,
    string ToOrganisation,
    string ToSite,
    IReadOnlyList<TransferItem> Items,
    PermittedUse Purpose,
    string Project,
    string? AgreementId,
    DateTimeOffset? ExpectedReturn,
    IReadOnlyList<string> ReservationsToCancel,
    string? ReturnOf,
    DateTimeOffset At) : TransferEvent;

/// <summary>Approved by the sending organisation, with every check of the release gate and the values it was judged on.</summary>
public sealed record TransferApproved(string TransferId, IReadOnlyList<GateCheck> Checks, DateTimeOffset At) : TransferEvent;

public sealed record TransferRejected(string TransferId, string Reason, DateTimeOffset At) : TransferEvent;

public sealed record TransferCancelled(string TransferId, string Reason, DateTimeOffset At) : TransferEvent;

/// <summary>Handed to the carrier: custody of every item passes to it. The gate was checked again, as recorded.</summary>
public sealed record TransferDispatched(string TransferId, Shipment Shipment, IReadOnlyList<GateCheck> Checks, DateTimeOffset At) : TransferEvent;

/// <summary>Items received (all or some) by the receiving organisation, each as it arrived.</summary>
public sealed record TransferItemsReceived(string TransferId, IReadOnlyList<ItemReceipt> Receipts, DateTimeOffset At) : TransferEvent;

/// <summary>A shipment of samples or a loan of instruments between sites and organisations, folded from its stream.</summary>
public sealed record Transfer(
    string Id,
    string RequestedBy,
    string RequestingOrganisation,
    string FromOrganisation,
    string FromSite,
    string ToOrganisation,
    string ToSite,
    IReadOnlyList<TransferItem> Items,
    PermittedUse Purpose,
    string Project,
    string? AgreementId,
    DateTimeOffset? ExpectedReturn,
    IReadOnlyList<string> ReservationsToCancel,
    string? ReturnOf,
    TransferState State,
    string StateReason,
    Shipment? Shipment,
    IReadOnlyList<GateCheck> ApprovalChecks,
    IReadOnlyList<GateCheck> DispatchChecks,
    DateTimeOffset? DispatchTime,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IEventFold<Transfer, TransferEvent>
{
    /// <summary>Whether the transfer crosses from one organisation to the other (then samples need an agreement).</summary>
    public bool CrossesOrganisations => FromOrganisation != ToOrganisation;

    /// <summary>Whether the transfer is still under way: its items are in no other transfer until it ends.</summary>
    public bool IsOpen => State is TransferState.Requested or TransferState.Approved or TransferState.Dispatched or TransferState.PartiallyReceived;

    public static Transfer? Evolve(Transfer? state, TransferEvent change) => (state, change) switch
    {
        (null, TransferRequested e) => new Transfer(
            e.TransferId, e.RequestedBy, e.RequestingOrganisation, e.FromOrganisation, e.FromSite, e.ToOrganisation, e.ToSite, e.Items,
            e.Purpose, e.Project, e.AgreementId, e.ExpectedReturn, e.ReservationsToCancel, e.ReturnOf, TransferState.Requested, "", null, [], [],
            null, e.At, e.At, 1),
        (null, _) => null,
        (_, TransferApproved e) => state.Next(e.At) with { State = TransferState.Approved, ApprovalChecks = e.Checks },
        (_, TransferRejected e) => state.Next(e.At) with { State = TransferState.Rejected, StateReason = e.Reason },
        (_, TransferCancelled e) => state.Next(e.At) with { State = TransferState.Cancelled, StateReason = e.Reason },
        (_, TransferDispatched e) => state.Next(e.At) with
        {
            State = TransferState.Dispatched,
            Shipment = e.Shipment,
            DispatchChecks = e.Checks,
            DispatchTime = e.At,
            Items = [.. state.Items.Select(i => i with { State = TransferItemState.InTransit })],
        },
        (_, TransferItemsReceived e) => state.Received(e),
        _ => state,
    };

    private Transfer Received(TransferItemsReceived e)
    {
        var receipts = e.Receipts.ToDictionary(r => r.Item, StringComparer.Ordinal);
        var items = Items
            .Select(i => receipts.TryGetValue(i.Name, out var r)
                ? i with
                {
                    State = r.Condition == ItemCondition.Missing ? TransferItemState.Lost : TransferItemState.Received,
                    Condition = r.Condition,
                    TemperatureExcursion = r.TemperatureExcursion,
                    ReceivedQuantity = r.ReceivedQuantity,
                    Placement = r.Placement,
                    ReceiveTime = e.At,
                }
                : i)
            .ToList();
        var done = items.All(i => i.State is TransferItemState.Received or TransferItemState.Lost);
        return Next(e.At) with { Items = items, State = done ? TransferState.Received : TransferState.PartiallyReceived };
    }

    private Transfer Next(DateTimeOffset at) => this with { UpdateTime = at, Version = Version + 1 };
}

/// <summary>Commands on a transfer, who may give them, and the events they decide.</summary>
public static class TransferDecider
{
    /// <summary>Staff who ask for, and receive, transfers for their organisation.</summary>
    public static readonly string[] StaffRoles = [Role.Technician, Role.LabSystem, Role.BiobankManager, Role.FacilityManager, Role.Admin];

    public abstract record Command(Caller Caller, DateTimeOffset Now);

    /// <summary>
    /// Asks for a transfer; the handler has checked the fields' form, and says which requested items
    /// already are in another open transfer (<paramref name="InOpenTransfers"/>: item and transfer).
    /// </summary>
    public sealed record Request(
        Caller Caller, DateTimeOffset Now, string TransferId, string FromOrganisation, string FromSite, string ToOrganisation, string ToSite,
        IReadOnlyList<(string Name, TransferItemKind Kind)> Items, PermittedUse Purpose, string Project, string? AgreementId,
        DateTimeOffset? ExpectedReturn, IReadOnlyList<string> ReservationsToCancel, string? ReturnOf,
        IReadOnlyDictionary<string, string> InOpenTransfers) : Command(Caller, Now);

    /// <summary>Approves a requested transfer if the release gate passes on <paramref name="Facts"/>.</summary>
    public sealed record Approve(Caller Caller, DateTimeOffset Now, ReleaseGate.Facts Facts) : Command(Caller, Now);

    public sealed record Reject(Caller Caller, DateTimeOffset Now, string Reason) : Command(Caller, Now);

    public sealed record Cancel(Caller Caller, DateTimeOffset Now, string Reason) : Command(Caller, Now);

    /// <summary>Hands an approved transfer to the carrier, the release gate checked again on <paramref name="Facts"/>.</summary>
    public sealed record Dispatch(Caller Caller, DateTimeOffset Now, Shipment Shipment, ReleaseGate.Facts Facts) : Command(Caller, Now);

    /// <summary>Records items received; each receipt's placement has been claimed at the receiving site.</summary>
    public sealed record Receive(Caller Caller, DateTimeOffset Now, IReadOnlyList<ItemReceipt> Receipts) : Command(Caller, Now);

    public static IReadOnlyList<TransferEvent> Decide(Command command, Transfer? state)
    {
        if (command is Request request)
        {
            return state is null
                ? DecideRequest(request)
                : throw new ResourceAlreadyExistsException(request.TransferId, "The transfer already exists.");
        }

        var transfer = state ?? throw new InvalidOperationException("The handler loads the transfer before deciding.");
        return command switch
        {
            Approve c => DecideApprove(c, transfer),
            Reject c => DecideReject(c, transfer),
            Cancel c => DecideCancel(c, transfer),
            Dispatch c => DecideDispatch(c, transfer),
            Receive c => DecideReceive(c, transfer),
            _ => throw new InvalidOperationException($"Unknown command {command.GetType().Name}."),
        };
    }

    /// <summary>Who sees a transfer: its two organisations, and auditors.</summary>
    public static bool IsVisibleTo(this Transfer transfer, Caller viewer) =>
        viewer.Organisation == transfer.FromOrganisation || viewer.Organisation == transfer.ToOrganisation
        || viewer.Has(Role.Auditor) || viewer.Has(Role.Admin);

    private static IReadOnlyList<TransferEvent> DecideRequest(Request c)
    {
        c.Caller.RequireAnyRole(StaffRoles);
        if (c.Caller.Organisation != c.FromOrganisation)
        {
            c.Caller.RequireOrganisation(c.ToOrganisation);
        }

        if (c.InOpenTransfers.Count > 0)
        {
            throw new RuleViolationException(
                ErrorReasons.ItemInOpenTransfer, "Items are already in another open transfer.",
                new Dictionary<string, object> { ["name"] = c.InOpenTransfers.Keys.First() },
                [.. c.InOpenTransfers.Select(i => new RuleViolation(ErrorReasons.ItemInOpenTransfer, i.Key, $"{i.Key} is in {i.Value}, still open."))]);
        }

        return
        [
            new TransferRequested(
                c.TransferId, c.Caller.Subject, c.Caller.Organisation, c.FromOrganisation, c.FromSite, c.ToOrganisation, c.ToSite,
                [.. c.Items.Select(i => TransferItem.Awaiting(i.Name, i.Kind))],
                c.Purpose, c.Project, c.AgreementId, c.ExpectedReturn, c.ReservationsToCancel, c.ReturnOf, c.Now),
        ];
    }

    private static IReadOnlyList<TransferEvent> DecideApprove(Approve c, Transfer transfer)
    {
        RequireSenderManager(c.Caller, transfer);
        if (transfer.State == TransferState.Approved)
        {
            return [];
        }

        RequireState(transfer, TransferState.Requested);
        return [new TransferApproved(transfer.Id, ReleaseGate.Passed(transfer, c.Facts, c.Now), c.Now)];
    }

    private static IReadOnlyList<TransferEvent> DecideReject(Reject c, Transfer transfer)
    {
        RequireSenderManager(c.Caller, transfer);
        if (transfer.State == TransferState.Rejected)
        {
            return [];
        }

        RequireState(transfer, TransferState.Requested, TransferState.Approved);
        return [new TransferRejected(transfer.Id, c.Reason, c.Now)];
    }

    private static IReadOnlyList<TransferEvent> DecideCancel(Cancel c, Transfer transfer)
    {
        var requester = c.Caller.Subject == transfer.RequestedBy && c.Caller.Organisation == transfer.RequestingOrganisation;
        if (!requester)
        {
            RequireSenderManager(c.Caller, transfer);
        }

        if (transfer.State == TransferState.Cancelled)
        {
            return [];
        }

        RequireState(transfer, TransferState.Requested, TransferState.Approved);
        return [new TransferCancelled(transfer.Id, c.Reason, c.Now)];
    }

    private static IReadOnlyList<TransferEvent> DecideDispatch(Dispatch c, Transfer transfer)
    {
        RequireSenderManager(c.Caller, transfer);
        if (transfer.State == TransferState.Dispatched)
        {
            return [];
        }

        RequireState(transfer, TransferState.Approved);
        return [new TransferDispatched(transfer.Id, c.Shipment, ReleaseGate.Passed(transfer, c.Facts, c.Now), c.Now)];
    }

    /// <summary>Only the receiving organisation's staff receive a dispatched transfer.</summary>
    public static void RequireReceiver(Caller caller, Transfer transfer)
    {
        caller.RequireAnyRole(StaffRoles);
        caller.RequireOrganisation(transfer.ToOrganisation);
        RequireState(transfer, TransferState.Dispatched, TransferState.PartiallyReceived, TransferState.Received);
    }

    private static IReadOnlyList<TransferEvent> DecideReceive(Receive c, Transfer transfer)
    {
        RequireReceiver(c.Caller, transfer);
        var items = transfer.Items.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var unknown = c.Receipts.FirstOrDefault(r => !items.ContainsKey(r.Item));
        if (unknown is not null)
        {
            throw new RuleViolationException(
                ErrorReasons.InvalidStateTransition, $"{unknown.Item} is not an item of {transfer.Id}.", ("name", unknown.Item), ("state", transfer.State));
        }

        // A receipt is recorded once: receiving an item again, as it was received, changes nothing.
        var pending = c.Receipts.Where(r => items[r.Item].State == TransferItemState.InTransit).ToList();
        var conflicting = c.Receipts.FirstOrDefault(r =>
            items[r.Item].State != TransferItemState.InTransit && (items[r.Item].Condition != r.Condition || items[r.Item].TemperatureExcursion != r.TemperatureExcursion));
        if (conflicting is not null)
        {
            throw new RuleViolationException(
                ErrorReasons.InvalidStateTransition, $"{conflicting.Item} was already received as {items[conflicting.Item].Condition}.",
                ("name", conflicting.Item), ("state", items[conflicting.Item].State));
        }

        return pending.Count == 0 ? [] : [new TransferItemsReceived(transfer.Id, pending, c.Now)];
    }

    /// <summary>
    /// Only the sending organisation's managers approve, reject and dispatch: its biobank managers
    /// for samples, its facility managers for instruments (admins for either).
    /// </summary>
    private static void RequireSenderManager(Caller caller, Transfer transfer)
    {
        if (transfer.Items.Any(i => i.Kind == TransferItemKind.Sample))
        {
            caller.RequireAnyRole(Role.BiobankManager, Role.Admin);
        }

        if (transfer.Items.Any(i => i.Kind == TransferItemKind.Equipment))
        {
            caller.RequireAnyRole(Role.FacilityManager, Role.Admin);
        }

        caller.RequireOrganisation(transfer.FromOrganisation);
    }

    private static void RequireState(Transfer transfer, params TransferState[] allowed)
    {
        if (!allowed.Contains(transfer.State))
        {
            throw new RuleViolationException(
                ErrorReasons.InvalidStateTransition,
                $"The transfer is {transfer.State}; this needs it to be {string.Join(" or ", allowed)}.",
                ("name", transfer.Id), ("state", transfer.State));
        }
    }
}
