namespace Biobank.Server.Tests.Reliability;

/// <summary>
/// The tests that kill processes under load run one after another: each starts server processes
/// and drives them hard, and two at once on a small machine would time each other out.
/// </summary>
[CollectionDefinition(nameof(OutsideAttacks))]
public sealed class OutsideAttacks;
