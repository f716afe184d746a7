using Biobank.Domain.Access;
using Biobank.Domain.Failures;
using Biobank.Domain.StorageUnits;
using static Biobank.Domain.Tests.Builders;

namespace Biobank.Domain.Tests.StorageUnits;

public sealed class StorageUnitDeciderTests
{
    private static readonly Caller Biobanker = Person("claire", "anses", Role.BiobankManager);

    private static StorageUnit Unit(string id, StorageUnitKind kind, string? parent = null) => StorageUnit.Evolve(null, new StorageUnitCreated(
        id, id, kind, "anses", "anses-maisons-alfort", parent, parent is null ? [] : [parent], kind == StorageUnitKind.Box ? 8 : 0,
        kind == StorageUnitKind.Box ? 12 : 0, TemperatureBand.Minus80, Now))!;

    [Fact]
    public void A_unit_inside_another_takes_its_site_band_and_ancestors()
    {
        var rack = Unit("storageUnits/rack-1", StorageUnitKind.Rack, "storageUnits/freezer-1");

        var events = StorageUnitDecider.Decide(new StorageUnitDecider.Create(
            Biobanker, Now, "storageUnits/box-1", "Box 1", StorageUnitKind.Box, null, null, rack, 8, 12, TemperatureBand.Unspecified), null);

        var created = (StorageUnitCreated)events.Single();
        (created.Site, created.TemperatureBand, created.ParentId).ShouldBe(("anses-maisons-alfort", TemperatureBand.Minus80, "storageUnits/rack-1"));
        created.Ancestors.ShouldBe(["storageUnits/freezer-1", "storageUnits/rack-1"]);
    }

    [Fact]
    public void A_box_holds_samples_not_units()
    {
        var box = Unit("storageUnits/box-1", StorageUnitKind.Box);

        var failure = Should.Throw<RuleViolationException>(() => StorageUnitDecider.Decide(new StorageUnitDecider.Create(
            Biobanker, Now, "storageUnits/box-2", "Box 2", StorageUnitKind.Box, null, null, box, 8, 12, TemperatureBand.Unspecified), null));

        failure.Reason.ShouldBe(ErrorReasons.UnsuitableParent);
        failure.Facts["parent"].ShouldBe("storageUnits/box-1");
    }

    [Fact]
    public void A_unit_inside_another_keeps_its_band()
    {
        var freezer = Unit("storageUnits/freezer-1", StorageUnitKind.Freezer);

        Should.Throw<RuleViolationException>(() => StorageUnitDecider.Decide(new StorageUnitDecider.Create(
            Biobanker, Now, "storageUnits/rack-1", "Rack", StorageUnitKind.Rack, null, null, freezer, 0, 0, TemperatureBand.Minus20), null))
            .Reason.ShouldBe(ErrorReasons.UnsuitableParent);
    }
}
