using System.Collections;
using Biobank.Cli.Output;

namespace Biobank.Cli.CommandLine;

/// <summary>
/// What a run of the command meets outside itself: the terminal, the environment variables and the
/// clock. Tests hand in their own, so the command runs in-process as it runs from a shell.
/// </summary>
public sealed class CliEnvironment(Terminal terminal, IReadOnlyDictionary<string, string> variables, TimeProvider clock)
{
    public Terminal Terminal { get; } = terminal;

    public TimeProvider Clock { get; } = clock;

    public string? Variable(string name) => variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>
    /// Where profiles are kept: <c>BIOBANK_CONFIG_DIR</c>, else <c>$XDG_CONFIG_HOME/biobank</c>, else
    /// the user's configuration folder.
    /// </summary>
    public string ConfigDirectory =>
        Variable("BIOBANK_CONFIG_DIR")
        ?? Path.Combine(
            Variable("XDG_CONFIG_HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "biobank");

    /// <summary>
    /// The zone of times that belong to no instrument (sample collection, token expiry):
    /// <c>BIOBANK_TIME_ZONE</c> if set, else the machine's.
    /// </summary>
    public TimeZoneInfo LocalZone =>
        Variable("BIOBANK_TIME_ZONE") is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Local;

    public static CliEnvironment FromProcess()
    {
        var variables = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);
        // https://no-color.org: any value turns colours off; a dumb terminal cannot show them.
        var colours = !Console.IsOutputRedirected
            && !variables.ContainsKey("NO_COLOR")
            && variables.GetValueOrDefault("TERM") != "dumb";
        var errorColours = !Console.IsErrorRedirected && !variables.ContainsKey("NO_COLOR") && variables.GetValueOrDefault("TERM") != "dumb";
        var width = Console.IsOutputRedirected ? 0 : SafeWidth();
        return new CliEnvironment(new Terminal(Console.Out, Console.Error, Console.In, colours, errorColours, width), variables, TimeProvider.System);
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
