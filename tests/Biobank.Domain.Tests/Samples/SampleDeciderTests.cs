using Biobank.Domain.Failures;
using Biobank.Domain.Samples;
using static Biobank.Domain.Tests.Builders;

namespace Biobank.Domain.Tests.Samples;

public sealed class SampleDeciderTests
{
    private const string Id = "samples/serum-1";

    private static readonly Quantity TwoMillilitres = new(2, QuantityUnit.Millilitre);

    private static DeciderSpecification<Sample, SampleEvent, SampleDecider.Command> Spec() => new(SampleDecider.Decide);

    private static SampleRegistered Registered() => new(
        Id, "anses", "BC-1", "EPIDEMIO-AMR", SourceKind.Human, "DON-1", "", MaterialType.Serum, Now.AddDays(-1), TwoMillilitres,
        "CONSENT-V3", "", null, null, Now);

    [Fact]
    public void Given_two_millilitres_When_two_are_used_Then_the_use_is_recorded_and_the_sample_is_depleted()
    {
        var spec = Spec().Given(Registered(), new SampleUsed(Id, TwoMillilitres, "ELISA", "", Now));

        spec.State!.State.ShouldBe(SampleState.Depleted);
        spec.State.Quantity.Value.ShouldBe(0);
    }

    [Fact]
    public void Given_two_millilitres_When_more_is_used_Then_the_quantity_is_insufficient()
    {
        Spec().Given(Registered())
            .When(new SampleDecider.Use(AnsesTechnician, Now, new Quantity(2.5m, QuantityUnit.Millilitre), "ELISA", ""))
            .ThenFails<RuleViolationException>(ErrorReasons.InsufficientQuantity);
    }

    [Fact]
    public void Given_a_sample_in_millilitres_When_microlitres_are_used_Then_the_units_do_not_match()
    {
        Spec().Given(Registered())
            .When(new SampleDecider.Use(AnsesTechnician, Now, new Quantity(100, QuantityUnit.Microlitre), "ELISA", ""))
            .ThenFails<RuleViolationException>(ErrorReasons.UnitMismatch);
    }

    [Fact]
    public void Given_a_quarantined_sample_When_it_is_checked_out_Then_it_is_not_available()
    {
        var failure = Spec().Given(Registered(), new SampleHoldPlaced(Id, "h1", HoldKind.Quarantine, "Contamination", Now))
            .When(new SampleDecider.CheckOut(AnsesTechnician, Now))
            .ThenFails<RuleViolationException>(ErrorReasons.SampleNotAvailable);

        failure.Facts["state"].ShouldBe(SampleState.OnHold);
    }

    [Fact]
    public void Given_an_Anses_sample_When_an_Inserm_technician_uses_it_Then_the_organisation_is_refused()
    {
        Spec().Given(Registered())
            .When(new SampleDecider.Use(InsermTechnician, Now, new Quantity(1, QuantityUnit.Millilitre), "ELISA", ""))
            .ThenFails<PermissionDeniedException>(ErrorReasons.OrganisationMismatch);
    }
}
