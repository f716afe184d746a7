using System.Collections.Concurrent;
using Biobank.Domain.Equipment;

namespace Biobank.Server.Reservations;

/// <summary>
/// Each instrument's buffer as a booking last found it: how far past a booking's end the calendar
/// is read in the round trip that reads the instrument itself. Only a guess at what the instrument
/// now says: when its buffer turns out longer, the rest of the calendar is read before deciding.
/// One entry per instrument booked through this server.
/// </summary>
public sealed class InstrumentBuffers
{
    private readonly ConcurrentDictionary<string, TimeSpan> _seen = new(StringComparer.Ordinal);

    /// <summary>The buffer last seen for <paramref name="equipmentId"/>, none if never.</summary>
    public TimeSpan LastSeen(string equipmentId) => _seen.GetValueOrDefault(equipmentId, TimeSpan.Zero);

    public void Saw(Instrument instrument) => _seen[instrument.Id] = instrument.Rules.Buffer;
}
