using System.Security.Claims;
using Biobank.Domain.Access;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Biobank.Server.Identity;

/// <summary>Mints development tokens signed with the local key.</summary>
public static class TokenIssuer
{
    public static string Issue(SecurityKey key, string audience, Caller caller, TimeSpan lifetime) =>
        Issue(key, audience, caller, DateTime.UtcNow.Add(lifetime));

    public static string Issue(SecurityKey key, string audience, Caller caller, DateTime expires)
    {
        var claims = new Dictionary<string, object>
        {
            [BiobankClaims.Subject] = caller.Subject,
            [BiobankClaims.Organisation] = caller.Organisation,
            [BiobankClaims.Roles] = caller.Roles.ToArray(),
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = LocalSigningKey.Issuer,
            Audience = audience,
            Claims = claims,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
