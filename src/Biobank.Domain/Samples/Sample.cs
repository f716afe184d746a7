using System.Globalization;
using Biobank.Domain.Access;
using Biobank.Domain.Consents;
using Biobank.Domain.Failures;
using Biobank.Domain.StorageUnits;

namespace Biobank.Domain.Samples;

// Events of a sample's stream ("samples/{id}"). Who recorded each one, for which organisation and
// in which call is in the event envelope; times here are business times. Donors appear only as
// pseudonyms.

/// <summary>The events of a sample's stream.</summary>
public abstract record SampleEvent;

/// <summary>
/// The first event of a sample: a primary sample, or an aliquot or derivative of
/// <paramref name="ParentId"/>. <paramref name="Organisation"/> is its custodian, whose labels its
/// barcode is among; <paramref name="ConsentHolder"/> the organisation that holds its donor's
/// consent (the custodian that collected it, or for material made from a sample received from the
/// partner, the partner); <paramref name="Site"/> where it is, when it has no box position.
/// </summary>
public sealed record SampleRegistered(
    string SampleId,
    string Organisation,
    string Barcode,
    string Collection,
    SourceKind SourceKind,
    string DonorPseudonym,
    string Species,
    MaterialType MaterialType,
    DateTimeOffset CollectionTime,
    Quantity Quantity,
    string ConsentReference,
    string SprecCode,
    Placement? Placement,
    string? ParentId,
    DateTimeOffset At,
    string? ConsentHolder = null,
    string? Site = null) : SampleEvent;

/// <summary>Moved into <paramref name="To"/>, freeing <paramref name="From"/>.</summary>
public sealed record SampleMoved(string SampleId, Placement? From, Placement To, DateTimeOffset At) : SampleEvent;

/// <summary>Split: <paramref name="Taken"/> went into the new samples <paramref name="Children"/>.</summary>
public sealed record SampleAliquoted(string SampleId, IReadOnlyList<string> Children, Quantity Taken, DateTimeOffset At) : SampleEvent;

/// <summary><paramref name="Taken"/> was processed into <paramref name="ChildId"/>, a new material.</summary>
public sealed record SampleDerived(string SampleId, string ChildId, MaterialType MaterialType, Quantity Taken, DateTimeOffset At) : SampleEvent;

public sealed record SampleUsed(string SampleId, Quantity Consumed, string Purpose, string Project, DateTimeOffset At) : SampleEvent;

/// <summary>Taken out of storage: one more freeze-thaw cycle.</summary>
public sealed record SampleCheckedOut(string SampleId, DateTimeOffset At) : SampleEvent;

public sealed record SampleCheckedIn(string SampleId, DateTimeOffset At) : SampleEvent;

public sealed record SampleHoldPlaced(string SampleId, string HoldId, HoldKind Kind, string Reason, DateTimeOffset At) : SampleEvent;

public sealed record SampleHoldLifted(string SampleId, string HoldId, string Reason, DateTimeOffset At) : SampleEvent;

/// <summary>Destroyed; the sample's position is freed. Final.</summary>
public sealed record SampleDisposed(string SampleId, string Method, string Reason, DateTimeOffset At) : SampleEvent;

/// <summary>Allocated to <paramref name="Project"/> as part of allocation <paramref name="AllocationId"/>; lapses at <paramref name="Until"/>.</summary>
public sealed record SampleAllocated(string SampleId, string AllocationId, string Project, DateTimeOffset Until, DateTimeOffset At) : SampleEvent;

public sealed record SampleAllocationReleased(string SampleId, string AllocationId, string Reason, DateTimeOffset At) : SampleEvent;

/// <summary>Handed to a carrier for a transfer: out of its box, in the carrier's custody until received.</summary>
public sealed record SampleDispatched(string SampleId, string TransferId, string Carrier, DateTimeOffset At) : SampleEvent;

/// <summary>
/// Received by <paramref name="Custodian"/> (at <paramref name="Site"/>, in <paramref name="Placement"/>
/// when one was given), with the quantity found: custody, and the sample's management, pass to the
/// receiving organisation.
/// </summary>
public sealed record SampleReceived(
    string SampleId, string TransferId, string Custodian, string Site, Placement? Placement, Quantity Quantity,
    Transfers.ItemCondition Condition, bool TemperatureExcursion, DateTimeOffset At) : SampleEvent;

/// <summary>Never received from the carrier.</summary>
public sealed record SampleLost(string SampleId, string TransferId, DateTimeOffset At) : SampleEvent;

/// <summary>
/// The state of one physical container, folded from its stream: what it is, where it comes from,
/// where it is, how much is left and what stops its use. It stays small: children are other
/// streams, found by their <see cref="ParentId"/>.
/// </summary>
public sealed record Sample(
    string Id,
    string Organisation,
    string Barcode,
    string Collection,
    SourceKind SourceKind,
    string DonorPseudonym,
    string Species,
    MaterialType MaterialType,
    DateTimeOffset CollectionTime,
    Quantity Quantity,
    string ConsentReference,
    string SprecCode,
    Placement? Placement,
    // The site the sample is at ("" when unknown: registered without a position, or with a carrier).
    string Site,
    // The units the sample is stored in, box first, so a freezer's samples are found by one filter.
    IReadOnlyList<string> StorageUnits,
    string? ParentId,
    int FreezeThawCount,
    bool CheckedOut,
    IReadOnlyList<Hold> Holds,
    SampleAllocation? Allocation,
    bool Disposed,
    string? Transfer,
    bool Lost,
    string ConsentHolder,
    SampleState State,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IEventFold<Sample, SampleEvent>
{
    /// <summary>Lineages deeper than this are taken for a cycle in the data, and cut there.</summary>
    public const int MaxGenerations = 32;

    /// <summary>Applies the event, then settles the state: disposal is final, zero is depleted, a hold overrides the rest.</summary>
    public static Sample? Evolve(Sample? state, SampleEvent change) => Advance(state, change)?.Settled();

    /// <summary>The consent stream of the sample's donor, or null when it names no donor.</summary>
    public string? DonorConsent => DonorPseudonym == "" ? null : Consent.NameFor(ConsentHolder, Collection, DonorPseudonym);

    /// <summary>
    /// The sample as it stands at <paramref name="now"/>: an allocation ends at its expiry time
    /// without an event, so every decision and every read judges it against the clock.
    /// </summary>
    public Sample At(DateTimeOffset now) =>
        Allocation is { } allocation && allocation.Until <= now ? (this with { Allocation = null }).Settled() : this;

    // Not named Apply: Marten would take it for a convention method of the projection.
    private static Sample? Advance(Sample? state, SampleEvent change) => (state, change) switch
    {
        (null, SampleRegistered e) => new Sample(
            e.SampleId, e.Organisation, e.Barcode, e.Collection, e.SourceKind, e.DonorPseudonym, e.Species, e.MaterialType,
            e.CollectionTime, e.Quantity, e.ConsentReference, e.SprecCode, e.Placement, e.Placement?.Site ?? e.Site ?? "", e.Placement?.Units ?? [],
            e.ParentId, 0, false, [], null, false, null, false, e.ConsentHolder ?? e.Organisation, SampleState.Unspecified, e.At, e.At, 1),
        (null, _) => null,
        (_, SampleMoved e) => state.Next(e.At) with { Placement = e.To, Site = e.To.Site, StorageUnits = e.To.Units },
        (_, SampleAliquoted e) => state.Next(e.At) with { Quantity = state.Quantity with { Value = state.Quantity.Value - e.Taken.Value } },
        (_, SampleDerived e) => state.Next(e.At) with { Quantity = state.Quantity with { Value = state.Quantity.Value - e.Taken.Value } },
        (_, SampleUsed e) => state.Next(e.At) with { Quantity = state.Quantity with { Value = state.Quantity.Value - e.Consumed.Value } },
        (_, SampleCheckedOut e) => state.Next(e.At) with { CheckedOut = true, FreezeThawCount = state.FreezeThawCount + 1 },
        (_, SampleCheckedIn e) => state.Next(e.At) with { CheckedOut = false },
        (_, SampleHoldPlaced e) => state.Next(e.At) with { Holds = [.. state.Holds, new Hold(e.HoldId, e.Kind, e.Reason, e.At)] },
        (_, SampleHoldLifted e) => state.Next(e.At) with { Holds = [.. state.Holds.Where(h => h.HoldId != e.HoldId)] },
        (_, SampleDisposed e) => state.Next(e.At) with { Disposed = true, Placement = null, StorageUnits = [] },
        (_, SampleAllocated e) => state.Next(e.At) with { Allocation = new SampleAllocation(e.AllocationId, e.Project, e.Until) },
        (_, SampleAllocationReleased e) => state.Next(e.At) with { Allocation = null },
        (_, SampleDispatched e) => state.Next(e.At) with { Transfer = e.TransferId, Placement = null, Site = "", StorageUnits = [], CheckedOut = false },
        (_, SampleReceived e) => state.Next(e.At) with
        {
            Transfer = null, Organisation = e.Custodian, Site = e.Site, Quantity = e.Quantity, Placement = e.Placement,
            StorageUnits = e.Placement?.Units ?? [],
        },
        (_, SampleLost e) => state.Next(e.At) with { Transfer = null, Lost = true },
        _ => state,
    };

    private Sample Next(DateTimeOffset at) => this with { UpdateTime = at, Version = Version + 1 };

    private Sample Settled() => this with
    {
        State = Disposed ? SampleState.Disposed
            : Lost ? SampleState.Lost
            : Transfer is not null ? SampleState.InTransit
            : Quantity.Value <= 0 ? SampleState.Depleted
            : Holds.Count > 0 ? SampleState.OnHold
            : Allocation is not null ? SampleState.Allocated
            : SampleState.Available,
    };
}

/// <summary>
/// A box position asked for, with what the store knows of it: the box (null if there is none of
/// that name) and the sample in the position now (null if it is free).
/// </summary>
public sealed record PositionClaim(string StorageUnit, string Position, StorageUnit? Box, string? Occupant);

/// <summary>A new container made from a sample: its id, barcode, quantity and the position asked for.</summary>
public sealed record Portion(string SampleId, string Barcode, Quantity Quantity, PositionClaim? Position);

/// <summary>What a split or a derivation decides: the parent's events and the first event of each new container.</summary>
public sealed record Offspring(IReadOnlyList<SampleEvent> ParentEvents, IReadOnlyList<SampleRegistered> Children);

/// <summary>Commands on a sample and the rules that decide their events.</summary>
public static class SampleDecider
{
    public abstract record Command(Caller Caller, DateTimeOffset Now);

    /// <summary>
    /// Registers a primary sample. The handler has checked the fields' form, and supplies what the
    /// store knows: the sample already labelled with the barcode in the organisation
    /// (<paramref name="BarcodeHolder"/>), the donor's consent, and the position asked for.
    /// </summary>
    public sealed record Register(
        Caller Caller, DateTimeOffset Now, string SampleId, string Barcode, string Collection, SourceKind SourceKind, string DonorPseudonym,
        string Species, MaterialType MaterialType, DateTimeOffset CollectionTime, Quantity Quantity, string ConsentReference,
        string SprecCode, PositionClaim? Position, string? BarcodeHolder, Consent? DonorConsent) : Command(Caller, Now);

    public sealed record Move(Caller Caller, DateTimeOffset Now, PositionClaim To) : Command(Caller, Now);

    /// <summary>
    /// Splits the sample into <paramref name="Portions"/> of its material and unit.
    /// <paramref name="BarcodeHolder"/> is a sample already labelled with one of their barcodes.
    /// </summary>
    public sealed record Aliquot(
        Caller Caller, DateTimeOffset Now, IReadOnlyList<Portion> Portions, string? BarcodeHolder, Consent? DonorConsent) : Command(Caller, Now);

    /// <summary><paramref name="Taken"/> of the sample is processed into <paramref name="Portion"/> of <paramref name="MaterialType"/>.</summary>
    public sealed record Derive(
        Caller Caller, DateTimeOffset Now, Quantity Taken, MaterialType MaterialType, Portion Portion, string? BarcodeHolder, Consent? DonorConsent)
        : Command(Caller, Now);

    public sealed record Use(Caller Caller, DateTimeOffset Now, Quantity Consumed, string Purpose, string Project) : Command(Caller, Now);

    public sealed record CheckOut(Caller Caller, DateTimeOffset Now) : Command(Caller, Now);

    public sealed record CheckIn(Caller Caller, DateTimeOffset Now) : Command(Caller, Now);

    public sealed record PlaceHold(Caller Caller, DateTimeOffset Now, string HoldId, HoldKind Kind, string Reason) : Command(Caller, Now);

    /// <summary>
    /// The hold a consent withdrawal places on the donor's material and everything made from it: on
    /// every sample not disposed of and not already under consent review.
    /// </summary>
    public sealed record HoldForConsentReview(Caller Caller, DateTimeOffset Now, string HoldId, string Reason) : Command(Caller, Now);

    public sealed record LiftHold(Caller Caller, DateTimeOffset Now, string HoldId, string Reason) : Command(Caller, Now);

    public sealed record Dispose(Caller Caller, DateTimeOffset Now, string Method, string Reason) : Command(Caller, Now);

    /// <summary>
    /// Allocates the sample to <paramref name="Project"/> until <paramref name="Until"/>. With
    /// <paramref name="DeclaredUses"/>, a human sample's <paramref name="Consent"/> must permit each.
    /// </summary>
    public sealed record Allocate(
        Caller Caller, DateTimeOffset Now, string AllocationId, string Project, DateTimeOffset Until,
        IReadOnlyList<PermittedUse> DeclaredUses, Consent? Consent) : Command(Caller, Now);

    public sealed record Release(Caller Caller, DateTimeOffset Now, string AllocationId, string Reason) : Command(Caller, Now);

    /// <summary>Hands the sample to the carrier of <paramref name="TransferId"/>; the transfer's gate decided it may go.</summary>
    public sealed record Dispatch(Caller Caller, DateTimeOffset Now, string TransferId, string Carrier) : Command(Caller, Now);

    /// <summary>
    /// Receives the sample from <paramref name="TransferId"/> at <paramref name="Site"/> of the caller's
    /// organisation, as it arrived: missing, it is lost; damaged, thawed or through a temperature
    /// excursion, it is held in quarantine (<paramref name="HoldId"/>).
    /// </summary>
    public sealed record Receive(
        Caller Caller, DateTimeOffset Now, string TransferId, string Site, Transfers.ItemCondition Condition, bool TemperatureExcursion,
        Quantity? Quantity, PositionClaim? Position, string HoldId) : Command(Caller, Now);

    /// <summary>Who may register samples for their organisation.</summary>
    public static void RequireRegistrar(Caller caller) =>
        caller.RequireAnyRole(Role.BiobankManager, Role.Technician, Role.LabSystem, Role.Admin);

    /// <summary>Only the custodian organisation's biobank managers, technicians and lab systems (or admins) act on its samples.</summary>
    public static void RequireCustodian(Caller caller, Sample sample)
    {
        RequireRegistrar(caller);
        caller.RequireOrganisation(sample.Organisation);
    }

    public static IReadOnlyList<SampleEvent> Decide(Command command, Sample? state)
    {
        if (command is Register register)
        {
            return DecideRegister(register, state);
        }

        if (command is Aliquot or Derive)
        {
            return Split(command, state).ParentEvents;
        }

        var sample = (state ?? throw new InvalidOperationException("The handler loads the sample before deciding.")).At(command.Now);
        switch (command)
        {
            case Dispatch dispatch:
                return sample.Transfer == dispatch.TransferId ? [] : [new SampleDispatched(sample.Id, dispatch.TransferId, dispatch.Carrier, dispatch.Now)];
            case Receive receive:
                return DecideReceive(receive, sample);
        }

        if (command is HoldForConsentReview review)
        {
            // The consent's withdrawal, decided by its biobank manager, reaches the samples: its rights were checked there.
            return sample.Disposed || sample.Holds.Any(h => h.Kind == HoldKind.ConsentReview)
                ? []
                : [new SampleHoldPlaced(sample.Id, review.HoldId, HoldKind.ConsentReview, review.Reason, review.Now)];
        }

        RequireCustodian(command.Caller, sample);
        return command switch
        {
            Move c => DecideMove(c, sample),
            Use c => DecideUse(c, sample),
            CheckOut c => DecideCheckOut(c, sample),
            CheckIn c => sample.CheckedOut ? [new SampleCheckedIn(sample.Id, c.Now)] : throw NotInState(sample, "The sample is not checked out."),
            PlaceHold c => sample.Disposed
                ? throw NotAvailable(sample)
                : [new SampleHoldPlaced(sample.Id, c.HoldId, c.Kind, c.Reason, c.Now)],
            LiftHold c => DecideLiftHold(c, sample),
            Dispose c => DecideDispose(c, sample),
            Allocate c => DecideAllocate(c, sample),
            Release c => sample.Allocation?.AllocationId == c.AllocationId
                ? [new SampleAllocationReleased(sample.Id, c.AllocationId, c.Reason, c.Now)]
                : [],
            _ => throw new InvalidOperationException($"Unknown command {command.GetType().Name}."),
        };
    }

    /// <summary>
    /// A split or a derivation: the parent's events and each new container's first event. A new
    /// container inherits what the parent is and where it comes from, and takes its own barcode,
    /// quantity and position. New material of a donor whose consent is withdrawn is refused.
    /// </summary>
    public static Offspring Split(Command command, Sample? state)
    {
        var sample = (state ?? throw new InvalidOperationException("The handler loads the sample before deciding.")).At(command.Now);
        RequireCustodian(command.Caller, sample);
        var (portions, material, holder, consent) = command switch
        {
            Aliquot c => (c.Portions, sample.MaterialType, c.BarcodeHolder, c.DonorConsent),
            Derive c => ((IReadOnlyList<Portion>)[c.Portion], c.MaterialType, c.BarcodeHolder, c.DonorConsent),
            _ => throw new InvalidOperationException($"{command.GetType().Name} makes no new container."),
        };
        ConsentDecider.RequireNotWithdrawn(consent);
        RequireUnallocated(sample);
        RequireFreeBarcode(command.Caller, holder);
        var children = portions
            .Select(p => new SampleRegistered(
                p.SampleId, sample.Organisation, p.Barcode, sample.Collection, sample.SourceKind, sample.DonorPseudonym,
                sample.Species, material, sample.CollectionTime, p.Quantity, sample.ConsentReference, sample.SprecCode,
                p.Position is null ? null : Place(command.Caller, p.Position, p.SampleId), sample.Id, command.Now,
                sample.ConsentHolder == sample.Organisation ? null : sample.ConsentHolder, p.Position is null && sample.Site != "" ? sample.Site : null))
            .ToList();
        IReadOnlyList<SampleEvent> parentEvents = command switch
        {
            Aliquot c => AliquotOf(c, sample),
            Derive c => Take(sample, c.Taken, () => [new SampleDerived(sample.Id, c.Portion.SampleId, c.MaterialType, c.Taken, c.Now)]),
            _ => [],
        };
        return new Offspring(parentEvents, children);
    }

    /// <summary>
    /// The placement of <paramref name="sampleId"/> into a claimed position: the box must exist, be
    /// the caller's organisation's, have the position in its grid, and the position be free (or
    /// already the sample's).
    /// </summary>
    public static Placement Place(Caller caller, PositionClaim claim, string sampleId)
    {
        var box = claim.Box ?? throw new ResourceNotFoundException(claim.StorageUnit);
        caller.RequireOrganisation(box.Organisation);
        if (!GridPosition.IsIn(claim.Position, box))
        {
            throw new RuleViolationException(
                ErrorReasons.InvalidPosition,
                box.Kind == StorageUnitKind.Box ? $"{claim.Position} is outside the {box.Rows} × {box.Columns} grid of {box.Id}." : $"{box.Id} is not a box.",
                ("storage_unit", box.Id), ("position", claim.Position));
        }

        if (claim.Occupant is { } occupant && occupant != sampleId)
        {
            throw new RuleViolationException(
                ErrorReasons.PositionOccupied, $"{box.Id} {claim.Position} holds {occupant}.", ("storage_unit", box.Id), ("position", claim.Position));
        }

        return new Placement(box.Id, claim.Position, [box.Id, .. box.Ancestors.Reverse()], box.Site);
    }

    private static IReadOnlyList<SampleEvent> DecideRegister(Register c, Sample? state)
    {
        RequireRegistrar(c.Caller);
        if (state is not null)
        {
            throw new ResourceAlreadyExistsException(c.SampleId, $"Sample '{c.SampleId}' already exists.");
        }

        RequireFreeBarcode(c.Caller, c.BarcodeHolder);
        ConsentDecider.RequireNotWithdrawn(c.DonorConsent);
        var placement = c.Position is null ? null : Place(c.Caller, c.Position, c.SampleId);
        return
        [
            new SampleRegistered(
                c.SampleId, c.Caller.Organisation, c.Barcode, c.Collection, c.SourceKind, c.DonorPseudonym, c.Species, c.MaterialType,
                c.CollectionTime, c.Quantity, c.ConsentReference, c.SprecCode, placement, null, c.Now),
        ];
    }

    private static List<SampleEvent> DecideReceive(Receive c, Sample sample)
    {
        if (sample.Transfer != c.TransferId)
        {
            // Received (or lost) already: a repeated receipt changes nothing.
            return [];
        }

        if (c.Condition == Transfers.ItemCondition.Missing)
        {
            return [new SampleLost(sample.Id, c.TransferId, c.Now)];
        }

        if (c.Quantity is { } quantity)
        {
            RequireUnit(sample, quantity);
        }

        var placement = c.Position is null ? null : Place(c.Caller, c.Position, sample.Id);
        if (placement is not null && placement.Site != c.Site)
        {
            throw new RuleViolationException(
                ErrorReasons.InvalidPosition, $"{placement.StorageUnit} is not at the receiving site {c.Site}.",
                ("storage_unit", placement.StorageUnit), ("position", placement.Position));
        }

        List<SampleEvent> events =
        [
            new SampleReceived(
                sample.Id, c.TransferId, c.Caller.Organisation, c.Site, placement, c.Quantity ?? sample.Quantity, c.Condition,
                c.TemperatureExcursion, c.Now),
        ];
        if (c.Condition is Transfers.ItemCondition.Damaged or Transfers.ItemCondition.Thawed || c.TemperatureExcursion)
        {
            events.Add(new SampleHoldPlaced(
                sample.Id, c.HoldId, HoldKind.Quarantine,
                $"Received {c.Condition}{(c.TemperatureExcursion ? " after a temperature excursion" : "")} from {c.TransferId}.", c.Now));
        }

        return events;
    }

    /// <summary>ALREADY_EXISTS naming the sample that has the barcode; the barcode table settles a race.</summary>
    private static void RequireFreeBarcode(Caller caller, string? holder)
    {
        if (holder is not null)
        {
            throw new ResourceAlreadyExistsException(holder, $"The barcode is already {holder}'s in organisation '{caller.Organisation}'.");
        }
    }

    private static IReadOnlyList<SampleEvent> DecideMove(Move c, Sample sample)
    {
        RequireUsable(sample);
        var to = Place(c.Caller, c.To, sample.Id);
        if (sample.Site != "" && to.Site != sample.Site)
        {
            // Between sites a sample travels, and its custody is recorded: that is a transfer.
            throw new RuleViolationException(
                ErrorReasons.InvalidPosition, $"{to.StorageUnit} is at {to.Site}, the sample at {sample.Site}: send it there with a transfer.",
                ("storage_unit", to.StorageUnit), ("position", to.Position));
        }

        return sample.Placement is { } from && from.StorageUnit == to.StorageUnit && from.Position == to.Position
            ? []
            : [new SampleMoved(sample.Id, sample.Placement, to, c.Now)];
    }

    private static IReadOnlyList<SampleEvent> AliquotOf(Aliquot c, Sample sample)
    {
        foreach (var portion in c.Portions)
        {
            RequireUnit(sample, portion.Quantity);
        }

        var taken = new Quantity(c.Portions.Sum(p => p.Quantity.Value), sample.Quantity.Unit);
        return Take(sample, taken, () => [new SampleAliquoted(sample.Id, [.. c.Portions.Select(p => p.SampleId)], taken, c.Now)]);
    }

    private static IReadOnlyList<SampleEvent> DecideUse(Use c, Sample sample)
    {
        if (sample.Allocation is { } allocation && allocation.Project != c.Project)
        {
            throw AllocatedTo(sample, allocation.Project);
        }

        return Take(sample, c.Consumed, () => [new SampleUsed(sample.Id, c.Consumed, c.Purpose, c.Project, c.Now)]);
    }

    /// <summary>
    /// Splitting or deriving names no project, so an allocated sample's material stays whole for the
    /// project it is allocated to until the allocation is released or lapses.
    /// </summary>
    private static void RequireUnallocated(Sample sample)
    {
        if (sample.Allocation is { } allocation)
        {
            throw AllocatedTo(sample, allocation.Project);
        }
    }

    private static RuleViolationException AllocatedTo(Sample sample, string project) => new(
        ErrorReasons.SampleNotAvailable, $"The sample is allocated to project '{project}'.",
        ("name", sample.Id), ("state", sample.State), ("project", project));

    private static IReadOnlyList<SampleEvent> DecideAllocate(Allocate c, Sample sample)
    {
        if (sample.Allocation?.AllocationId == c.AllocationId)
        {
            return [];
        }

        RequireUsable(sample);
        if (sample.State == SampleState.Allocated)
        {
            throw NotAvailable(sample);
        }

        if (sample.SourceKind == SourceKind.Human)
        {
            ConsentDecider.RequireNotWithdrawn(c.Consent);
        }

        var refused = sample.SourceKind == SourceKind.Human
            ? c.DeclaredUses.Where(use => c.Consent is null || !c.Consent.PermittedUses.Contains(use)).ToList()
            : [];
        if (refused.Count > 0)
        {
            throw new RuleViolationException(
                ErrorReasons.UseNotPermitted,
                c.Consent is null ? "No consent is recorded for the sample's donor." : $"The donor's consent does not permit {refused[0]}.",
                ("name", sample.Id), ("use", refused[0]));
        }

        return [new SampleAllocated(sample.Id, c.AllocationId, c.Project, c.Until, c.Now)];
    }

    private static IReadOnlyList<SampleEvent> DecideCheckOut(CheckOut c, Sample sample)
    {
        RequireUsable(sample);
        return sample.CheckedOut
            ? throw NotInState(sample, "The sample is already checked out.")
            : [new SampleCheckedOut(sample.Id, c.Now)];
    }

    private static IReadOnlyList<SampleEvent> DecideLiftHold(LiftHold c, Sample sample)
    {
        c.Caller.RequireAnyRole(Role.BiobankManager, Role.Admin);
        return sample.Holds.Any(h => h.HoldId == c.HoldId)
            ? [new SampleHoldLifted(sample.Id, c.HoldId, c.Reason, c.Now)]
            : throw new ResourceNotFoundException($"{sample.Id}/holds/{c.HoldId}");
    }

    private static IReadOnlyList<SampleEvent> DecideDispose(Dispose c, Sample sample)
    {
        c.Caller.RequireAnyRole(Role.BiobankManager, Role.Admin);
        if (sample.Disposed)
        {
            throw NotAvailable(sample);
        }

        // A legal hold preserves evidence: the material may not be destroyed while it stands.
        if (sample.Holds.FirstOrDefault(h => h.Kind == HoldKind.Legal) is { } legal)
        {
            throw new RuleViolationException(
                ErrorReasons.SampleNotAvailable, "The sample is under a legal hold and may not be destroyed.",
                ("name", sample.Id), ("state", sample.State), ("hold_id", legal.HoldId));
        }

        return [new SampleDisposed(sample.Id, c.Method, c.Reason, c.Now)];
    }

    /// <summary>In transit, on hold, depleted, disposed and lost samples cannot be allocated, moved, split or used.</summary>
    private static void RequireUsable(Sample sample)
    {
        if (sample.State is SampleState.InTransit or SampleState.OnHold or SampleState.Depleted or SampleState.Disposed or SampleState.Lost)
        {
            throw NotAvailable(sample);
        }
    }

    /// <summary>Takes <paramref name="amount"/> out of a usable sample, never below zero, in its own unit.</summary>
    private static IReadOnlyList<SampleEvent> Take(Sample sample, Quantity amount, Func<IReadOnlyList<SampleEvent>> events)
    {
        RequireUsable(sample);
        RequireUnit(sample, amount);
        if (amount.Value > sample.Quantity.Value)
        {
            throw new RuleViolationException(
                ErrorReasons.InsufficientQuantity,
                $"The sample holds {sample.Quantity.Value} {Quantity.Symbol(sample.Quantity.Unit)}; {amount.Value} were asked for.",
                ("name", sample.Id),
                ("available", sample.Quantity.Value.ToString(CultureInfo.InvariantCulture)),
                ("requested", amount.Value.ToString(CultureInfo.InvariantCulture)));
        }

        return events();
    }

    private static void RequireUnit(Sample sample, Quantity amount)
    {
        if (amount.Unit != sample.Quantity.Unit)
        {
            throw new RuleViolationException(
                ErrorReasons.UnitMismatch, $"The sample is measured in {Quantity.Symbol(sample.Quantity.Unit)}.",
                ("name", sample.Id), ("unit", sample.Quantity.Unit), ("requested_unit", amount.Unit));
        }
    }

    private static RuleViolationException NotAvailable(Sample sample) => new(
        ErrorReasons.SampleNotAvailable, $"The sample is {sample.State}.", ("name", sample.Id), ("state", sample.State));

    private static RuleViolationException NotInState(Sample sample, string message) => new(
        ErrorReasons.InvalidStateTransition, message, ("name", sample.Id), ("state", sample.State));
}
