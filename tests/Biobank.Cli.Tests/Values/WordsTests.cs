using Biobank.Cli.CommandLine;
using Biobank.Cli.Values;
using Biobank.V1;

namespace Biobank.Cli.Tests.Values;

public sealed class WordsTests
{
    [Theory]
    [InlineData("confocal-microscope", EquipmentKind.ConfocalMicroscope)]
    [InlineData("confocal", EquipmentKind.ConfocalMicroscope)]
    [InlineData("Confocal Microscope", EquipmentKind.ConfocalMicroscope)]
    [InlineData("EQUIPMENT_KIND_BSL3_SUITE", EquipmentKind.Bsl3Suite)]
    [InlineData("bsl3", EquipmentKind.Bsl3Suite)]
    public void Enum_values_are_read_from_the_words_of_the_bench_or_the_contracts_names(string typed, EquipmentKind kind) =>
        Words.Parse<EquipmentKind>(typed, "a kind").ShouldBe(kind);

    [Fact]
    public void A_word_that_names_several_values_or_none_is_refused_with_the_words_to_use()
    {
        Words.TryParse<EquipmentKind>("microscope", out _).ShouldBeFalse();
        Should.Throw<UsageException>(() => Words.Parse<EquipmentKind>("microscope", "a kind")).Advice.ShouldHaveSingleItem().ShouldContain("electron-microscope");
    }

    [Fact]
    public void Values_are_shown_as_the_words_they_are_read_from()
    {
        Words.Of(TemperatureBand.Minus80).ShouldBe("minus-80");
        Words.Parse<TemperatureBand>("-80", "a band").ShouldBe(TemperatureBand.Minus80);
        Words.Of(ReservationState.PendingApproval).ShouldBe("pending-approval");
        Words.All<HoldKind>().ShouldBe(["quarantine", "legal", "quality", "consent-review"]);
    }

    [Theory]
    [InlineData("2 mL", 2, QuantityUnit.Millilitre)]
    [InlineData("0.25ml", 0.25, QuantityUnit.Millilitre)]
    [InlineData("250 µL", 250, QuantityUnit.Microlitre)]
    [InlineData("50 ug", 50, QuantityUnit.Microgram)]
    [InlineData("1e6 cells", 1e6, QuantityUnit.Cells)]
    public void Quantities_are_read_as_written_on_a_tube(string typed, double value, QuantityUnit unit)
    {
        var quantity = Quantities.Parse(typed);

        quantity.Value.ShouldBe(value);
        quantity.Unit.ShouldBe(unit);
    }
}
