namespace Biobank.Server.Identity;

/// <summary>Settings of the <c>Identity</c> configuration section.</summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>
    /// The OpenID Connect provider that issues tokens in production (e.g. the institutes' identity
    /// provider). When empty, the server validates tokens signed with its local development key.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for.</summary>
    public string Audience { get; set; } = "biobank";

    /// <summary>The client id the web client is registered under at the identity provider.</summary>
    public string ClientId { get; set; } = "biobank-web";

    /// <summary>
    /// Scopes the web client asks the provider for besides <c>openid</c> and <c>profile</c>, e.g. the
    /// one that puts the audience, organisation and roles into its access tokens.
    /// </summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>
    /// Whether the provider's metadata and signing keys must be fetched over HTTPS: always, except from
    /// a provider on this machine (a loopback authority), whose traffic never leaves it.
    /// </summary>
    public bool RequiresHttpsMetadata => !(Uri.TryCreate(Authority, UriKind.Absolute, out var authority) && authority.IsLoopback);
}
