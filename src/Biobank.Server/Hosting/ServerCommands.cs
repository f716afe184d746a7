extern alias demo;

using System.Globalization;
using Biobank.Domain.Access;
using Biobank.Server.Partners;
using Biobank.Server.Identity;
using Biobank.Server.LocalDatabase;
using Biobank.Server.EventStore;
using demo::Biobank.Demo;
using Microsoft.AspNetCore.Connections;

namespace Biobank.Server.Hosting;

/// <summary>
/// The server's command line: serve (default), <c>--apply-schema-only</c>, <c>--seed-demo</c> to fill
/// the database with demo instruments and bookings, <c>token</c> to mint a development token, and
/// <c>rebuild-projections</c> to rebuild every read model from the events.
/// Other arguments are configuration (<c>--Biobank:DataDirectory=/srv/biobank</c>).
/// </summary>
public static class ServerCommands
{
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            if (args.Length > 0 && args[0] == "token")
            {
                return MintToken(args[1..]);
            }

            if (args.Length > 0 && args[0] == "rebuild-projections")
            {
                return await RebuildProjectionsAsync(args[1..]);
            }

            if (args.Contains("--apply-schema-only"))
            {
                return await ApplySchemaAsync(args.Where(a => a != "--apply-schema-only").ToArray());
            }

            if (args.Contains("--seed-demo"))
            {
                return await SeedDemoAsync(args.Where(a => a != "--seed-demo").ToArray());
            }

            return await ServeAsync(args);
        }
        catch (LocalPostgresException e)
        {
            await Console.Error.WriteLineAsync($"biobank: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> ServeAsync(string[] args)
    {
        await using var database = await DatabaseLocation.ResolveAsync(Configuration(args));
        await using var app = BiobankApplication.Build(args, database.ConnectionString, builder =>
        {
            if (database.Cluster is { } cluster)
            {
                builder.Services.AddSingleton(cluster).AddHostedService<ClusterSupervisor>();
            }
        });
        try
        {
            await app.StartAsync();
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            // Background services started before the listener failed: they stop before the cluster they use.
            await app.StopAsync();
            await Console.Error.WriteLineAsync(AddressInUse(app.Configuration, e));
            return 2;
        }

        var refused = BiobankApplication.RemoteCleartextAddresses(app).ToList();
        if (refused.Count > 0)
        {
            await Console.Error.WriteLineAsync(
                $"biobank: refusing plain-text HTTP/2 on non-loopback address(es) {string.Join(", ", refused)}; " +
                "configure TLS, or set Biobank:AllowRemoteCleartext=true behind a TLS-terminating balancer.");
            await app.StopAsync();
            return 2;
        }

        Console.WriteLine($"Biobank serving gRPC on {string.Join(", ", app.Urls)}" +
            (database.Cluster is { } cluster ? $" (local PostgreSQL on 127.0.0.1:{cluster.Port})" : ""));
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>
    /// One line naming the address another program holds and the setting that moves the server
    /// elsewhere. Kestrel's message names the address it bound, which for <c>localhost</c> is an IP
    /// address, so the configured endpoint is recognised by its port.
    /// </summary>
    private static string AddressInUse(IConfiguration configuration, IOException e)
    {
        var taken = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => (
                Setting: $"Kestrel:Endpoints:{endpoint.Key}:Url",
                Url: Uri.TryCreate(endpoint["Url"], UriKind.Absolute, out var url) ? url : null))
            .FirstOrDefault(endpoint => endpoint.Url is not null && e.Message.Contains($":{endpoint.Url.Port}:", StringComparison.Ordinal));
        if (taken.Url is null)
        {
            return $"biobank: {e.Message} Choose another address, e.g. --Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:5081";
        }

        var example = new UriBuilder(taken.Url) { Port = taken.Url.Port + 1 }.Uri.GetLeftPart(UriPartial.Authority);
        return $"biobank: cannot listen on {taken.Url.GetLeftPart(UriPartial.Authority)}, another program already does; " +
            $"stop that program or choose another address, e.g. --{taken.Setting}={example}";
    }

    private static async Task<int> ApplySchemaAsync(string[] args)
    {
        await using var database = await DatabaseLocation.ResolveAsync(Configuration(args));
        await using var app = BiobankApplication.Build(
            args, database.ConnectionString,
            builder => builder.Configuration[$"{BiobankServerOptions.Section}:{nameof(BiobankServerOptions.ApplySchemaOnStartup)}"] = "false");
        await BiobankStore.ApplySchemaAsync(app.Services, CancellationToken.None);
        Console.WriteLine("Biobank schema is up to date.");
        return 0;
    }

    /// <summary>
    /// Runs the host on a free loopback port just long enough to seed it through its own API, with
    /// tokens signed by the local key, then stops it.
    /// </summary>
    private static async Task<int> SeedDemoAsync(string[] args)
    {
        var configuration = Configuration(args);
        var identity = configuration.GetSection(IdentityOptions.Section).Get<IdentityOptions>() ?? new();
        if (!string.IsNullOrWhiteSpace(identity.Authority))
        {
            await Console.Error.WriteLineAsync(
                "biobank: --seed-demo signs its tokens with the local key, which a server with Identity:Authority does not accept.");
            return 2;
        }

        var options = configuration.GetSection(BiobankServerOptions.Section).Get<BiobankServerOptions>() ?? new();
        await using var database = await DatabaseLocation.ResolveAsync(configuration);
        await using var app = BiobankApplication.Build(args, database.ConnectionString, builder =>
        {
            builder.Configuration["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0";
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        });
        await app.StartAsync();
        try
        {
            var key = LocalSigningKey.Load(options.DataDirectory);
            var address = new Uri(app.Urls.First(url => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)));
            var summary = await DemoSeed.RunAsync(
                address, caller => TokenIssuer.Issue(key, identity.Audience, caller, TimeSpan.FromHours(1)), TimeProvider.System);
            Console.WriteLine(summary);
            return 0;
        }
        catch (Grpc.Core.RpcException e)
        {
            await Console.Error.WriteLineAsync($"biobank: the demo seed was refused: {e.StatusCode} {e.Status.Detail}");
            return 1;
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>
    /// Runs the host on a free loopback port just long enough to rebuild every projection from
    /// the events with this node's daemon. Other nodes should be stopped (or their daemons paused)
    /// meanwhile: the async projections they run would race the replay.
    /// </summary>
    private static async Task<int> RebuildProjectionsAsync(string[] args)
    {
        await using var database = await DatabaseLocation.ResolveAsync(Configuration(args));
        await using var app = BiobankApplication.Build(args, database.ConnectionString, builder =>
        {
            builder.Configuration["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0";
        });
        await app.StartAsync();
        try
        {
            var rebuilt = await app.Services.GetRequiredService<ProjectionRebuild>().RebuildAllAsync(CancellationToken.None);
            Console.WriteLine($"Rebuilt {rebuilt.Count} projections from the events: {string.Join(", ", rebuilt)}.");
            return 0;
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static int MintToken(string[] args)
    {
        string? subject = null, organisation = null;
        var roles = new List<string>();
        var lifetime = TimeSpan.FromHours(12);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--sub" when value is not null: subject = value; i++; break;
                case "--org" when value is not null: organisation = value; i++; break;
                case "--role" when value is not null: roles.Add(value); i++; break;
                case "--hours" when value is not null: lifetime = TimeSpan.FromHours(double.Parse(value, CultureInfo.InvariantCulture)); i++; break;
                default: rest.Add(args[i]); break;
            }
        }

        var configuration = Configuration(rest.ToArray());
        var known = configuration.GetSection(DirectoryOptions.Section).Get<DirectoryOptions>()?.Organisations.Select(o => o.Id).ToList() ?? [];
        var unknownRoles = roles.Except(Role.All).ToList();
        if (subject is null || organisation is null || !known.Contains(organisation) || unknownRoles.Count > 0)
        {
            Console.Error.WriteLine(
                "usage: token --sub SUBJECT --org ORGANISATION --role ROLE [--role ROLE ...] [--hours 12]\n" +
                $"  organisations: {string.Join(", ", known)}\n  roles: {string.Join(", ", Role.All)}" +
                (unknownRoles.Count > 0 ? $"\n  unknown role(s): {string.Join(", ", unknownRoles)}" : ""));
            return 2;
        }

        var options = configuration.GetSection(BiobankServerOptions.Section).Get<BiobankServerOptions>() ?? new();
        var identity = configuration.GetSection(IdentityOptions.Section).Get<IdentityOptions>() ?? new();
        var caller = new Caller(subject, organisation, roles.ToHashSet(StringComparer.Ordinal));
        Console.WriteLine(TokenIssuer.Issue(LocalSigningKey.Load(options.DataDirectory), identity.Audience, caller, lifetime));
        return 0;
    }

    /// <summary>The same configuration sources the host reads: appsettings, environment, command line.</summary>
    private static ConfigurationManager Configuration(string[] args) => WebApplication.CreateBuilder(BiobankApplication.Options(args)).Configuration;
}
