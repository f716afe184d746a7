using Biobank.Domain.Consents;
using Biobank.Domain.Failures;
using Biobank.Domain.Samples;
using Biobank.Domain.StorageUnits;
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

    [Fact]
    public void Given_a_disposed_sample_When_its_donor_withdraws_Then_it_is_not_held()
    {
        Spec().Given(Registered(), new SampleDisposed(Id, "autoclave", "Haemolysed", Now))
            .When(new SampleDecider.HoldForConsentReview(AnsesManager, Now, "h1", "Donor consent withdrawn"))
            .Then();
    }

    [Fact]
    public void Given_a_sample_already_under_review_When_its_donor_withdraws_again_Then_no_second_hold_is_placed()
    {
        Spec().Given(Registered(), new SampleHoldPlaced(Id, "h0", HoldKind.ConsentReview, "Donor consent withdrawn", Now))
            .When(new SampleDecider.HoldForConsentReview(AnsesManager, Now, "h1", "Donor consent withdrawn"))
            .Then();
    }

    [Fact]
    public void Given_an_allocated_sample_When_its_donor_withdraws_Then_it_is_held_all_the_same()
    {
        Spec().Given(Registered(), new SampleAllocated(Id, "a1", "AMR-2026", Now.AddDays(7), Now))
            .When(new SampleDecider.HoldForConsentReview(AnsesManager, Now, "h1", "Donor consent withdrawn"))
            .Then(new SampleHoldPlaced(Id, "h1", HoldKind.ConsentReview, "Donor consent withdrawn", Now));
    }

    [Fact]
    public void Given_no_sample_When_it_is_registered_into_an_occupied_position_Then_the_occupant_is_named()
    {
        var failure = Spec()
            .When(Register(new PositionClaim("storageUnits/box-1", "A1", Box(), "samples/other")))
            .ThenFails<RuleViolationException>(ErrorReasons.PositionOccupied);

        failure.Message.ShouldContain("samples/other");
    }

    [Fact]
    public void Given_no_sample_When_it_is_registered_into_a_position_outside_the_grid_Then_the_position_is_invalid()
    {
        Spec().When(Register(new PositionClaim("storageUnits/box-1", "J1", Box(), null)))
            .ThenFails<RuleViolationException>(ErrorReasons.InvalidPosition);
    }

    [Fact]
    public void Given_no_sample_When_a_technician_of_another_organisation_registers_into_this_box_Then_the_organisation_is_refused()
    {
        Spec().When(Register(new PositionClaim("storageUnits/box-1", "A1", Box(), null), InsermTechnician))
            .ThenFails<PermissionDeniedException>(ErrorReasons.OrganisationMismatch);
    }

    [Fact]
    public void Given_no_sample_When_an_auditor_registers_one_Then_the_role_is_refused_before_anything_else()
    {
        Spec().When(Register(new PositionClaim("storageUnits/box-1", "A1", Box(), "samples/other"), Person("odile", "anses", "auditor"), barcodeHolder: "samples/x"))
            .ThenFails<PermissionDeniedException>(ErrorReasons.RoleRequired);
    }

    [Fact]
    public void Given_no_sample_When_its_barcode_is_already_another_samples_Then_that_sample_is_named()
    {
        var failure = Spec().When(Register(null, barcodeHolder: "samples/labelled"))
            .ThenFails<ResourceAlreadyExistsException>(ErrorReasons.ResourceAlreadyExists);

        failure.Facts["name"].ShouldBe("samples/labelled");
    }

    [Fact]
    public void Given_a_donor_who_withdrew_When_their_sample_is_split_Then_no_new_material_is_made()
    {
        var withdrawn = Consent.Evolve(
            Consent.Evolve(null, new ConsentRecorded("consents/c1", "anses", "DON-1", "EPIDEMIO-AMR", "v3", [], Now)),
            new ConsentWithdrawn("consents/c1", WithdrawalScope.StopFutureUse, "Letter", Now));

        Spec().Given(Registered())
            .When(new SampleDecider.Aliquot(AnsesTechnician, Now, [new Portion("samples/a1", "BC-2", new Quantity(1, QuantityUnit.Millilitre), null)], null, withdrawn))
            .ThenFails<RuleViolationException>(ErrorReasons.ConsentWithdrawn);
    }

    [Fact]
    public void Given_two_millilitres_When_split_into_two_placed_aliquots_Then_each_child_inherits_the_parent_and_takes_its_position()
    {
        var parent = Sample.Evolve(null, Registered())!;
        var portions = new[]
        {
            new Portion("samples/a1", "BC-2", new Quantity(0.5m, QuantityUnit.Millilitre), new PositionClaim("storageUnits/box-1", "A1", Box(), null)),
            new Portion("samples/a2", "BC-3", new Quantity(0.5m, QuantityUnit.Millilitre), new PositionClaim("storageUnits/box-1", "A2", Box(), null)),
        };

        var offspring = SampleDecider.Split(new SampleDecider.Aliquot(AnsesTechnician, Now, portions, null, null), parent);

        var aliquoted = offspring.ParentEvents.ShouldHaveSingleItem().ShouldBeOfType<SampleAliquoted>();
        aliquoted.Children.ShouldBe(["samples/a1", "samples/a2"]);
        aliquoted.Taken.ShouldBe(new Quantity(1m, QuantityUnit.Millilitre));
        offspring.Children.Select(c => (c.SampleId, c.ParentId, c.DonorPseudonym, c.Placement!.Position)).ShouldBe(
            [("samples/a1", Id, "DON-1", "A1"), ("samples/a2", Id, "DON-1", "A2")]);
    }

    private static SampleDecider.Register Register(PositionClaim? position, Domain.Access.Caller? who = null, string? barcodeHolder = null) => new(
        who ?? AnsesTechnician, Now, Id, "BC-1", "EPIDEMIO-AMR", SourceKind.Human, "DON-1", "", MaterialType.Serum, Now.AddDays(-1),
        TwoMillilitres, "CONSENT-V3", "", position, barcodeHolder, null);

    private static StorageUnit Box() => StorageUnit.Evolve(null, new StorageUnitCreated(
        "storageUnits/box-1", "Box 1", StorageUnitKind.Box, "anses", "anses-maisons-alfort", "storageUnits/rack-1",
        ["storageUnits/freezer-1", "storageUnits/rack-1"], 8, 12, TemperatureBand.Minus80, Now.AddDays(-10)))!;
}
