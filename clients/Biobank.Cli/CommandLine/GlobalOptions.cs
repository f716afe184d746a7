using System.CommandLine;

namespace Biobank.Cli.CommandLine;

/// <summary>Options every command takes.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Address { get; } = new("--address")
    {
        Description = "Server to call [default: BIOBANK_ADDRESS, the profile's, or http://127.0.0.1:5080]",
        HelpName = "url",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "Bearer token to call with [default: BIOBANK_TOKEN, or the profile's]",
        Recursive = true,
    };

    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = "Profile saved by biobank login to use [default: BIOBANK_PROFILE, or default]",
        HelpName = "name",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print JSON for scripts: one document, or one line per change for streams",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Address, Token, Profile, Json];
}
