using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Biobank.Domain;

/// <summary>
/// The inline snapshot of a stream's state, saved with its events so that the write path loads one
/// document instead of replaying the stream, and reads see their own writes.
/// </summary>
public class FoldProjection<TState> : SingleStreamProjection<TState, string>
    where TState : class, IEventFold<TState>
{
    protected FoldProjection(params Type[] eventTypes)
    {
        foreach (var type in eventTypes)
        {
            IncludeType(type);
        }
    }

    public override TState? Evolve(TState? snapshot, string id, IEvent e) => TState.Evolve(snapshot, e.Data);
}
