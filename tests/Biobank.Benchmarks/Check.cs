namespace Biobank.Benchmarks;

/// <summary>A guarantee the run verified on the way; a failed one makes the run exit non-zero.</summary>
public sealed record Check(string Name, bool Passed, string Detail);
