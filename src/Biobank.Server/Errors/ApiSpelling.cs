using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Google.Protobuf.Reflection;

namespace Biobank.Server.Errors;

/// <summary>
/// How the facts of a domain failure are written in an error's metadata: times in ISO 8601 (UTC,
/// "infinity" for an open end), durations in seconds, and domain enum values by the name of the
/// contract's value of the same number, without its enum prefix ("PENDING_APPROVAL").
/// </summary>
public static class ApiSpelling
{
    private static readonly ConcurrentDictionary<Enum, string> Enums = new();

    public static string Of(object value) => value switch
    {
        string text => text,
        DateTimeOffset time when time == DateTimeOffset.MaxValue => "infinity",
        DateTimeOffset time => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        TimeSpan duration => ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        Enum member => Enums.GetOrAdd(member, Spell),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Spell(Enum member)
    {
        var contract = typeof(V1.ErrorReason).Assembly.GetType($"{typeof(V1.ErrorReason).Namespace}.{member.GetType().Name}");
        var number = Convert.ToInt64(member, CultureInfo.InvariantCulture);
        var original = contract?.GetFields(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(f => Convert.ToInt64(f.GetValue(null), CultureInfo.InvariantCulture) == number)?
            .GetCustomAttribute<OriginalNameAttribute>()?.Name;
        var prefix = ScreamingSnake(member.GetType().Name) + "_";
        return original is not null && original.StartsWith(prefix, StringComparison.Ordinal)
            ? original[prefix.Length..]
            : ScreamingSnake(member.ToString());
    }

    private static string ScreamingSnake(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]) ? $"_{c}" : char.ToUpperInvariant(c).ToString()));
}
