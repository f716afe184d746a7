namespace Biobank.Server.LocalDatabase;

/// <summary>
/// The running server of a cluster, as its <c>postmaster.pid</c> describes it: process id (line 1),
/// port (line 4) and status (line 8: <c>starting</c>, <c>ready</c>, <c>stopping</c>).
/// </summary>
internal sealed record Postmaster(int Id, int Port, string Status)
{
    public bool IsReady => Status == "ready";

    /// <summary>
    /// The cluster's server if its process is alive. A server killed outright leaves its
    /// postmaster.pid behind, and its process id may since name another process or a zombie not yet
    /// reaped, so on Linux the process must also be a postgres running this very cluster.
    /// </summary>
    public static Postmaster? Running(string clusterDirectory)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(clusterDirectory, "postmaster.pid"));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        if (lines.Length < 4 || !int.TryParse(lines[0], out var id) || !int.TryParse(lines[3], out var port))
        {
            return null;
        }

        var postmaster = new Postmaster(id, port, lines.Length > 7 ? lines[7].Trim() : "");
        return postmaster.IsAlive(clusterDirectory) ? postmaster : null;
    }

    private bool IsAlive(string clusterDirectory)
    {
        var commandLine = $"/proc/{Id}/cmdline";
        if (Directory.Exists("/proc/self"))
        {
            try
            {
                // Arguments are separated by NUL; a zombie's command line is empty.
                return File.ReadAllText(commandLine).Split('\0').Contains(clusterDirectory);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(Id);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
