namespace Biobank.Domain.Samples;

public sealed class SampleProjection() : FoldProjection<Sample>(
    typeof(SampleRegistered), typeof(SampleMoved), typeof(SampleAliquoted), typeof(SampleDerived), typeof(SampleUsed),
    typeof(SampleCheckedOut), typeof(SampleCheckedIn), typeof(SampleHoldPlaced), typeof(SampleHoldLifted), typeof(SampleDisposed),
    typeof(SampleAllocated), typeof(SampleAllocationReleased));
