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
}
