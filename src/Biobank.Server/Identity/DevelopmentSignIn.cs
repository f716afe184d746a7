using System.Net;
using Biobank.Domain.Access;
using Biobank.Domain.Failures;
using Microsoft.IdentityModel.Tokens;

namespace Biobank.Server.Identity;

/// <summary>
/// Whether a caller may be handed a token signed with the local key, and the token. Only a server
/// without an identity provider signs its own tokens, and it hands them only to callers on its own
/// machine: anyone who reaches it from elsewhere could otherwise sign in as anyone.
/// </summary>
public sealed class DevelopmentSignIn(IdentityOptions options, string dataDirectory)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    // A proxy on the same machine connects from loopback on behalf of callers anywhere; the headers
    // it adds give it away.
    private static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Real-IP"];

    // Loaded on first use, so a server with an identity provider never creates a key it would not use.
    private readonly Lazy<SecurityKey> _key = new(() => LocalSigningKey.Load(dataDirectory));

    public string? Authority => string.IsNullOrWhiteSpace(options.Authority) ? null : options.Authority;

    public string Audience => options.Audience;

    /// <summary>The client id the web client signs in at the identity provider with.</summary>
    public string ClientId => options.ClientId;

    /// <summary>The scopes the web client asks the identity provider for besides <c>openid</c> and <c>profile</c>.</summary>
    public IReadOnlyList<string> Scopes => options.Scopes;

    /// <summary>Why <paramref name="request"/> may not be given a development token, or null when it may.</summary>
    public DomainFailureException? Refusal(HttpRequest request)
    {
        if (Authority is { } authority)
        {
            return new RuleViolationException(
                ErrorReasons.DevelopmentSignInDisabled,
                $"This server takes its tokens from the identity provider {authority}; sign in there.",
                ("authority", (object)authority));
        }

        var remote = request.HttpContext.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote) || ForwardingHeaders.Any(request.Headers.ContainsKey))
        {
            return new PermissionDeniedException(
                ErrorReasons.LoopbackOnly,
                "Development tokens are issued only to callers on the server's own machine.",
                ("remote_address", remote?.ToString() ?? "unknown"));
        }

        return null;
    }

    /// <summary>A token for <paramref name="caller"/> valid until <paramref name="expires"/>.</summary>
    public string Issue(Caller caller, DateTime expires) => TokenIssuer.Issue(_key.Value, options.Audience, caller, expires);
}
