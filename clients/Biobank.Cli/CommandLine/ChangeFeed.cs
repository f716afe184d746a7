using Grpc.Core;

namespace Biobank.Cli.CommandLine;

/// <summary>
/// Follows one of the server's change feeds (bookings, transfers): a stream that any node resumes
/// after the last position received, so a lost connection is taken up again without missing or
/// repeating a change.
/// </summary>
public static class ChangeFeed
{
    public static System.CommandLine.Option<string?> ResumeAfterOption() =>
        CommandTree.Optional("--resume-after", "Start after this position (the last one received); 0 replays every change", "position");

    public static System.CommandLine.Option<int?> CountOption() =>
        new("--count") { Description = "Stop after this many changes [default: run until interrupted]", HelpName = "n" };

    /// <summary>
    /// Calls <paramref name="each"/> for every change <paramref name="open"/>'s stream brings, opening
    /// it again when the connection is lost, until <paramref name="count"/> changes are in or the
    /// run is cancelled. <paramref name="each"/> keeps the position of the change in the request
    /// <paramref name="open"/> sends.
    /// </summary>
    public static async Task FollowAsync<TChange>(Invocation run, int? count, Func<AsyncServerStreamingCall<TChange>> open, Func<TChange, Task> each)
    {
        var left = count;
        while (left is null or > 0)
        {
            try
            {
                using var call = open();
                await foreach (var change in call.ResponseStream.ReadAllAsync(run.Cancellation))
                {
                    await each(change);
                    if (left is not null && --left == 0)
                    {
                        return;
                    }
                }
            }
            catch (RpcException lost) when (lost.StatusCode == StatusCode.Unavailable && !run.Cancellation.IsCancellationRequested)
            {
                run.Remark("Connection lost; reconnecting.");
                await Task.Delay(TimeSpan.FromSeconds(1), run.Cancellation);
            }
        }
    }
}
