extern alias BiobankServer;

using System.Net;
using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.Domain.Failures;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using BiobankServer::Biobank.Server.Identity;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Biobank.Server.Tests.Identity;

public sealed class SessionServiceTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task A_development_server_offers_sign_in_to_a_caller_on_its_own_machine_with_the_organisations_and_roles_to_pick_from()
    {
        using var anonymous = server.AnonymousClient();

        var options = await anonymous.Session.GetSignInOptionsAsync(new GetSignInOptionsRequest());

        options.DevelopmentSignIn.ShouldBeTrue();
        options.Authority.ShouldBeEmpty();
        options.Audience.ShouldBe("biobank");
        options.Organisations.ShouldBe(["organisations/anses", "organisations/inserm"], ignoreOrder: true);
        options.Roles.ShouldBe(Role.All, ignoreOrder: true);
        options.ClientId.ShouldBeEmpty();
        options.Scopes.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_development_token_is_issued_without_a_token_and_the_server_then_knows_its_caller()
    {
        using var anonymous = server.AnonymousClient();

        var issued = await anonymous.Session.IssueDevelopmentTokenAsync(new IssueDevelopmentTokenRequest
        {
            Subject = "alice",
            Organisation = "organisations/inserm",
            Roles = { Role.Technician, Role.Auditor },
            Lifetime = Duration.FromTimeSpan(TimeSpan.FromHours(2)),
        });
        using var alice = new BiobankClient(server.Address, issued.Token);
        var me = await alice.Directory.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        me.ShouldBe(issued.Identity);
        me.Subject.ShouldBe("alice");
        me.Organisation.ShouldBe("organisations/inserm");
        me.Roles.ShouldBe([Role.Auditor, Role.Technician]);
        issued.ExpireTime.ToDateTimeOffset().ShouldBe(DateTimeOffset.UtcNow.AddHours(2), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_request_naming_no_partner_organisation_or_an_unknown_role_is_refused_field_by_field()
    {
        using var anonymous = server.AnonymousClient();

        var error = await Should.ThrowAsync<RpcException>(anonymous.Session.IssueDevelopmentTokenAsync(new IssueDevelopmentTokenRequest
        {
            Subject = "alice smith",
            Organisation = "organisations/acme-pharma",
            Roles = { Role.Technician, "superuser" },
            Lifetime = Duration.FromTimeSpan(TimeSpan.FromDays(90)),
        }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.FieldViolations().Select(v => v.Field).ShouldBe(["subject", "organisation", "roles[1]", "lifetime"]);
    }

    [Fact]
    public async Task A_call_that_came_through_a_proxy_is_not_from_the_servers_own_machine()
    {
        using var anonymous = server.AnonymousClient();
        var forwarded = new Metadata { { "x-forwarded-for", "192.0.2.10" } };

        var error = await Should.ThrowAsync<RpcException>(anonymous.Session.IssueDevelopmentTokenAsync(
            new IssueDevelopmentTokenRequest { Subject = "mallory", Organisation = "organisations/anses", Roles = { Role.Admin } }, forwarded).ResponseAsync);
        var options = await anonymous.Session.GetSignInOptionsAsync(new GetSignInOptionsRequest(), forwarded);

        error.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        error.Reason().ShouldBe(ErrorReasons.LoopbackOnly);
        options.DevelopmentSignIn.ShouldBeFalse();
        options.Organisations.ShouldBeEmpty();
    }

    [Fact]
    public void A_caller_on_another_machine_is_refused()
    {
        var signIn = new DevelopmentSignIn(new IdentityOptions(), Path.GetTempPath());
        var remote = new DefaultHttpContext();
        remote.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
        var local = new DefaultHttpContext();
        local.Connection.RemoteIpAddress = IPAddress.IPv6Loopback;

        signIn.Refusal(remote.Request).ShouldBeOfType<PermissionDeniedException>().Reason.ShouldBe(ErrorReasons.LoopbackOnly);
        signIn.Refusal(local.Request).ShouldBeNull();
    }

    [Theory]
    [InlineData("http://127.0.0.1:8081/realms/biobank")]
    [InlineData("http://localhost:8081")]
    [InlineData("http://[::1]:8081")]
    public void A_provider_on_the_servers_own_machine_may_publish_its_keys_over_plain_http(string authority)
    {
        JwtBearerOptionsFor(authority).RequireHttpsMetadata.ShouldBeFalse();
    }

    [Fact]
    public void A_provider_elsewhere_must_publish_its_keys_over_https()
    {
        JwtBearerOptionsFor("https://login.partners.invalid/realms/biobank").RequireHttpsMetadata.ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => JwtBearerOptionsFor("http://login.partners.invalid/realms/biobank"));
    }

    private static JwtBearerOptions JwtBearerOptionsFor(string authority)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Identity:Authority"] = authority })
            .Build();
        using var services = new ServiceCollection().AddBiobankIdentity(configuration, Path.GetTempPath()).BuildServiceProvider();
        return services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
    }

    public sealed class WithIdentityProvider(WithIdentityProvider.Fixture server) : IClassFixture<WithIdentityProvider.Fixture>
    {
        private const string Authority = "https://login.partners.invalid/realms/biobank";

        [Fact]
        public async Task A_server_with_an_identity_provider_names_the_client_id_and_scopes_a_browser_signs_in_with()
        {
            using var anonymous = server.AnonymousClient();

            var options = await anonymous.Session.GetSignInOptionsAsync(new GetSignInOptionsRequest());

            options.ClientId.ShouldBe("biobank-web");
            options.Scopes.ShouldBe(["biobank", "offline_access"]);
        }

        [Fact]
        public async Task A_server_with_an_identity_provider_points_to_it_and_mints_no_token()
        {
            using var anonymous = server.AnonymousClient();

            var options = await anonymous.Session.GetSignInOptionsAsync(new GetSignInOptionsRequest());
            var error = await Should.ThrowAsync<RpcException>(anonymous.Session.IssueDevelopmentTokenAsync(
                new IssueDevelopmentTokenRequest { Subject = "alice", Organisation = "organisations/inserm", Roles = { Role.Technician } }).ResponseAsync);

            options.DevelopmentSignIn.ShouldBeFalse();
            options.Authority.ShouldBe(Authority);
            options.Roles.ShouldBeEmpty();
            error.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
            error.Reason().ShouldBe(ErrorReasons.DevelopmentSignInDisabled);
            error.ErrorInfo()!.Metadata["authority"].ShouldBe(Authority);
        }

        public sealed class Fixture : BiobankServerFixture
        {
            protected override void ConfigureServer(WebApplicationBuilder builder)
            {
                builder.Configuration["Identity:Authority"] = Authority;
                builder.Configuration["Identity:Scopes:0"] = "biobank";
                builder.Configuration["Identity:Scopes:1"] = "offline_access";
            }
        }
    }
}
