using System.CommandLine;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Values;
using Biobank.Client;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;

namespace Biobank.Cli.Session;

/// <summary><c>login</c>, <c>logout</c> and <c>whoami</c>.</summary>
public static class SessionCommands
{
    public static IEnumerable<Command> Build(CommandTree cli) => [Login(cli), Logout(cli), WhoAmI(cli)];

    private static Command Login(CommandTree cli)
    {
        var user = CommandTree.Optional("--user", "Who to sign in as: the token's subject (development servers)", "name", "--sub");
        var organisation = CommandTree.Optional("--org", "Organisation to act for, e.g. inserm (development servers)", "id");
        var roles = new Option<string[]>("--role")
        {
            Description = "A role to hold; repeat for several (development servers)",
            HelpName = "role",
            AllowMultipleArgumentsPerToken = false,
        };
        roles.CompletionSources.Add("lab-system", "technician", "facility-manager", "biobank-manager", "auditor", "admin");
        var hours = new Option<double>("--hours") { Description = "Lifetime of a development token", DefaultValueFactory = _ => 12, HelpName = "hours" };
        var withToken = CommandTree.Flag("--with-token", "Read a token from standard input (from an identity provider) and save it");

        return cli.Leaf(
            "login",
            "Sign in: on a development server, biobank login --user alice --org inserm --role technician; else biobank login --with-token < token.txt",
            [user, organisation, roles, hours, withToken],
            async run =>
            {
                var connection = run.Connection;
                var given = run.Get(withToken) ? (await run.Environment.Terminal.In.ReadToEndAsync(run.Cancellation)).Trim() : connection.Token;
                if (run.Get(withToken) && string.IsNullOrEmpty(given))
                {
                    throw new UsageException("--with-token read no token from standard input.", "Pipe it in: biobank login --with-token < token.txt");
                }

                var token = run.Given(user) || run.Given(organisation) || run.Given(roles) || given is null
                    ? await DevelopmentTokenAsync(run, run.Get(user), run.Get(organisation), run.Get(roles) ?? [], TimeSpan.FromHours(run.Get(hours)))
                    : given;

                using var client = new BiobankClient(connection.Address, token);
                var me = await client.Directory.GetCallerIdentityAsync(new GetCallerIdentityRequest(), run.Options);
                connection.Profiles.Save(connection.ProfileName, new Profile(connection.Server, token));
                var expires = TokenClaims.Read(token).Expires;
                run.Show(me, screen => screen.Done(
                    $"Signed in to {connection.Server} as {me.Subject} for {Names.Id(me.Organisation)} ({string.Join(", ", me.Roles)})" +
                    (expires is { } e ? $" until {Times.Show(e, run.Environment.LocalZone)}" : "") +
                    (connection.ProfileName == Profiles.DefaultName ? "." : $", profile {connection.ProfileName}.")));
            });
    }

    private static async Task<string> DevelopmentTokenAsync(Invocation run, string? user, string? organisation, string[] roles, TimeSpan lifetime)
    {
        var options = await run.Anonymous.Session.GetSignInOptionsAsync(new GetSignInOptionsRequest(), run.Options);
        if (!options.DevelopmentSignIn)
        {
            throw new CommandException(
                ExitCodes.Refused,
                options.Authority.Length > 0
                    ? $"{run.Connection.Server} takes its tokens from the identity provider {options.Authority} (audience {options.Audience})."
                    : $"{run.Connection.Server} mints development tokens only for callers on its own machine.",
                "Get a token from your identity provider, then: biobank login --with-token < token.txt");
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(user))
        {
            missing.Add("--user NAME");
        }

        if (string.IsNullOrWhiteSpace(organisation))
        {
            missing.Add($"--org {string.Join('|', options.Organisations.Select(Names.Id))}");
        }

        if (roles.Length == 0)
        {
            missing.Add($"--role {string.Join('|', options.Roles)}");
        }

        if (missing.Count > 0)
        {
            throw new UsageException(
                $"Signing in to this development server needs {string.Join(", ", missing)}.",
                "e.g. biobank login --user alice --org inserm --role technician");
        }

        var issued = await run.Anonymous.Session.IssueDevelopmentTokenAsync(new IssueDevelopmentTokenRequest
        {
            Subject = user!.Trim(),
            Organisation = Names.Of(Names.Organisations, organisation!),
            Roles = { roles },
            Lifetime = Duration.FromTimeSpan(lifetime),
        }, run.Options);
        return issued.Token;
    }

    private static Command Logout(CommandTree cli) =>
        cli.Leaf("logout", "Forget the profile's token.", [], run =>
        {
            var connection = run.Connection;
            var removed = connection.Profiles.Remove(connection.ProfileName);
            run.Screen.Done(removed ? $"Signed out of {connection.Server} (profile {connection.ProfileName})." : $"No profile {connection.ProfileName} was saved.");
            return Task.CompletedTask;
        });

    private static Command WhoAmI(CommandTree cli) =>
        cli.Leaf("whoami", "Show who the server takes you for: identity, organisation and roles.", [], async run =>
        {
            var me = await run.MeAsync();
            var organisations = await run.Client.Directory.ListOrganisationsAsync(new ListOrganisationsRequest(), run.Options);
            var organisation = organisations.Organisations.FirstOrDefault(o => o.Name == me.Organisation);
            var expires = TokenClaims.Read(run.Connection.Token!).Expires;
            run.Show(me, screen => screen.Fields(
                ("user", new Cell(me.Subject, Tone.Strong)),
                ("organisation", organisation is null ? Names.Id(me.Organisation) : $"{organisation.DisplayName} ({Names.Id(me.Organisation)})"),
                ("roles", string.Join(", ", me.Roles)),
                ("server", run.Connection.Server),
                ("profile", run.Connection.ProfileName),
                ("token expires", expires is { } e ? Times.Show(e, run.Environment.LocalZone) : "")));
        });
}
