namespace Biobank.Domain.Samples;

/// <summary>
/// The state of one physical container, folded from its stream: what it is, where it comes from,
/// where it is, how much is left and what stops its use. It stays small: children are other
/// streams, and only their names are kept here.
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
    // The units the sample is stored in, box first, so a freezer's samples are found by one filter.
    IReadOnlyList<string> StorageUnits,
    string? ParentId,
    int FreezeThawCount,
    bool CheckedOut,
    IReadOnlyList<Hold> Holds,
    SampleAllocation? Allocation,
    bool Disposed,
    SampleState State,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IEventFold<Sample>
{
    /// <summary>Applies the event, then settles the state: disposal is final, zero is depleted, a hold overrides the rest.</summary>
    public static Sample? Evolve(Sample? state, object change) => Advance(state, change)?.Settled();

    // Not named Apply: Marten would take it for a convention method of the projection.
    private static Sample? Advance(Sample? state, object change) => (state, change) switch
    {
        (null, SampleRegistered e) => new Sample(
            e.SampleId, e.Organisation, e.Barcode, e.Collection, e.SourceKind, e.DonorPseudonym, e.Species, e.MaterialType,
            e.CollectionTime, e.Quantity, e.ConsentReference, e.SprecCode, e.Placement, e.Placement?.Units ?? [], e.ParentId, 0, false, [], null, false,
            SampleState.Unspecified, e.At, e.At, 1),
        (null, _) => null,
        (_, SampleMoved e) => state.Next(e.At) with { Placement = e.To, StorageUnits = e.To.Units },
        // Children are found by their ParentId (lineage): the parent does not grow with each split.
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
        _ => state,
    };

    private Sample Next(DateTimeOffset at) => this with { UpdateTime = at, Version = Version + 1 };

    private Sample Settled() => this with
    {
        State = Disposed ? SampleState.Disposed
            : Quantity.Value <= 0 ? SampleState.Depleted
            : Holds.Count > 0 ? SampleState.OnHold
            : Allocation is not null ? SampleState.Allocated
            : SampleState.Available,
    };

    /// <summary>
    /// The sample as it stands at <paramref name="now"/>: an allocation ends at its expiry time
    /// without an event, so every decision and every read judges it against the clock.
    /// </summary>
    public Sample At(DateTimeOffset now) =>
        Allocation is { } allocation && allocation.Until <= now ? (this with { Allocation = null }).Settled() : this;
}
