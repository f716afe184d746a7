using Biobank.Domain.Equipment;
using Biobank.Domain.Samples;

namespace Biobank.Domain.Transfers;

/// <summary>An event of an item's stream as the custody chain cites it: its type, its version in the stream, its id.</summary>
public sealed record CitedEvent(string Type, long Version, string EventId);

/// <summary>
/// Who held an item, where and from when to when: an organisation at a site, or a carrier for a
/// transfer; <paramref name="End"/> and <paramref name="ClosedBy"/> are null while it lasts.
/// </summary>
public sealed record CustodyInterval(
    string Organisation, string Site, string Carrier, string Transfer, DateTimeOffset Start, DateTimeOffset? End, CitedEvent OpenedBy, CitedEvent? ClosedBy);

/// <summary>
/// The chain of custody of a sample or an instrument, read from its own stream: registration opens
/// the first interval at the registering organisation; dispatch passes it to the carrier, receipt to
/// the receiving organisation at the receiving site; loss and disposal end it. Each hand-off closes
/// one interval at the moment it opens the next, so the chain has no gap and no overlap.
/// </summary>
public static class Custody
{
    /// <summary>The intervals, oldest first, from the item's events in stream order.</summary>
    public static IReadOnlyList<CustodyInterval> Chain(IEnumerable<(CitedEvent Cited, object Data)> events)
    {
        var chain = new List<CustodyInterval>();
        foreach (var (cited, data) in events)
        {
            if (HandOff(data) is not { } handOff)
            {
                continue;
            }

            if (chain.Count > 0 && chain[^1].End is null)
            {
                chain[^1] = chain[^1] with { End = handOff.At, ClosedBy = cited };
            }

            if (handOff.Next is { } next)
            {
                chain.Add(new CustodyInterval(next.Organisation, next.Site, next.Carrier, next.Transfer, handOff.At, null, cited, null));
            }
        }

        return chain;
    }

    /// <summary>Who has the item after an event, or nobody (lost, destroyed); null for an event that leaves custody where it is.</summary>
    private static (DateTimeOffset At, Holder? Next)? HandOff(object change) => change switch
    {
        SampleRegistered e => (e.At, new Holder(e.Organisation, e.Placement?.Site ?? e.Site ?? "", "", "")),
        SampleDispatched e => (e.At, new Holder("", "", e.Carrier, e.TransferId)),
        SampleReceived e => (e.At, new Holder(e.Custodian, e.Site, "", e.TransferId)),
        SampleLost e => (e.At, null),
        SampleDisposed e => (e.At, null),
        EquipmentRegistered e => (e.At, new Holder(e.OwnerOrganisation, e.Site, "", "")),
        EquipmentDispatched e => (e.At, new Holder("", "", e.Carrier, e.TransferId)),
        EquipmentReceived e => (e.At, new Holder(e.Custodian, e.Site, "", e.TransferId)),
        EquipmentLost e => (e.At, null),
        _ => null,
    };

    private sealed record Holder(string Organisation, string Site, string Carrier, string Transfer);
}
