namespace Biobank.Domain;

/// <summary>
/// State folded from the events of one stream, <c>Evolve(state, event) => state'</c>, over the
/// closed family <typeparamref name="TEvent"/> of that stream's events.
/// </summary>
public interface IEventFold<TSelf, in TEvent> where TSelf : class, IEventFold<TSelf, TEvent>
{
    /// <summary>The state after <paramref name="change"/>; null while the stream has not started.</summary>
    static abstract TSelf? Evolve(TSelf? state, TEvent change);

    /// <summary>The stream's version this state reflects.</summary>
    long Version { get; }
}
