using System.CommandLine.Parsing;
using System.Text.Json;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Server.Tests.Infrastructure;

namespace Biobank.Cli.Tests.Infrastructure;

/// <summary>What one run of the command printed and how it ended.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Standard output read as the one JSON document --json promises.</summary>
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// A person at a terminal with the <c>biobank</c> command pointed at a test server: each run goes
/// through the command's own entry point, in-process, with a terminal that shows no colours, the
/// person's own configuration folder (where <c>biobank login</c> keeps its profiles) and the
/// server's clock.
/// </summary>
public sealed class Bench(BiobankServerFixture server, string timeZone = "Europe/Paris") : IDisposable
{
    private readonly string _configDirectory = Path.Combine(Path.GetTempPath(), $"biobank-cli-{Guid.NewGuid():N}");

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs a command line as a shell would split it: <c>book x --purpose "two words"</c>.</summary>
    public Task<CliResult> RunAsync(string commandLine, string input = "") =>
        RunArgsAsync([.. CommandLineParser.SplitCommandLine(commandLine)], input);

    public async Task<CliResult> RunArgsAsync(string[] args, string input = "")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["BIOBANK_ADDRESS"] = server.Address.ToString(),
            ["BIOBANK_CONFIG_DIR"] = _configDirectory,
            ["BIOBANK_TIME_ZONE"] = timeZone,
        };
        foreach (var (name, value) in Variables)
        {
            variables[name] = value;
        }

        var environment = new CliEnvironment(new Terminal(output, error, new StringReader(input), colours: false, errorColours: false), variables, server.Clock);
        var exitCode = await BiobankCli.RunAsync(args.FirstOrDefault() == "biobank" ? args[1..] : args, environment);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must succeed.</summary>
    public async Task<CliResult> OkAsync(string commandLine)
    {
        var result = await RunAsync(commandLine);
        result.ExitCode.ShouldBe(ExitCodes.Done, $"biobank {commandLine}\n{result}");
        return result;
    }

    /// <summary>Signs in as <paramref name="user"/> through the server's development sign-in.</summary>
    public Task<CliResult> LoginAsync(string user, string organisation, string role) =>
        OkAsync($"login --user {user} --org {organisation} --role {role}");

    public void Dispose()
    {
        if (Directory.Exists(_configDirectory))
        {
            Directory.Delete(_configDirectory, recursive: true);
        }
    }
}
