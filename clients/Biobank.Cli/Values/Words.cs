using System.Reflection;
using Biobank.Cli.CommandLine;
using Google.Protobuf.Reflection;

namespace Biobank.Cli.Values;

/// <summary>
/// The contract's enum values as words of the bench: EQUIPMENT_KIND_CONFOCAL_MICROSCOPE is
/// "confocal-microscope", TEMPERATURE_BAND_MINUS_80 is "minus-80" (or "-80"). Input is forgiving:
/// any case, spaces or underscores for hyphens, the contract's own name, or a prefix that names one
/// value only ("confocal").
/// </summary>
public static class Words
{
    // What the bench says for a few values, beside their names in the contract.
    private static readonly Dictionary<Type, Dictionary<string, string>> Aliases = new()
    {
        [typeof(V1.TemperatureBand)] = new(StringComparer.Ordinal)
        {
            ["-80"] = "minus-80",
            ["-20"] = "minus-20",
            ["+4"] = "refrigerated",
            ["fridge"] = "refrigerated",
            ["room"] = "room-temperature",
            ["ln2"] = "ln2-vapour",
        },
        [typeof(V1.EquipmentKind)] = new(StringComparer.Ordinal) { ["bsl3"] = "bsl3-suite" },
        [typeof(V1.MaterialType)] = new(StringComparer.Ordinal) { ["blood"] = "whole-blood" },
        [typeof(V1.SampleState)] = new(StringComparer.Ordinal) { ["reserved"] = "allocated" },
    };

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Table<TEnum>().FirstOrDefault(w => EqualityComparer<TEnum>.Default.Equals(w.Value, value)).Word ?? value.ToString();

    /// <summary>The words of every value but the unspecified one.</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Table<TEnum>().Select(w => w.Word).ToList();

    public static bool TryParse<TEnum>(string text, out TEnum value) where TEnum : struct, Enum
    {
        var table = Table<TEnum>();
        var word = Normalise(text);
        word = Aliases.TryGetValue(typeof(TEnum), out var aliases) ? aliases.GetValueOrDefault(word, word) : word;
        var prefix = Prefix<TEnum>();
        if (word.StartsWith(prefix, StringComparison.Ordinal))
        {
            word = word[prefix.Length..];
        }

        var found = table.Where(w => w.Word == word).ToList();
        if (found.Count == 0)
        {
            found = table.Where(w => w.Word.StartsWith(word, StringComparison.Ordinal) && word.Length > 0).ToList();
        }

        value = found.Count == 1 ? found[0].Value : default;
        return found.Count == 1;
    }

    public static TEnum Parse<TEnum>(string text, string what) where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var value)
            ? value
            : throw new UsageException($"'{text}' is not {what}.", $"Use one of: {string.Join(", ", All<TEnum>())}.");

    private static string Normalise(string text) => text.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');

    private static string Prefix<TEnum>() where TEnum : struct, Enum =>
        Normalise(OriginalName((TEnum)(object)0)).Replace("unspecified", "", StringComparison.Ordinal);

    private static List<(string Word, TEnum Value)> Table<TEnum>() where TEnum : struct, Enum
    {
        var prefix = Prefix<TEnum>();
        return Enum.GetValues<TEnum>()
            .Where(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) != 0)
            .Select(v => (Normalise(OriginalName(v))[prefix.Length..], v))
            .ToList();
    }

    private static string OriginalName<TEnum>(TEnum value) where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();
}
