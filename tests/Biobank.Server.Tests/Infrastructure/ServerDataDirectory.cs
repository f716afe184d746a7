extern alias BiobankServer;

using System.Diagnostics;
using System.Globalization;
using Biobank.Client;
using Biobank.Domain.Access;
using BiobankServer::Biobank.Server.Identity;

namespace Biobank.Server.Tests.Infrastructure;

/// <summary>
/// A data directory of its own, under the temp directory, for server processes under test, and the
/// private PostgreSQL they run in it: its postmaster found from <c>postgres/postmaster.pid</c>, killed
/// for real when a test needs it, and never left running once the test is over.
/// </summary>
public sealed class ServerDataDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"biobank-process-{Guid.NewGuid():N}");

    /// <summary>The command-line argument that points a server at this directory.</summary>
    public string Argument => $"--Biobank:DataDirectory={Path}";

    /// <summary>
    /// A client of the server at <paramref name="address"/> acting as <paramref name="caller"/>, with a
    /// token signed by the key the servers of this directory keep in it.
    /// </summary>
    public BiobankClient ClientFor(Uri address, Caller caller, int maxAttempts = 4)
    {
        var token = TokenIssuer.Issue(LocalSigningKey.Load(Path), "biobank", caller, TimeSpan.FromHours(1));
        return new BiobankClient(address, new BiobankClientOptions
        {
            TokenProvider = _ => ValueTask.FromResult(token),
            MaxAttempts = maxAttempts,
        });
    }

    /// <summary>The postmaster's process id and port (lines 1 and 4 of postmaster.pid), if it is running.</summary>
    public (int Id, int Port)? Postmaster
    {
        get
        {
            var pidFile = System.IO.Path.Combine(Path, "postgres", "postmaster.pid");
            if (!File.Exists(pidFile))
            {
                return null;
            }

            var lines = File.ReadAllLines(pidFile);
            var postmaster = (Id: int.Parse(lines[0], CultureInfo.InvariantCulture), Port: int.Parse(lines[3], CultureInfo.InvariantCulture));
            return PostgresProcesses().Contains(postmaster.Id) ? postmaster : null;
        }
    }

    /// <summary>
    /// The postgres processes whose command line names this directory: the postmaster (its children
    /// retitle themselves). A killed process not yet reaped has an empty command line.
    /// </summary>
    public List<int> PostgresProcesses() =>
        Process.GetProcessesByName("postgres")
            .Where(p => CommandLine(p.Id).Contains(Path, StringComparison.Ordinal))
            .Select(p => p.Id)
            .ToList();

    /// <summary>Kills the postmaster with SIGKILL and waits until it is gone.</summary>
    public async Task KillPostmasterAsync()
    {
        var id = Postmaster?.Id ?? throw new InvalidOperationException("No PostgreSQL runs in this directory.");
        using (var kill = Process.Start("kill", ["-KILL", id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await Eventually.TrueAsync(() => !PostgresProcesses().Contains(id), TimeSpan.FromSeconds(10), "the killed postmaster to end");
    }

    /// <summary>Waits until no postgres process runs in this directory any more.</summary>
    public Task NoPostgresLeftAsync(TimeSpan patience) =>
        Eventually.TrueAsync(() => PostgresProcesses().Count == 0, patience, $"no postgres left in {Path}");

    /// <summary>A test that failed may leave its postmaster behind: it is killed before the directory goes.</summary>
    public void Dispose()
    {
        foreach (var id in PostgresProcesses())
        {
            using var kill = Process.Start("kill", ["-KILL", id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        var deadline = Stopwatch.StartNew();
        while (PostgresProcesses().Count > 0 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(100);
        }

        Directory.Delete(Path, recursive: true);
    }

    private static string CommandLine(int id)
    {
        try
        {
            return File.ReadAllText($"/proc/{id}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
    }
}
