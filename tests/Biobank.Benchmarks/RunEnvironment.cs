using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Biobank.Benchmarks;

/// <summary>Where the numbers were measured: they only compare with numbers from the same kind of machine.</summary>
public sealed record RunEnvironment(
    string Commit, int Cores, string OperatingSystem, string Runtime, string Postgres, string LoadAverage, DateTimeOffset StartedAt)
{
    public static RunEnvironment Describe(string postgresVersion, DateTimeOffset startedAt) => new(
        CurrentCommit(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        postgresVersion,
        CurrentLoadAverage(),
        startedAt);

    /// <summary>The checked-out commit, marked when the work tree has changes, or "unknown" outside git.</summary>
    private static string CurrentCommit()
    {
        var head = Git("rev-parse", "--short=12", "HEAD");
        if (head is null or "")
        {
            return "unknown";
        }

        return Git("status", "--porcelain", "--untracked-files=no") is { Length: > 0 } ? $"{head} (with local changes)" : head;
    }

    private static string? Git(params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }

    /// <summary>The 1, 5 and 15 minute load averages: other work on a shared machine shows here.</summary>
    private static string CurrentLoadAverage() =>
        File.Exists("/proc/loadavg")
            ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
            : "unknown";
}
