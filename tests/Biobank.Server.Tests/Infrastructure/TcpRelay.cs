using System.Net;
using System.Net.Sockets;

namespace Biobank.Server.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of a server, relaying bytes both ways until told to hold back what
/// the server sends, and cutting every connection when told to or disposed. A call made while replies are held
/// reaches the server and does its work there, but its answer cannot reach the client before the
/// server is killed: a crash between commit and reply, every time.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _server;
    private readonly CancellationTokenSource _cut = new();
    private readonly List<TcpClient> _sockets = [];
    private readonly Task _accepting;
    private volatile bool _holdingReplies;

    public TcpRelay(Uri server)
    {
        _server = server;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    /// <summary>Where clients connect to reach the server.</summary>
    public Uri Address { get; }

    /// <summary>From now on nothing the server sends reaches its clients; what they send still reaches it.</summary>
    public void HoldReplies() => _holdingReplies = true;

    /// <summary>Cuts every connection and takes no more: its clients see the server vanish.</summary>
    public async Task CutAsync()
    {
        if (_cut.IsCancellationRequested)
        {
            return;
        }

        await _cut.CancelAsync();
        _listener.Stop();
        lock (_sockets)
        {
            _sockets.ForEach(socket => socket.Dispose());
        }

        await _accepting;
    }

    public async ValueTask DisposeAsync()
    {
        await CutAsync();
        _cut.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_cut.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var server = new TcpClient();
            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(server);
            }

            _ = RelayAsync(client, server);
        }
    }

    private async Task RelayAsync(TcpClient client, TcpClient server)
    {
        try
        {
            await server.ConnectAsync(_server.Host, _server.Port, _cut.Token);
            await Task.WhenAny(
                PumpAsync(client.GetStream(), server.GetStream(), replies: false),
                PumpAsync(server.GetStream(), client.GetStream(), replies: true));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One end went away, or the relay was cut.
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool replies)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _cut.Token)) > 0)
        {
            if (replies && _holdingReplies)
            {
                await Task.Delay(Timeout.Infinite, _cut.Token);
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _cut.Token);
        }
    }
}
