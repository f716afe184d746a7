using Biobank.Server.LocalDatabase;
using Biobank.Server.EventStore;

namespace Biobank.Server.Hosting;

/// <summary>
/// Where the database is: the configured <c>ConnectionStrings:Biobank</c>, or else the private
/// PostgreSQL cluster in the data directory, started for the lifetime of this object.
/// </summary>
public sealed class DatabaseLocation : IAsyncDisposable
{
    private DatabaseLocation(string connectionString, LocalPostgresCluster? cluster)
    {
        ConnectionString = connectionString;
        Cluster = cluster;
    }

    public string ConnectionString { get; }

    public LocalPostgresCluster? Cluster { get; }

    public static async Task<DatabaseLocation> ResolveAsync(IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var configured = configuration.GetConnectionString(BiobankStore.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new DatabaseLocation(configured, null);
        }

        var options = configuration.GetSection(BiobankServerOptions.Section).Get<BiobankServerOptions>() ?? new();
        var cluster = await LocalPostgresCluster.StartAsync(options.DataDirectory, cancellationToken);
        try
        {
            return new DatabaseLocation(await cluster.EnsureDatabaseAsync("biobank", cancellationToken), cluster);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Cluster?.DisposeAsync() ?? ValueTask.CompletedTask;
}
