using Biobank.Domain.Failures;
using Biobank.Server.Errors;
using Biobank.Server.Partners;
using Microsoft.Extensions.Options;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Biobank.Server.Identity;

public static class IdentitySetup
{
    /// <summary>Tokens of identity providers are a few KB; a longer authorization header is refused unread.</summary>
    public const int MaxAuthorizationLength = 16 * 1024;

    /// <summary>
    /// JWT bearer authentication on every endpoint that does not opt out: tokens from the configured
    /// OpenID Connect authority, or else tokens signed with the local development key. A token must
    /// name a subject (<c>sub</c>) and an organisation (<c>org</c>).
    /// </summary>
    public static IServiceCollection AddBiobankIdentity(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var options = configuration.GetSection(IdentityOptions.Section).Get<IdentityOptions>() ?? new IdentityOptions();
        services.AddSingleton(new DevelopmentSignIn(options, dataDirectory));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.Audience = options.Audience;
                if (string.IsNullOrWhiteSpace(options.Authority))
                {
                    jwt.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidIssuer = LocalSigningKey.Issuer,
                        ValidAudience = options.Audience,
                        IssuerSigningKey = LocalSigningKey.Load(dataDirectory),
                        NameClaimType = BiobankClaims.Subject,
                        RoleClaimType = BiobankClaims.Roles,
                    };
                }
                else
                {
                    jwt.Authority = options.Authority;
                    jwt.RequireHttpsMetadata = options.RequiresHttpsMetadata;
                    jwt.TokenValidationParameters.NameClaimType = BiobankClaims.Subject;
                    jwt.TokenValidationParameters.RoleClaimType = BiobankClaims.Roles;
                }

                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Headers.Authorization.ToString().Length > MaxAuthorizationLength)
                        {
                            context.Fail($"The bearer token is longer than {MaxAuthorizationLength / 1024} KB.");
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        var caller = context.Principal?.ToCaller();
                        var directory = context.HttpContext.RequestServices.GetRequiredService<IOptions<DirectoryOptions>>().Value;
                        if (caller is null)
                        {
                            context.Fail("The token names no subject ('sub') or organisation ('org').");
                        }
                        else if (!directory.Organisations.Any(o => o.Id == caller.Organisation))
                        {
                            context.Fail($"Organisation '{caller.Organisation}' is not a partner of the agreement.");
                        }

                        return Task.CompletedTask;
                    },
                    OnChallenge = context =>
                    {
                        context.HandleResponse();
                        return TrailersOnlyStatus.WriteAsync(
                            context.Response,
                            RpcErrors.Status(StatusCode.Unauthenticated, ErrorReasons.Unauthenticated,
                                "A valid bearer token with 'sub' and 'org' claims is required."));
                    },
                    OnForbidden = context => TrailersOnlyStatus.WriteAsync(
                        context.Response,
                        RpcErrors.Status(StatusCode.PermissionDenied, ErrorReasons.RoleRequired, "The token does not allow this call.")),
                };
            });

        services.AddAuthorization(authorization =>
            authorization.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .Build());
        return services;
    }
}
