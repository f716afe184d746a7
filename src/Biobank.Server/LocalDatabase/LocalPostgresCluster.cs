using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Biobank.Server.LocalDatabase;

/// <summary>
/// A private PostgreSQL cluster kept in a directory of its own, made with the machine's installed
/// PostgreSQL binaries on first use and reused afterwards. It listens on 127.0.0.1 only, on a free
/// port, with a generated password. PostgreSQL refuses to run as root, so when this process is root
/// the cluster's programs run as the <c>postgres</c> system user.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string SystemUser = "postgres";
    private const string Superuser = "biobank";

    private readonly PostgresBinaries _binaries;
    private readonly string _clusterDirectory;
    private readonly bool _ownsServer;
    private bool _stopped;

    private LocalPostgresCluster(PostgresBinaries binaries, string clusterDirectory, int port, string password, bool ownsServer)
    {
        _binaries = binaries;
        _clusterDirectory = clusterDirectory;
        _ownsServer = ownsServer;
        Port = port;
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = Superuser,
            Password = password,
            Database = "postgres",
        }.ConnectionString;
    }

    public int Port { get; }

    /// <summary>Connection string to the cluster's <c>postgres</c> maintenance database.</summary>
    public string AdminConnectionString { get; }

    private static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>
    /// Creates (first run) or reuses the cluster under <paramref name="directory"/> and starts it. If a
    /// server is already running on that cluster (another Biobank process), it is joined, not started,
    /// and left running on dispose.
    /// </summary>
    public static async Task<LocalPostgresCluster> StartAsync(string directory, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Find();
        var root = Path.GetFullPath(directory);
        var clusterDirectory = Path.Combine(root, "postgres");
        var passwordFile = Path.Combine(root, "postgres.password");
        Directory.CreateDirectory(root);

        if (!File.Exists(Path.Combine(clusterDirectory, "PG_VERSION")))
        {
            await CreateClusterAsync(binaries, root, clusterDirectory, passwordFile, cancellationToken);
        }

        var password = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();
        var running = RunningPort(clusterDirectory);
        if (running is { } existingPort
            && await RunAsync(binaries.PgCtl, ["status", "-D", clusterDirectory], cancellationToken, throwOnError: false) == 0)
        {
            return new LocalPostgresCluster(binaries, clusterDirectory, existingPort, password, ownsServer: false);
        }

        var port = FreeLoopbackPort();
        await RunAsync(
            binaries.PgCtl,
            [
                "start", "-w", "-t", "60", "-D", clusterDirectory, "-l", Path.Combine(clusterDirectory, "server.log"),
                "-o", $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300",
            ],
            cancellationToken);
        return new LocalPostgresCluster(binaries, clusterDirectory, port, password, ownsServer: true);
    }

    /// <summary>Connection string to <paramref name="database"/>, creating that database if it does not exist.</summary>
    public async Task<string> EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
            {
                Parameters = { new NpgsqlParameter { Value = database } },
            };
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                try
                {
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
                {
                    // Another process created it first.
                }
            }
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;
    }

    /// <summary>Stops the server if this instance started it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped || !_ownsServer)
        {
            return;
        }

        _stopped = true;
        await RunAsync(_binaries.PgCtl, ["stop", "-w", "-t", "60", "-m", "fast", "-D", _clusterDirectory], CancellationToken.None, throwOnError: false);
    }

    private static async Task CreateClusterAsync(
        PostgresBinaries binaries, string root, string clusterDirectory, string passwordFile, CancellationToken cancellationToken)
    {
        // A half-made cluster from an interrupted first run is removed and made again.
        if (Directory.Exists(clusterDirectory))
        {
            Directory.Delete(clusterDirectory, recursive: true);
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // initdb reads the superuser password from a file the cluster's system user can read.
        var initialPasswordFile = Path.Combine(root, $"initdb-{Guid.NewGuid():N}.pw");
        await File.WriteAllTextAsync(initialPasswordFile, password, cancellationToken);
        try
        {
            Directory.CreateDirectory(clusterDirectory);
            if (RunningAsRoot)
            {
                await RunAsync("chown", [$"{SystemUser}:{SystemUser}", clusterDirectory, initialPasswordFile], cancellationToken);
            }

            await RunAsync(
                binaries.InitDb,
                [
                    "-D", clusterDirectory, "-U", Superuser, "--pwfile", initialPasswordFile,
                    "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync",
                ],
                cancellationToken);
        }
        finally
        {
            File.Delete(initialPasswordFile);
        }
    }

    /// <summary>The port of a server recorded in the cluster's postmaster.pid, if any (line 4).</summary>
    private static int? RunningPort(string clusterDirectory)
    {
        var pidFile = Path.Combine(clusterDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<int> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var asSystemUser = RunningAsRoot && program != "chown";
        var start = new ProcessStartInfo(asSystemUser ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asSystemUser)
        {
            foreach (var prefix in new[] { "-u", SystemUser, "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new LocalPostgresException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (throwOnError && process.ExitCode != 0)
        {
            throw new LocalPostgresException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: " +
                $"{(await error).Trim()} {(await output).Trim()}".Trim());
        }

        return process.ExitCode;
    }
}
