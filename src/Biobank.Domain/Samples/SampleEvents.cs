namespace Biobank.Domain.Samples;

// Events of a sample's stream ("samples/{id}"). Who recorded each one, for which organisation and
// in which call is in the event envelope; times here are business times. Donors appear only as
// pseudonyms.

/// <summary>
/// The first event of a sample: a primary sample, or an aliquot or derivative of
/// <paramref name="ParentId"/>.
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
    DateTimeOffset At);

/// <summary>Moved into <paramref name="To"/>, freeing <paramref name="From"/>.</summary>
public sealed record SampleMoved(string SampleId, Placement? From, Placement To, DateTimeOffset At);

/// <summary>Split: <paramref name="Taken"/> went into the new samples <paramref name="Children"/>.</summary>
public sealed record SampleAliquoted(string SampleId, IReadOnlyList<string> Children, Quantity Taken, DateTimeOffset At);

/// <summary><paramref name="Taken"/> was processed into <paramref name="ChildId"/>, a new material.</summary>
public sealed record SampleDerived(string SampleId, string ChildId, MaterialType MaterialType, Quantity Taken, DateTimeOffset At);

public sealed record SampleUsed(string SampleId, Quantity Consumed, string Purpose, string Project, DateTimeOffset At);

/// <summary>Taken out of storage: one more freeze-thaw cycle.</summary>
public sealed record SampleCheckedOut(string SampleId, DateTimeOffset At);

public sealed record SampleCheckedIn(string SampleId, DateTimeOffset At);

public sealed record SampleHoldPlaced(string SampleId, string HoldId, HoldKind Kind, string Reason, DateTimeOffset At);

public sealed record SampleHoldLifted(string SampleId, string HoldId, string Reason, DateTimeOffset At);

/// <summary>Destroyed; the sample's position is freed. Final.</summary>
public sealed record SampleDisposed(string SampleId, string Method, string Reason, DateTimeOffset At);

/// <summary>Allocated for <paramref name="Project"/> as part of allocation <paramref name="AllocationId"/>; lapses at <paramref name="Until"/>.</summary>
public sealed record SampleAllocated(string SampleId, string AllocationId, string Project, DateTimeOffset Until, DateTimeOffset At);

public sealed record SampleAllocationReleased(string SampleId, string AllocationId, string Reason, DateTimeOffset At);
