using V1 = Biobank.V1;

namespace Biobank.Server.Audit;

/// <summary>
/// The kinds of event streams and the collection of the resource names that key them: a stream's
/// kind is the collection its name starts with ("samples/{id}" is a sample's stream).
/// </summary>
public static class StreamKinds
{
    private static readonly Dictionary<V1.StreamKind, string> Collections = new()
    {
        [V1.StreamKind.Equipment] = "equipment",
        [V1.StreamKind.Reservation] = "reservations",
        [V1.StreamKind.Sample] = "samples",
        [V1.StreamKind.Consent] = "consents",
        [V1.StreamKind.StorageUnit] = "storageUnits",
        [V1.StreamKind.Transfer] = "transfers",
        [V1.StreamKind.Agreement] = "agreements",
        [V1.StreamKind.Qualification] = "qualifications",
    };

    private static readonly Dictionary<string, V1.StreamKind> ByCollection =
        Collections.ToDictionary(c => c.Value, c => c.Key, StringComparer.Ordinal);

    /// <summary>The collection of <paramref name="kind"/>'s resource names, or null for an unknown kind.</summary>
    public static string? CollectionOf(V1.StreamKind kind) => Collections.GetValueOrDefault(kind);

    /// <summary>The kind of the stream <paramref name="stream"/>, unspecified for streams of no resource kind.</summary>
    public static V1.StreamKind KindOf(string stream)
    {
        var slash = stream.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && ByCollection.TryGetValue(stream[..slash], out var kind) ? kind : V1.StreamKind.Unspecified;
    }
}
