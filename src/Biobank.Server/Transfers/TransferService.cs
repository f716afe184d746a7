using Biobank.Domain;
using Biobank.Domain.Access;
using Biobank.Domain.Agreements;
using Biobank.Domain.Consents;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Reservations;
using Biobank.Domain.Samples;
using Biobank.Domain.Transfers;
using Biobank.Server.Agreements;
using Biobank.Server.Api;
using Biobank.Server.Equipment;
using Biobank.Server.EventStore;
using Biobank.Server.Partners;
using Biobank.Server.Reservations;
using Biobank.Server.Samples;
using Grpc.Core;
using Marten;
using Microsoft.Extensions.Options;
using V1 = Biobank.V1;

namespace Biobank.Server.Transfers;

/// <summary>
/// biobank.v1.TransferService: maps requests to transfer commands (<see cref="TransferDecider"/>)
/// and to the item commands each hand-off decides on every sample's and instrument's stream, in
/// the same transaction. What the release gate judges (<see cref="ReleaseGate"/>) is read inside it.
/// </summary>
public sealed partial class TransferService(
    EventWriter writer, IQuerySession query, CallContext call, IOptions<DirectoryOptions> directory, IHostApplicationLifetime lifetime)
    : V1.TransferService.TransferServiceBase
{
    private const string Collection = TransferMapping.Collection;

    /// <summary>A 384-well plate is the largest shipment a single request moves.</summary>
    private const int MaxItems = 384;

    private const int MaxReservationsToCancel = 100;

    public override Task<V1.Transfer> RequestTransfer(V1.RequestTransferRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.NewName(request.TransferId, Collection, "transfer_id");
        var transfer = request.Transfer ?? new V1.Transfer();
        if (request.Transfer is null)
        {
            checks.Add("transfer", "is required");
        }

        var items = ReadItems([.. transfer.Items.Select(i => i.Item)], "transfer.items", checks);
        var from = directory.Value.ReadSite(transfer.FromSite, "transfer.from_site", checks);
        var to = directory.Value.ReadSite(transfer.ToSite, "transfer.to_site", checks);
        if (from is not null && from == to)
        {
            checks.Add("transfer.to_site", "must not be the from site");
        }

        var purpose = (PermittedUse)checks.Enum(transfer.Purpose, "transfer.purpose");
        var project = checks.Optional(transfer.Project, "transfer.project", 64);
        var agreement = transfer.Agreement == "" ? null : checks.Name(transfer.Agreement, AgreementMapping.Collection, "transfer.agreement");
        var expectedReturn = transfer.ExpectedReturnTime is null ? (DateTimeOffset?)null : checks.Time(transfer.ExpectedReturnTime, "transfer.expected_return_time");
        var cancelled = ReadReservations(transfer.ReservationsToCancel, "transfer.reservations_to_cancel", checks);
        var moved = items.Where(i => i.Kind == TransferItemKind.Equipment).Select(i => i.Name).ToList();
        var crosses = from is not null && to is not null && from.Organisation != to.Organisation;
        if (crosses && agreement is null && items.Any(i => i.Kind == TransferItemKind.Sample))
        {
            checks.Add("transfer.agreement", "is required when samples go to another organisation");
        }

        if (crosses && expectedReturn is null && moved.Count > 0)
        {
            checks.Add("transfer.expected_return_time", "is required when instruments are lent to another organisation");
        }

        if (expectedReturn is not null && moved.Count == 0)
        {
            checks.Add("transfer.expected_return_time", "applies to instruments only; the transfer moves none");
        }

        if (cancelled.Count > 0 && moved.Count == 0)
        {
            checks.Add("transfer.reservations_to_cancel", "applies to instruments only; the transfer moves none");
        }

        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            if (expectedReturn <= scope.Now)
            {
                throw new InvalidRequestException("transfer.expected_return_time", "must be in the future");
            }

            if (agreement is not null)
            {
                await scope.LoadExistingAsync<Agreement>(agreement);
            }

            var state = await RequestAsync(scope, name, items, cancelled, "transfer.reservations_to_cancel", open => new TransferDecider.Request(
                scope.Caller, scope.Now, name, from!.Organisation, from.Id, to!.Organisation, to.Id, items, purpose, project, agreement,
                expectedReturn, cancelled, null, open));
            return state.ToApi(scope.Caller);
        }, context.CancellationToken);
    }

    public override Task<V1.Transfer> ReturnEquipment(V1.ReturnEquipmentRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.NewName(request.TransferId, Collection, "transfer_id");
        var equipment = checks.Name(request.Equipment, EquipmentService.Collection, "equipment");
        var site = request.ToSite == "" ? null : directory.Value.ReadSite(request.ToSite, "to_site", checks);
        var cancelled = ReadReservations(request.ReservationsToCancel, "reservations_to_cancel", checks);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var instrument = await scope.LoadExistingAsync<Instrument>(equipment);
            if (instrument.Loan is not { } loanId)
            {
                throw new RuleViolationException(
                    ErrorReasons.InvalidStateTransition, $"{equipment} is not on loan; it is with its owner.", ("name", equipment), ("state", instrument.Status));
            }

            if (site is not null && site.Organisation != instrument.OwnerOrganisation)
            {
                throw new InvalidRequestException("to_site", "must be a site of the instrument's owner");
            }

            var loan = await scope.LoadExistingAsync<Transfer>(loanId);
            var state = await RequestAsync(scope, name, [(equipment, TransferItemKind.Equipment)], cancelled, "reservations_to_cancel", open => new TransferDecider.Request(
                scope.Caller, scope.Now, name, instrument.Custodian, instrument.Site, instrument.OwnerOrganisation, site?.Id ?? loan.FromSite,
                [(equipment, TransferItemKind.Equipment)], loan.Purpose, loan.Project, null, null, cancelled, loan.Id, open));
            return state.ToApi(scope.Caller);
        }, context.CancellationToken);
    }

    public override Task<V1.Transfer> ApproveTransfer(V1.ApproveTransferRequest request, ServerCallContext context)
    {
        var name = ResourceNames.Parse(request.Name, Collection);
        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var facts = await GateFactsAsync(scope, await ReadableAsync(scope, name));
            var transfer = await scope.DecideExistingAsync(
                name, (Transfer current) => TransferDecider.Decide(new TransferDecider.Approve(scope.Caller, scope.Now, facts), current), request.Etag);

            // The bookings the request gave up, then the instruments: not booked where they stand while away.
            var cancellation = new ReservationDecider.CancelIfOpen(scope.Caller, scope.Now, $"Cancelled for {transfer.Id}.");
            foreach (var reservation in transfer.ReservationsToCancel)
            {
                await scope.DecideExistingAsync(reservation, (Reservation current) => ReservationDecider.Decide(cancellation, current));
            }

            var away = new EquipmentDecider.ApproveTransfer(
                scope.Caller, scope.Now, transfer.Id, new Interval(scope.Now, transfer.ExpectedReturn ?? DateTimeOffset.MaxValue));
            foreach (var instrument in ItemsOf(transfer, TransferItemKind.Equipment))
            {
                await scope.DecideExistingAsync(instrument, (Instrument current) => EquipmentDecider.Decide(away, current));
            }

            return transfer.ToApi(scope.Caller);
        }, context.CancellationToken);
    }

    public override Task<V1.Transfer> RejectTransfer(V1.RejectTransferRequest request, ServerCallContext context)
    {
        var (name, reason) = ReadEnding(request.Name, request.Reason);
        return EndAsync(request, request.RequestId, name, request.Etag, scope => new TransferDecider.Reject(scope.Caller, scope.Now, reason), context);
    }

    public override Task<V1.Transfer> CancelTransfer(V1.CancelTransferRequest request, ServerCallContext context)
    {
        var (name, reason) = ReadEnding(request.Name, request.Reason);
        return EndAsync(request, request.RequestId, name, request.Etag, scope => new TransferDecider.Cancel(scope.Caller, scope.Now, reason), context);
    }

    public override async Task<V1.Transfer> GetTransfer(V1.GetTransferRequest request, ServerCallContext context)
    {
        var name = ResourceNames.Parse(request.Name, Collection);
        var transfer = await query.LoadAsync<Transfer>(name, context.CancellationToken);
        return transfer is not null && transfer.IsVisibleTo(Caller) ? transfer.ToApi(Caller) : throw new ResourceNotFoundException(name);
    }

    public override async Task<V1.ListTransfersResponse> ListTransfers(V1.ListTransfersRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var named = request.Organisation == "" ? null : checks.Name(request.Organisation, ResourceNames.OrganisationsCollection, "organisation");
        var direction = request.Direction;
        var state = (TransferState)request.State;
        var item = request.Item == "" ? null : ReadItem(request.Item, "item", checks)?.Name;
        checks.ThrowIfAny();
        var organisation = named is null ? Caller.Organisation : ResourceNames.IdOf(named, ResourceNames.OrganisationsCollection);
        RequireWatcherOf(organisation);

        IQueryable<Transfer> transfers = query.Query<Transfer>();
        transfers = direction switch
        {
            V1.TransferDirection.Outgoing => transfers.Where(t => t.FromOrganisation == organisation),
            V1.TransferDirection.Incoming => transfers.Where(t => t.ToOrganisation == organisation),
            _ => transfers.Where(t => t.FromOrganisation == organisation || t.ToOrganisation == organisation),
        };
        if (state != TransferState.Unspecified)
        {
            transfers = transfers.Where(t => t.State == state);
        }

        if (item is not null)
        {
            transfers = transfers.Where(t => t.Items.Any(i => i.Name == item));
        }

        var page = await Paging.PageAsync(
            transfers, Keyset.ByName<Transfer>(t => t.Id),
            new PageRequest(request.PageSize, request.PageToken, Collection, PageRequest.FilterOf(organisation, direction, state, item)),
            context.CancellationToken);
        var response = new V1.ListTransfersResponse { NextPageToken = page.NextPageToken };
        response.Transfers.Add(page.Items.Select(t => t.ToApi(Caller)));
        return response;
    }

    public override async Task WatchTransfers(V1.WatchTransfersRequest request, IServerStreamWriter<V1.TransferChange> responseStream, ServerCallContext context)
    {
        var caller = Caller;
        var checks = new RequestChecks();
        if (request.Organisation != "" && request.Item != "")
        {
            checks.Add("item", "at most one of organisation and item is allowed");
        }

        var organisation = request.Organisation == "" ? null : checks.Name(request.Organisation, ResourceNames.OrganisationsCollection, "organisation");
        var item = request.Item == "" ? null : ReadItem(request.Item, "item", checks)?.Name;
        var resumeAfter = ChangeFeed.ReadResumeAfter(request.ResumeAfter, "resume_after", checks);
        checks.ThrowIfAny();
        if (item is null)
        {
            organisation ??= ResourceNames.Organisation(caller.Organisation);
            RequireWatcherOf(ResourceNames.IdOf(organisation, ResourceNames.OrganisationsCollection));
        }

        // Watching an item shows only the transfers of it the caller may see.
        await ChangeFeed.WatchAsync<Transfer>(
            query, nameof(Transfer), item ?? organisation!, resumeAfter,
            change => change.State.IsVisibleTo(caller)
                ? responseStream.WriteAsync(new V1.TransferChange
                {
                    Position = ChangeFeed.FormatPosition(change.Position),
                    Change = change.Name,
                    Transfer = change.State.ToApi(caller),
                    ChangeTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(change.ChangeTime),
                }, context.CancellationToken)
                : Task.CompletedTask,
            context.CancellationToken, lifetime.ApplicationStopping);
    }

    private Caller Caller => call.Caller ?? throw new InvalidOperationException("Calls are authenticated.");

    /// <summary>Checks that the items exist, the reservations to cancel are theirs, and none of the items is in another open transfer; then decides the request.</summary>
    private static async Task<Transfer> RequestAsync(
        WriteScope scope, string name, IReadOnlyList<(string Name, TransferItemKind Kind)> items, List<string> reservationsToCancel,
        string reservationsField, Func<IReadOnlyDictionary<string, string>, TransferDecider.Request> request)
    {
        var names = items.Select(i => i.Name).ToList();
        var samples = await scope.LoadManyAsync<Sample>(items.Where(i => i.Kind == TransferItemKind.Sample).Select(i => i.Name), s => s.Id);
        var instruments = await scope.LoadManyAsync<Instrument>(items.Where(i => i.Kind == TransferItemKind.Equipment).Select(i => i.Name), i => i.Id);
        if (names.FirstOrDefault(n => !samples.ContainsKey(n) && !instruments.ContainsKey(n)) is { } missing)
        {
            throw new ResourceNotFoundException(missing);
        }

        var reservations = await scope.LoadManyAsync<Reservation>(reservationsToCancel, r => r.Id);
        for (var i = 0; i < reservationsToCancel.Count; i++)
        {
            if (!reservations.TryGetValue(reservationsToCancel[i], out var reservation) || !instruments.ContainsKey(reservation.EquipmentId))
            {
                throw new InvalidRequestException($"{reservationsField}[{i}]", "must be a reservation of an instrument the transfer moves");
            }
        }

        var open = await OpenTransfers.OfAsync(scope.Session, names, scope.CancellationToken);
        return await scope.CreateAsync(name, (Transfer? current) => TransferDecider.Decide(request(open), current));
    }

    /// <summary>A rejection or a cancellation: the transfer ends, and its instruments are booked where they stand again.</summary>
    private Task<V1.Transfer> EndAsync(
        Google.Protobuf.IMessage request, string requestId, string name, string etag, Func<WriteScope, TransferDecider.Command> command, ServerCallContext context) =>
        writer.ExecuteAsync(request, requestId, async scope =>
        {
            await ReadableAsync(scope, name);
            var transfer = await scope.DecideExistingAsync(name, (Transfer current) => TransferDecider.Decide(command(scope), current), etag);
            var withdrawal = new EquipmentDecider.WithdrawTransfer(scope.Caller, scope.Now, transfer.Id);
            foreach (var instrument in ItemsOf(transfer, TransferItemKind.Equipment))
            {
                await scope.DecideExistingAsync(instrument, (Instrument current) => EquipmentDecider.Decide(withdrawal, current));
            }

            return transfer.ToApi(scope.Caller);
        }, context.CancellationToken);

    /// <summary>
    /// What the release gate judges, read in the change's transaction: each item as it is now, the
    /// consents of the human samples' donors, the agreement (locked, so a revocation waits for this
    /// decision or is seen by it), and the bookings that hold each instrument while it is away.
    /// </summary>
    private static async Task<ReleaseGate.Facts> GateFactsAsync(WriteScope scope, Transfer transfer)
    {
        var samples = await scope.LoadManyAsync<Sample>(ItemsOf(transfer, TransferItemKind.Sample), s => s.Id);
        var instruments = await scope.LoadManyAsync<Instrument>(ItemsOf(transfer, TransferItemKind.Equipment), i => i.Id);
        var consents = await scope.LoadManyAsync<Consent>(samples.Values.Select(s => s.DonorConsent).OfType<string>(), c => c.Id);
        var agreement = transfer.AgreementId is { } id ? await scope.LockAsync<Agreement>(id) : null;
        var conflicts = new Dictionary<string, IReadOnlyList<Reservation>>(StringComparer.Ordinal);
        foreach (var instrument in instruments.Keys)
        {
            conflicts[instrument] = await BookingsWhileAwayAsync(scope, transfer, instrument);
        }

        return new ReleaseGate.Facts(samples, instruments, consents, agreement, conflicts);
    }

    /// <summary>
    /// The bookings that hold an instrument while the transfer takes it away: for a loan, those
    /// overlapping the loan; for a return or a move, those made under the sender's custody that end
    /// after now (bookings its owner made for after the loan stay).
    /// </summary>
    private static async Task<IReadOnlyList<Reservation>> BookingsWhileAwayAsync(WriteScope scope, Transfer transfer, string equipmentId)
    {
        var (now, until, sender) = (scope.Now, transfer.ExpectedReturn ?? DateTimeOffset.MaxValue, transfer.FromOrganisation);
        var holding = Enum.GetValues<ReservationState>().Where(s => s.HoldsSlot()).ToArray();
        var bookings = scope.Session.Query<Reservation>()
            .Where(r => r.EquipmentId == equipmentId && holding.Contains(r.State) && r.Interval.End > now && r.Interval.Start < until);
        if (transfer.ExpectedReturn is null)
        {
            bookings = bookings.Where(r => r.EquipmentOwner == sender);
        }

        return await bookings.OrderBy(r => r.Id).ToListAsync(scope.CancellationToken);
    }

    /// <summary>The transfer, read in the change's transaction: NOT_FOUND for callers who may not see it, as for one that does not exist.</summary>
    private static async Task<Transfer> ReadableAsync(WriteScope scope, string name)
    {
        var transfer = await scope.LoadAsync<Transfer>(name);
        return transfer is not null && transfer.IsVisibleTo(scope.Caller) ? transfer : throw new ResourceNotFoundException(name);
    }

    private static IEnumerable<string> ItemsOf(Transfer transfer, TransferItemKind kind) =>
        transfer.Items.Where(i => i.Kind == kind).Select(i => i.Name);

    /// <summary>Another organisation's transfers are listed and watched by auditors and admins only.</summary>
    private void RequireWatcherOf(string organisation)
    {
        if (!Caller.Has(Role.Auditor) && !Caller.Has(Role.Admin))
        {
            Caller.RequireOrganisation(organisation);
        }
    }

    private static (string Name, string Reason) ReadEnding(string name, string reason)
    {
        var checks = new RequestChecks();
        var checkedName = checks.Name(name, Collection, "name");
        var checkedReason = checks.Required(reason, "reason", 500);
        checks.ThrowIfAny();
        return (checkedName, checkedReason);
    }

    /// <summary>1 to <see cref="MaxItems"/> distinct samples and instruments.</summary>
    private static List<(string Name, TransferItemKind Kind)> ReadItems(IReadOnlyList<string> names, string field, RequestChecks checks)
    {
        if (names.Count is < 1 or > MaxItems)
        {
            checks.Add(field, $"must hold 1-{MaxItems} items");
        }

        var items = names.Select((n, i) => ReadItem(n, $"{field}[{i}].item", checks)).OfType<(string Name, TransferItemKind Kind)>().ToList();
        if (items.Select(i => i.Name).Distinct(StringComparer.Ordinal).Count() != items.Count)
        {
            checks.Add(field, "must not name an item twice");
        }

        return items;
    }

    /// <summary>A sample, "samples/{id}", or an instrument, "equipment/{id}".</summary>
    private static (string Name, TransferItemKind Kind)? ReadItem(string name, string field, RequestChecks checks)
    {
        if (ResourceNames.IsNameIn(name, SampleMapping.Collection))
        {
            return (name, TransferItemKind.Sample);
        }

        if (ResourceNames.IsNameIn(name, EquipmentService.Collection))
        {
            return (name, TransferItemKind.Equipment);
        }

        checks.Add(field, "must be a sample, \"samples/{id}\", or an instrument, \"equipment/{id}\"");
        return null;
    }

    private static List<string> ReadReservations(Google.Protobuf.Collections.RepeatedField<string> names, string field, RequestChecks checks)
    {
        if (names.Count > MaxReservationsToCancel)
        {
            checks.Add(field, $"must name at most {MaxReservationsToCancel} reservations");
        }

        var reservations = names.Select((n, i) => checks.Name(n, ReservationService.Collection, $"{field}[{i}]")).ToList();
        if (reservations.Distinct(StringComparer.Ordinal).Count() != reservations.Count)
        {
            checks.Add(field, "must not name a reservation twice");
        }

        return reservations;
    }
}
