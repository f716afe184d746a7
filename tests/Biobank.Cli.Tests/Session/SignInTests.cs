using Biobank.Cli.Tests.Infrastructure;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Biobank.Cli.Tests.Session;

public sealed class SignInTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>, IDisposable
{
    private readonly Bench _bench = new(server);

    [Fact]
    public async Task A_token_from_elsewhere_is_read_from_standard_input_checked_and_saved()
    {
        var token = server.TokenFor(new Caller("lims.cochin", "inserm", new HashSet<string> { Role.LabSystem }));

        var login = await _bench.RunAsync("login --with-token", input: token + "\n");
        var me = (await _bench.OkAsync("whoami --json")).Json;

        login.ExitCode.ShouldBe(0, login.ToString());
        login.Out.ShouldStartWith($"✓ Signed in to {server.Address.GetLeftPart(UriPartial.Authority)} as lims.cochin for inserm (lab-system)");
        me.GetProperty("roles")[0].GetString().ShouldBe("lab-system");
    }

    [Fact]
    public async Task Profiles_keep_a_technicians_and_a_managers_identity_apart()
    {
        await _bench.LoginAsync("alice.tech", "anses", "technician");
        await _bench.OkAsync("login --user claire.moreau --org anses --role facility-manager --profile manager");

        var technician = (await _bench.OkAsync("whoami --json")).Json;
        var manager = (await _bench.OkAsync("whoami --json --profile manager")).Json;
        _bench.Variables["BIOBANK_PROFILE"] = "manager";
        var fromEnvironment = (await _bench.OkAsync("whoami --json")).Json;
        var signedOut = await _bench.OkAsync("logout");
        var afterwards = await _bench.RunAsync("whoami");

        technician.GetProperty("subject").GetString().ShouldBe("alice.tech");
        manager.GetProperty("subject").GetString().ShouldBe("claire.moreau");
        fromEnvironment.GetProperty("subject").GetString().ShouldBe("claire.moreau");
        signedOut.Out.ShouldContain("profile manager");
        afterwards.ExitCode.ShouldBe(3);
    }

    [Fact]
    public async Task Signing_in_without_saying_as_whom_lists_the_organisations_and_roles_to_choose_from()
    {
        var result = await _bench.RunAsync("login --user alice");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("error: Signing in to this development server needs --org anses|inserm, --role lab-system|technician|");
    }

    public void Dispose() => _bench.Dispose();

    public sealed class WithIdentityProvider(WithIdentityProvider.Fixture server) : IClassFixture<WithIdentityProvider.Fixture>, IDisposable
    {
        private const string Authority = "https://login.partners.invalid/realms/biobank";
        private readonly Bench _bench = new(server);

        [Fact]
        public async Task A_server_with_an_identity_provider_is_asked_for_no_development_token_and_the_command_says_where_to_get_one()
        {
            var result = await _bench.RunAsync("login --user alice --org inserm --role technician");

            result.ExitCode.ShouldBe(2, result.ToString());
            result.Error.ShouldContain($"takes its tokens from the identity provider {Authority} (audience biobank).");
            result.Error.ShouldContain("biobank login --with-token < token.txt");
        }

        public void Dispose() => _bench.Dispose();

        public sealed class Fixture : BiobankServerFixture
        {
            protected override void ConfigureServer(WebApplicationBuilder builder) => builder.Configuration["Identity:Authority"] = Authority;
        }
    }
}
