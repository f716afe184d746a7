namespace Biobank.Cli.CommandLine;

/// <summary>What the command's exit code tells a script.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Done = 0;

    /// <summary>The command line is wrong: an unknown command or option, a value that does not parse.</summary>
    public const int Usage = 1;

    /// <summary>The server refused: a rule broken, something not found, not allowed, invalid fields.</summary>
    public const int Refused = 2;

    /// <summary>The server could not be reached, or did not accept the token (missing, expired, foreign).</summary>
    public const int Unreachable = 3;
}
