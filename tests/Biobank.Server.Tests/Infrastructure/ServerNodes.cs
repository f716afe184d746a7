using Biobank.Client;
using Biobank.Domain.Access;

namespace Biobank.Server.Tests.Infrastructure;

/// <summary>
/// Server processes on one database of the test run's PostgreSQL, as stateless nodes behind a
/// balancer run: they share a data directory for the signing key, so a caller's token and request
/// ids are good on any of them. Every process is ended when the nodes are disposed, whatever happened.
/// </summary>
public sealed class ServerNodes : IAsyncDisposable
{
    private readonly ServerDataDirectory _data;
    private readonly List<ServerProcess> _nodes;

    private ServerNodes(ServerDataDirectory data, string connectionString, List<ServerProcess> nodes)
    {
        _data = data;
        ConnectionString = connectionString;
        _nodes = nodes;
    }

    /// <summary>The database the nodes share.</summary>
    public string ConnectionString { get; }

    public ServerProcess this[int node] => _nodes[node];

    public static async Task<ServerNodes> StartAsync(int count, string purpose)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync(purpose);
        var data = new ServerDataDirectory();
        string[] configuration = [$"--ConnectionStrings:Biobank={connectionString}", data.Argument];
        var started = new List<ServerProcess>();
        try
        {
            // The first node makes the schema; the others, started together, find it made.
            started.Add(await ServerProcess.StartAsync(configuration));
            var others = Enumerable.Range(1, count - 1).Select(_ => ServerProcess.StartAsync(configuration)).ToList();
            try
            {
                await Task.WhenAll(others);
            }
            finally
            {
                started.AddRange(others.Where(node => node.IsCompletedSuccessfully).Select(node => node.Result));
            }

            return new ServerNodes(data, connectionString, started);
        }
        catch
        {
            await StopAsync(started, data);
            throw;
        }
    }

    /// <summary>A client of <paramref name="node"/> acting as <paramref name="caller"/>.</summary>
    public BiobankClient ClientFor(int node, Caller caller, int maxAttempts = 4) => ClientFor(_nodes[node].Address, caller, maxAttempts);

    /// <summary>A client acting as <paramref name="caller"/> that reaches a node through <paramref name="address"/> (a relay in front of it).</summary>
    public BiobankClient ClientFor(Uri address, Caller caller, int maxAttempts = 4) => _data.ClientFor(address, caller, maxAttempts);

    public ValueTask DisposeAsync() => new(StopAsync(_nodes, _data));

    private static async Task StopAsync(List<ServerProcess> nodes, ServerDataDirectory data)
    {
        await Task.WhenAll(nodes.Select(node => node.DisposeAsync().AsTask()));
        data.Dispose();
    }
}
