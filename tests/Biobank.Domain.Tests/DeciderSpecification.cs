using Biobank.Domain.Failures;

namespace Biobank.Domain.Tests;

/// <summary>
/// Given events, when a command, then events (or a failure with its reason): a decider tested on
/// its own, with no store.
/// </summary>
public sealed class DeciderSpecification<TState, TEvent, TCommand>(Func<TCommand, TState?, IReadOnlyList<TEvent>> decide)
    where TState : class, IEventFold<TState, TEvent>
{
    private readonly List<TEvent> _given = [];
    private TCommand? _command;

    public DeciderSpecification<TState, TEvent, TCommand> Given(params TEvent[] events)
    {
        _given.AddRange(events);
        return this;
    }

    public DeciderSpecification<TState, TEvent, TCommand> When(TCommand command)
    {
        _command = command;
        return this;
    }

    /// <summary>The state the given events fold to.</summary>
    public TState? State => _given.Aggregate((TState?)null, TState.Evolve);

    public void Then(params TEvent[] expected) => Decide().ShouldBe(expected);

    /// <summary>Deciding fails with <typeparamref name="TFailure"/> and <paramref name="reason"/>; returns the failure.</summary>
    public TFailure ThenFails<TFailure>(string reason) where TFailure : DomainFailureException
    {
        var failure = Should.Throw<TFailure>(() => Decide());
        failure.Reason.ShouldBe(reason);
        return failure;
    }

    private IReadOnlyList<TEvent> Decide() =>
        decide(_command ?? throw new InvalidOperationException("When(command) was not called."), State);
}
