using Biobank.Client;
using Grpc.Core;

namespace Biobank.Server.Tests.Infrastructure;

/// <summary>Many real clients released at once on one call, each result or refusal kept.</summary>
public static class Race
{
    public static Task<List<(T? Result, RpcException? Error)>> RunAsync<T>(
        int racers, Func<int, BiobankClient> client, Func<BiobankClient, Task<T>> call) where T : class =>
        RunAsync(racers, client, (c, _) => call(c));

    public static async Task<List<(T? Result, RpcException? Error)>> RunAsync<T>(
        int racers, Func<int, BiobankClient> client, Func<BiobankClient, int, Task<T>> call) where T : class
    {
        var clients = Enumerable.Range(0, racers).Select(client).ToList();
        using var start = new SemaphoreSlim(0);
        var running = clients.Select(async (c, i) =>
        {
            await start.WaitAsync();
            try
            {
                return ((T?)await call(c, i), (RpcException?)null);
            }
            catch (RpcException e)
            {
                return (null, e);
            }
        }).ToList();
        start.Release(racers);
        var results = (await Task.WhenAll(running)).ToList();
        clients.ForEach(c => c.Dispose());
        return results;
    }
}
