using Biobank.Domain.Access;
using Biobank.Domain.Consents;
using Biobank.Domain.Failures;
using static Biobank.Domain.Tests.Builders;

namespace Biobank.Domain.Tests.Consents;

public sealed class ConsentDeciderTests
{
    private static readonly Caller AnsesBiobankManager = Person("claire", "anses", Role.BiobankManager);

    private static readonly string Id = Consent.NameFor("anses", "EPIDEMIO-AMR", "DON-1");

    private static DeciderSpecification<Consent, ConsentEvent, ConsentDecider.Command> Spec() => new(ConsentDecider.Decide);

    private static ConsentRecorded Recorded() => new(Id, "anses", "DON-1", "EPIDEMIO-AMR", "v3", [PermittedUse.GeneralResearch], Now);

    [Fact]
    public void Given_a_withdrawn_consent_When_a_new_version_is_recorded_Then_the_withdrawal_stands()
    {
        Spec().Given(Recorded(), new ConsentWithdrawn(Id, WithdrawalScope.StopFutureUse, "Letter", Now))
            .When(new ConsentDecider.Record(AnsesBiobankManager, Now, "DON-1", "EPIDEMIO-AMR", "v4", [PermittedUse.GeneralResearch]))
            .ThenFails<RuleViolationException>(ErrorReasons.ConsentWithdrawn);
    }

    [Fact]
    public void Given_a_consent_When_the_same_version_and_uses_are_recorded_again_Then_nothing_happens()
    {
        Spec().Given(Recorded())
            .When(new ConsentDecider.Record(AnsesBiobankManager, Now, "DON-1", "EPIDEMIO-AMR", "v3", [PermittedUse.GeneralResearch]))
            .Then();
    }

    [Fact]
    public void Given_an_Anses_consent_When_a_technician_withdraws_it_Then_the_role_is_required()
    {
        Spec().Given(Recorded())
            .When(new ConsentDecider.Withdraw(AnsesTechnician, Now, WithdrawalScope.StopFutureUse, "Letter"))
            .ThenFails<PermissionDeniedException>(ErrorReasons.RoleRequired);
    }
}
