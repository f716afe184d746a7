namespace Biobank.Domain;

/// <summary>State folded from the events of one stream: <c>Evolve(state, event) => state'</c>.</summary>
public interface IEventFold<TSelf> where TSelf : class, IEventFold<TSelf>
{
    /// <summary>The state after <paramref name="change"/>; null while the stream has not started.</summary>
    static abstract TSelf? Evolve(TSelf? state, object change);

    /// <summary>The stream's version this state reflects.</summary>
    long Version { get; }
}
