using Biobank.Domain.Access;
using Biobank.Server.Api;
using Biobank.Server.Partners;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Biobank.Server.Identity;

/// <summary>
/// biobank.v1.SessionService: how thin clients sign in. Anonymous, since it is how a client gets its
/// first token; <see cref="DevelopmentSignIn"/> decides who may be given one.
/// </summary>
[AllowAnonymous]
public sealed class SessionService(DevelopmentSignIn signIn, IOptions<DirectoryOptions> directory)
    : V1.SessionService.SessionServiceBase
{
    private const int MaxSubjectLength = 200;

    public override Task<SignInOptions> GetSignInOptions(GetSignInOptionsRequest request, ServerCallContext context)
    {
        var options = new SignInOptions
        {
            DevelopmentSignIn = signIn.Refusal(context.GetHttpContext().Request) is null,
            Authority = signIn.Authority ?? "",
            Audience = signIn.Audience,
        };
        if (signIn.Authority is not null)
        {
            options.ClientId = signIn.ClientId;
            options.Scopes.Add(signIn.Scopes);
        }

        if (options.DevelopmentSignIn)
        {
            options.Organisations.Add(directory.Value.Organisations.Select(o => ResourceNames.Organisation(o.Id)));
            options.Roles.Add(Role.All);
        }

        return Task.FromResult(options);
    }

    public override Task<IssueDevelopmentTokenResponse> IssueDevelopmentToken(IssueDevelopmentTokenRequest request, ServerCallContext context)
    {
        if (signIn.Refusal(context.GetHttpContext().Request) is { } refusal)
        {
            throw refusal;
        }

        var checks = new RequestChecks();
        var subject = checks.Required(request.Subject, "subject", MaxSubjectLength);
        if (subject.Any(char.IsWhiteSpace))
        {
            checks.Add("subject", "must not contain spaces");
        }

        var organisation = checks.Name(request.Organisation, ResourceNames.OrganisationsCollection, "organisation");
        if (organisation != "" && !directory.Value.Organisations.Any(o => ResourceNames.Organisation(o.Id) == organisation))
        {
            checks.Add("organisation", $"is not a partner organisation ({string.Join(", ", directory.Value.Organisations.Select(o => ResourceNames.Organisation(o.Id)))})");
        }

        if (request.Roles.Count == 0)
        {
            checks.Add("roles", "is required: at least one role");
        }

        foreach (var (role, index) in request.Roles.Select((r, i) => (r, i)))
        {
            if (!Role.All.Contains(role))
            {
                checks.Add($"roles[{index}]", $"is not a role ({string.Join(", ", Role.All)})");
            }
        }

        var lifetime = RequestChecks.Duration(request.Lifetime, DevelopmentSignIn.DefaultLifetime);
        if (lifetime < TimeSpan.FromMinutes(1) || lifetime > DevelopmentSignIn.MaxLifetime)
        {
            checks.Add("lifetime", "must be from 1 minute to 30 days");
        }

        checks.ThrowIfAny();

        var caller = new Caller(subject, ResourceNames.IdOf(organisation, ResourceNames.OrganisationsCollection), request.Roles.ToHashSet(StringComparer.Ordinal));
        // Tokens are checked against the real clock, whatever clock the server decides with.
        var expires = DateTime.UtcNow.Add(lifetime);
        var identity = new CallerIdentity { Subject = caller.Subject, Organisation = organisation };
        identity.Roles.Add(caller.Roles.Order(StringComparer.Ordinal));
        return Task.FromResult(new IssueDevelopmentTokenResponse
        {
            Token = signIn.Issue(caller, expires),
            ExpireTime = Timestamp.FromDateTime(expires),
            Identity = identity,
        });
    }
}
