using System.Diagnostics;

namespace Biobank.Server.Tests.Infrastructure;

/// <summary>Waits, up to a deadline, for something another process brings about in its own time.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static Task TrueAsync(Func<bool> condition, TimeSpan patience, string waitingFor) =>
        TrueAsync(() => Task.FromResult(condition()), patience, waitingFor);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan patience, string waitingFor)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > patience)
            {
                throw new TimeoutException($"Waited {patience.TotalSeconds:0} s for {waitingFor}.");
            }

            await Task.Delay(PollInterval);
        }
    }
}
