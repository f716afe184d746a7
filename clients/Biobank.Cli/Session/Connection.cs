using Biobank.Cli.CommandLine;

namespace Biobank.Cli.Session;

/// <summary>
/// The server to call and the token to call it with, each from the first place that has it: the
/// command line (<c>--address</c>, <c>--token</c>), the environment (<c>BIOBANK_ADDRESS</c>,
/// <c>BIOBANK_TOKEN</c>), the profile <c>biobank login</c> saved, or the address of a server run
/// from a clone. A profile's token is sent only to the server it was saved for.
/// </summary>
public sealed record Connection(Uri Address, string? Token, string ProfileName, Profiles Profiles)
{
    public const string DefaultAddress = "http://127.0.0.1:5080";

    public static Connection Resolve(string? address, string? token, string? profile, CliEnvironment environment)
    {
        var profiles = new Profiles(environment.ConfigDirectory);
        var profileName = profile ?? environment.Variable("BIOBANK_PROFILE") ?? Profiles.DefaultName;
        var saved = profiles.Find(profileName);
        var server = ParseAddress(address ?? environment.Variable("BIOBANK_ADDRESS") ?? saved?.Address ?? DefaultAddress);
        var savedToken = saved is not null && ParseAddress(saved.Address) == server ? saved.Token : null;
        return new Connection(server, token ?? environment.Variable("BIOBANK_TOKEN") ?? savedToken, profileName, profiles);
    }

    /// <summary>An absolute http(s) address; "127.0.0.1:5080" is taken as plain-text http.</summary>
    public static Uri ParseAddress(string text)
    {
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : $"http://{text}";
        return Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? new Uri(uri.GetLeftPart(UriPartial.Authority))
            : throw new UsageException($"'{text}' is not a server address.", $"Give one such as {DefaultAddress} or https://biobank.example.org.");
    }

    /// <summary>The address as people write it.</summary>
    public string Server => Address.GetLeftPart(UriPartial.Authority);
}
