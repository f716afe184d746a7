namespace Biobank.Server.LocalDatabase;

/// <summary>The installed PostgreSQL server programs a private cluster is made and run with.</summary>
internal sealed record PostgresBinaries(string BinDirectory)
{
    public string InitDb => Path.Combine(BinDirectory, "initdb");
    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>
    /// Looks for <c>initdb</c> and <c>pg_ctl</c> side by side on the PATH, then in Debian's
    /// <c>/usr/lib/postgresql/{version}/bin</c>, newest version first.
    /// </summary>
    public static PostgresBinaries Find()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];
        foreach (var candidate in onPath.Concat(debian))
        {
            var binaries = new PostgresBinaries(candidate);
            if (File.Exists(binaries.InitDb) && File.Exists(binaries.PgCtl))
            {
                return binaries;
            }
        }

        throw new LocalPostgresException(
            "No PostgreSQL server binaries (initdb, pg_ctl) were found on the PATH or under /usr/lib/postgresql. " +
            "Install Debian's 'postgresql' package (apt-get install postgresql), or point the server at an existing " +
            "database with the connection string ConnectionStrings__Biobank.");
    }
}
