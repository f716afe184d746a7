using Biobank.Domain;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Biobank.Server.EventStore;

/// <summary>
/// The inline snapshot of a stream's state, saved with its events so that the write path loads one
/// document instead of replaying the stream, and reads see their own writes. The fold is the
/// domain's own <c>Evolve</c>; every concrete event of the stream's family is projected.
/// </summary>
public sealed class FoldProjection<TState, TEvent> : SingleStreamProjection<TState, string>
    where TState : class, IEventFold<TState, TEvent>
    where TEvent : class
{
    public FoldProjection()
    {
        Name = typeof(TState).Name;
        foreach (var type in typeof(TEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(TEvent)) && !t.IsAbstract))
        {
            IncludeType(type);
        }
    }

    public override TState? Evolve(TState? snapshot, string id, IEvent e) =>
        e.Data is TEvent change ? TState.Evolve(snapshot, change) : snapshot;
}
