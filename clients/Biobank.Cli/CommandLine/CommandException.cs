namespace Biobank.Cli.CommandLine;

/// <summary>
/// Ends a command with <paramref name="exitCode"/> and a message for the person at the terminal:
/// what went wrong on the first line, what to do next on the following ones.
/// </summary>
public class CommandException(int exitCode, string message, params string[] advice) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public IReadOnlyList<string> Advice { get; } = advice;
}

/// <summary>A value on the command line that cannot be used: exit code 1.</summary>
public sealed class UsageException(string message, params string[] advice) : CommandException(ExitCodes.Usage, message, advice);
