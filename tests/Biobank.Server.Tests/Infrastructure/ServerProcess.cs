using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Biobank.Server.Tests.Infrastructure;

/// <summary>
/// The Biobank server as its own operating-system process (the binary built beside the tests), for
/// what only a separate process shows: two nodes on one database, start-up, SIGTERM and SIGKILL.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];
    private readonly List<string> _errors = [];

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>Everything the process printed so far, standard output and error interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>What the process printed on its standard error so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_output)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Starts the server with these configuration arguments and waits until it says it serves.</summary>
    public static async Task<ServerProcess> StartAsync(params string[] configuration)
    {
        var server = Launch(new Uri($"http://127.0.0.1:{FreeLoopbackPort()}"), configuration);
        var exited = server._process.WaitForExitAsync();
        var first = await Task.WhenAny(server._serving.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
        if (first != server._serving.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"The server did not come up:\n{server.Output}");
        }

        return server;
    }

    /// <summary>Starts the server to serve on <paramref name="address"/>, without waiting for anything.</summary>
    public static ServerProcess Launch(Uri address, params string[] configuration)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Biobank.Server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in configuration.Append($"--Kestrel:Endpoints:Grpc:Url={address.GetLeftPart(UriPartial.Authority)}"))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        var server = new ServerProcess(process, address);
        process.OutputDataReceived += (_, line) => server.Record(line.Data, error: false);
        process.ErrorDataReceived += (_, line) => server.Record(line.Data, error: true);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits for the process to end by itself; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan patience)
    {
        using var deadline = new CancellationTokenSource(patience);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process outright (SIGKILL), as a crash or an operator's kill -9 would, and waits for it to end.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await WaitForExitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Sends SIGTERM and waits for the process to end; returns its exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(patience.Token);
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await TerminateAsync();
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void Record(string? line, bool error)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
            if (error)
            {
                _errors.Add(line);
            }
        }

        if (line.StartsWith("Biobank serving gRPC on", StringComparison.Ordinal))
        {
            _serving.TrySetResult(line);
        }
    }

    /// <summary>A loopback port nothing listens on at the moment.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
