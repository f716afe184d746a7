namespace Biobank.Server.Tests.Infrastructure;

/// <summary>The checkout the tests were built from.</summary>
public static class Repository
{
    /// <summary>The directory holding Biobank.sln, found upwards from the test binaries.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Biobank.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Biobank.sln above {AppContext.BaseDirectory}.");
    }
}
