using System.Globalization;
using System.Text.RegularExpressions;
using Biobank.Cli.CommandLine;
using Biobank.V1;

namespace Biobank.Cli.Values;

/// <summary>Amounts of material as written on a tube: "2 mL", "250µL", "50 ug", "1e6 cells", "3 count".</summary>
public static partial class Quantities
{
    private static readonly (string Symbol, QuantityUnit Unit, string[] Spellings)[] Units =
    [
        ("mL", QuantityUnit.Millilitre, ["ml", "millilitre", "millilitres", "milliliter", "milliliters"]),
        ("µL", QuantityUnit.Microlitre, ["µl", "ul", "μl", "microlitre", "microlitres", "microliter", "microliters"]),
        ("mg", QuantityUnit.Milligram, ["mg", "milligram", "milligrams"]),
        ("µg", QuantityUnit.Microgram, ["µg", "ug", "μg", "microgram", "micrograms"]),
        ("cells", QuantityUnit.Cells, ["cells", "cell"]),
        ("count", QuantityUnit.Count, ["count", "items", "item", "x"]),
    ];

    public static Quantity Parse(string text)
    {
        var match = Amount().Match(text.Trim());
        var unit = match.Success ? Units.FirstOrDefault(u => u.Spellings.Contains(match.Groups["unit"].Value.ToLowerInvariant())) : default;
        if (!match.Success || unit.Symbol is null
            || !double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"'{text}' is not a quantity.", $"Write a number and a unit, e.g. \"0.5 mL\"; units: {string.Join(", ", Units.Select(u => u.Symbol))}.");
        }

        return new Quantity { Value = value, Unit = unit.Unit };
    }

    public static string Show(Quantity? quantity) =>
        quantity is null ? "" : $"{quantity.Value.ToString("0.###", CultureInfo.InvariantCulture)} {Symbol(quantity.Unit)}";

    public static string Symbol(QuantityUnit unit) => Units.FirstOrDefault(u => u.Unit == unit).Symbol ?? "";

    [GeneratedRegex(@"^(?<value>[0-9]+(?:[.,][0-9]+)?(?:e[0-9]+)?)\s*(?<unit>[^\s0-9].*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Amount();
}
