using System.Security.Claims;
using Biobank.Domain.Access;

namespace Biobank.Server.Identity;

/// <summary>The token claims Biobank reads, and the <see cref="Caller"/> made from them.</summary>
public static class BiobankClaims
{
    public const string Subject = "sub";
    public const string Organisation = "org";
    public const string Roles = "roles";

    /// <summary>The caller of an authenticated principal, or null when <c>sub</c> or <c>org</c> is missing.</summary>
    public static Caller? ToCaller(this ClaimsPrincipal principal)
    {
        var subject = principal.FindFirst(Subject)?.Value;
        var organisation = principal.FindFirst(Organisation)?.Value;
        if (string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(organisation))
        {
            return null;
        }

        // Identity providers send roles either as a JSON array (one claim each) or space-separated.
        var roles = principal.FindAll(Roles)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        return new Caller(subject, organisation, roles);
    }
}
