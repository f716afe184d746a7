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
/// <remarks>
/// One process at a time owns the cluster: it holds an exclusive lock on <c>postgres.owner</c> beside
/// the cluster for as long as it is responsible for starting and stopping it. The operating system
/// releases the lock when that process ends, however it ends, so a cluster left running by a process
/// that was killed is adopted by the next one, while a cluster whose owner is alive is only joined.
/// </remarks>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string SystemUser = "postgres";
    private const string Superuser = "biobank";
    private static readonly TimeSpan OwnerPatience = TimeSpan.FromSeconds(90);

    private readonly PostgresBinaries _binaries;
    private readonly string _clusterDirectory;
    private readonly string _ownerFile;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FileStream? _ownership;
    private bool _disposed;

    private LocalPostgresCluster(PostgresBinaries binaries, string root, int port, string password, FileStream? ownership)
    {
        _binaries = binaries;
        _clusterDirectory = ClusterDirectory(root);
        _ownerFile = OwnerFile(root);
        _ownership = ownership;
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
    /// Creates (first run) or reuses the cluster under <paramref name="directory"/> and makes sure its
    /// server runs. A server left running by a process that has ended is adopted; a server owned by a
    /// living process (another Biobank server on the same directory) is joined and left running on dispose.
    /// </summary>
    public static async Task<LocalPostgresCluster> StartAsync(string directory, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Find();
        var root = Path.GetFullPath(directory);
        var clusterDirectory = ClusterDirectory(root);
        var passwordFile = Path.Combine(root, "postgres.password");
        Directory.CreateDirectory(root);

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (TryTakeOwnership(OwnerFile(root)) is { } ownership)
            {
                try
                {
                    if (!File.Exists(Path.Combine(clusterDirectory, "PG_VERSION")))
                    {
                        await CreateClusterAsync(binaries, root, clusterDirectory, passwordFile, cancellationToken);
                    }

                    // A server still running here was left by an owner that has ended: it is adopted.
                    var orphan = Postmaster.Running(clusterDirectory);
                    var cluster = new LocalPostgresCluster(
                        binaries, root, orphan?.Port ?? FreeLoopbackPort(), await ReadPasswordAsync(passwordFile, cancellationToken), ownership);
                    if (orphan is null)
                    {
                        await cluster.StartServerAsync(cancellationToken);
                    }

                    return cluster;
                }
                catch
                {
                    await ownership.DisposeAsync();
                    throw;
                }
            }

            // The owner may still be making or starting the cluster: join once it is ready for connections.
            if (Postmaster.Running(clusterDirectory) is { IsReady: true } running)
            {
                return new LocalPostgresCluster(
                    binaries, root, running.Port, await ReadPasswordAsync(passwordFile, cancellationToken), ownership: null);
            }

            if (deadline.Elapsed > OwnerPatience)
            {
                throw new LocalPostgresException(
                    $"Another process owns the PostgreSQL cluster in {clusterDirectory} (it holds {OwnerFile(root)}) " +
                    $"but has not made it ready for connections within {OwnerPatience.TotalSeconds:0} seconds.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
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

    /// <summary>
    /// Whether the server is running and looked after: by this instance, or by a living owner. When
    /// false, <see cref="RecoverAsync"/> has something to do.
    /// </summary>
    internal bool IsLookedAfter => Postmaster.Running(_clusterDirectory) is not null && (OwnsServer || OwnerIsAlive());

    /// <summary>
    /// Takes the cluster over if its owner has gone, and starts its server again on the same port if it
    /// has stopped, so connection strings handed out stay valid. A cluster whose owner is alive is left
    /// to that owner. Throws <see cref="LocalPostgresException"/> when the server does not start.
    /// </summary>
    internal async Task<ClusterRecovery> RecoverAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_disposed)
            {
                return ClusterRecovery.None;
            }

            var adopted = false;
            if (_ownership is null)
            {
                _ownership = TryTakeOwnership(_ownerFile);
                if (_ownership is null)
                {
                    return ClusterRecovery.None;
                }

                adopted = true;
            }

            if (Postmaster.Running(_clusterDirectory) is not null)
            {
                return adopted ? ClusterRecovery.Adopted : ClusterRecovery.None;
            }

            // Not cancelled halfway: a server coming up unnoticed would outlive this process.
            try
            {
                await StartServerAsync(CancellationToken.None);
            }
            catch (LocalPostgresException) when (!IsFree(Port))
            {
                throw new LocalPostgresException(
                    $"Port {Port} on 127.0.0.1, where this server's connection string expects PostgreSQL, is taken by another program.");
            }

            return ClusterRecovery.Restarted;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the server if this instance started or adopted it, then lets another process own the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_ownership is null)
            {
                return;
            }

            await RunAsync(_binaries.PgCtl, ["stop", "-w", "-t", "60", "-m", "fast", "-D", _clusterDirectory], CancellationToken.None, throwOnError: false);
            _ownership.SetLength(0);
            await _ownership.DisposeAsync();
            _ownership = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Whether this instance started or adopted the server, and so stops it on dispose.</summary>
    private bool OwnsServer => _ownership is not null;

    private string LogFile => Path.Combine(_clusterDirectory, "server.log");

    private static string ClusterDirectory(string root) => Path.Combine(root, "postgres");

    private static string OwnerFile(string root) => Path.Combine(root, "postgres.owner");

    /// <summary>
    /// The exclusive lock that makes this process the cluster's owner, or null while another process
    /// holds it. The file names the owning process for people looking at the directory.
    /// </summary>
    private static FileStream? TryTakeOwnership(string ownerFile)
    {
        var ownership = TryLock(ownerFile);
        if (ownership is not null)
        {
            ownership.SetLength(0);
            ownership.Write(System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
            ownership.Flush();
        }

        return ownership;
    }

    /// <summary>
    /// The file is never deleted: a process that opened it just before would lock a file nobody
    /// else sees. On Unix, <see cref="FileShare.None"/> takes an flock on the open file, which the
    /// operating system drops when the process ends, and which programs started from here do not inherit.
    /// </summary>
    private static FileStream? TryLock(string ownerFile)
    {
        try
        {
            return new FileStream(ownerFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(ownerFile))
        {
            return null;
        }
    }

    private bool OwnerIsAlive()
    {
        using var probe = TryLock(_ownerFile);
        return probe is null;
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(
                _binaries.PgCtl,
                [
                    "start", "-w", "-t", "60", "-D", _clusterDirectory, "-l", LogFile,
                    "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300",
                ],
                cancellationToken);
        }
        catch (LocalPostgresException e)
        {
            // pg_ctl only says to look at the log; the reason is the log's last FATAL line.
            throw new LocalPostgresException($"{e.Message} {LastFatalLogLine() ?? ""} (log: {LogFile})");
        }
    }

    private string? LastFatalLogLine()
    {
        try
        {
            using var log = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            log.Seek(Math.Max(0, log.Length - 8192), SeekOrigin.Begin);
            using var reader = new StreamReader(log);
            return reader.ReadToEnd().Split('\n').LastOrDefault(line => line.Contains("FATAL:", StringComparison.Ordinal))?.Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task<string> ReadPasswordAsync(string passwordFile, CancellationToken cancellationToken) =>
        (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();

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
                LetSystemUserReach(root);
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

    /// <summary>
    /// The cluster's system user must pass through every directory above the cluster. A directory
    /// on the way that only root may enter (a checkout inside <c>mktemp -d</c>, say) is opened for
    /// passing through by others, not for listing, and the change is said on standard error.
    /// </summary>
    private static void LetSystemUserReach(string root)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        for (var directory = new DirectoryInfo(root); directory is not null; directory = directory.Parent)
        {
            var mode = File.GetUnixFileMode(directory.FullName);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                File.SetUnixFileMode(directory.FullName, mode | UnixFileMode.OtherExecute);
                Console.Error.WriteLine(
                    $"biobank: {directory.FullName} let others pass through (o+x) so that PostgreSQL, running as {SystemUser}, reaches its cluster");
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
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
