using Biobank.Domain.Access;
using Biobank.Domain.Failures;

namespace Biobank.Domain.Consents;

/// <summary>Recording and withdrawing consents, and who may.</summary>
public static class ConsentDecider
{
    public abstract record Command(Caller Caller, DateTimeOffset Now);

    public sealed record Record(
        Caller Caller, DateTimeOffset Now, string DonorPseudonym, string Collection, string DocumentVersion, IReadOnlyList<PermittedUse> PermittedUses)
        : Command(Caller, Now);

    public sealed record Withdraw(Caller Caller, DateTimeOffset Now, WithdrawalScope Scope, string Reason) : Command(Caller, Now);

    public static IReadOnlyList<object> Decide(Command command, Consent? state)
    {
        command.Caller.RequireAnyRole(Role.BiobankManager, Role.Admin);
        if (state is not null)
        {
            command.Caller.RequireOrganisation(state.Organisation);
        }

        return command switch
        {
            Record c => DecideRecord(c, state),
            Withdraw c => state is null
                ? throw new InvalidOperationException("The handler loads the consent before deciding.")
                : state.Withdrawn ? [] : [new ConsentWithdrawn(state.Id, c.Scope, c.Reason, c.Now)],
            _ => throw new InvalidOperationException($"Unknown command {command.GetType().Name}."),
        };
    }

    /// <summary>Fails with CONSENT_WITHDRAWN when the donor withdrew from the collection.</summary>
    public static void RequireNotWithdrawn(Consent? consent)
    {
        if (consent is { Withdrawn: true })
        {
            throw new RuleViolationException(
                ErrorReasons.ConsentWithdrawn, "The donor withdrew consent for this collection.",
                new Dictionary<string, string> { ["consent"] = consent.Id });
        }
    }

    private static IReadOnlyList<object> DecideRecord(Record c, Consent? state)
    {
        RequireNotWithdrawn(state);
        var uses = c.PermittedUses.Distinct().Order().ToList();
        if (state is not null && state.DocumentVersion == c.DocumentVersion && state.PermittedUses.SequenceEqual(uses))
        {
            return [];
        }

        var id = state?.Id ?? Consent.NameFor(c.Caller.Organisation, c.Collection, c.DonorPseudonym);
        return [new ConsentRecorded(id, c.Caller.Organisation, c.DonorPseudonym, c.Collection, c.DocumentVersion, uses, c.Now)];
    }
}
