using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Biobank.Cli.CommandLine;

namespace Biobank.Cli.Values;

/// <summary>Lengths of time as people write them: "2h", "90 min", "1h30", "3 days", "01:30", "PT2H".</summary>
public static partial class Durations
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static TimeSpan Parse(string text)
    {
        var input = text.Trim().ToLowerInvariant();
        if (Parts().Match(input) is { Success: true } match)
        {
            var total = TimeSpan.Zero;
            var units = match.Groups["unit"].Captures;
            var numbers = match.Groups["number"].Captures;
            for (var i = 0; i < numbers.Count; i++)
            {
                var value = double.Parse(numbers[i].Value, Invariant);
                // "1h30": a bare number after hours counts minutes.
                var unit = units[i].Value is "" && i > 0 && units[i - 1].Value.StartsWith('h') ? "m" : units[i].Value;
                total += unit switch
                {
                    var u when u.StartsWith('d') => TimeSpan.FromDays(value),
                    var u when u.StartsWith('h') => TimeSpan.FromHours(value),
                    var u when u.StartsWith('m') => TimeSpan.FromMinutes(value),
                    var u when u.StartsWith('s') => TimeSpan.FromSeconds(value),
                    _ => throw Invalid(text),
                };
            }

            return total;
        }

        if (TimeSpan.TryParseExact(input, [@"h\:mm", @"hh\:mm"], Invariant, out var clock))
        {
            return clock;
        }

        try
        {
            return input.StartsWith('p') ? XmlConvert.ToTimeSpan(text.Trim()) : throw Invalid(text);
        }
        catch (FormatException)
        {
            throw Invalid(text);
        }
    }

    /// <summary>"2 h", "1 h 30 min", "15 min", "3 d".</summary>
    public static string Show(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "none";
        }

        var parts = new List<string>();
        if (duration.Days > 0)
        {
            parts.Add($"{duration.Days} d");
        }

        if (duration.Hours > 0)
        {
            parts.Add($"{duration.Hours} h");
        }

        if (duration.Minutes > 0)
        {
            parts.Add($"{duration.Minutes} min");
        }

        if (duration.Seconds > 0 || parts.Count == 0)
        {
            parts.Add($"{duration.Seconds} s");
        }

        return string.Join(' ', parts);
    }

    public static string Show(Google.Protobuf.WellKnownTypes.Duration? duration) => duration is null ? "" : Show(duration.ToTimeSpan());

    /// <summary>Seconds as the server sends them in error metadata.</summary>
    public static string ShowWireSeconds(string seconds) =>
        double.TryParse(seconds, NumberStyles.Float, Invariant, out var value) ? Show(TimeSpan.FromSeconds(value)) : seconds;

    private static UsageException Invalid(string text) =>
        new($"'{text}' is not a length of time.", "Write it as 2h, 90m, 1h30, 3d or 01:30.");

    [GeneratedRegex(@"^(?:\s*(?<number>\d+(?:\.\d+)?)\s*(?<unit>d|days?|h|hours?|hrs?|m|mins?|minutes?|s|secs?|seconds?|)\s*)+$")]
    private static partial Regex Parts();
}
