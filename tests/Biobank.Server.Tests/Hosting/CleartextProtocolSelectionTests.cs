using System.Net.Sockets;
using System.Text;
using Biobank.Server.Tests.Infrastructure;

namespace Biobank.Server.Tests.Hosting;

/// <summary>
/// One plain-text address: a connection opening with HTTP/2's preface is served HTTP/2, any other
/// HTTP/1.1, however the first bytes arrive.
/// </summary>
public sealed class CleartextProtocolSelectionTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    private const byte SettingsFrame = 0x4;

    [Fact]
    public async Task A_preface_arriving_in_pieces_is_answered_with_http2_settings()
    {
        using var tcp = await ConnectAsync();
        var stream = tcp.GetStream();

        await stream.WriteAsync("PRI * HTTP/2.0\r\n"u8.ToArray());
        await Task.Delay(200);
        await stream.WriteAsync("\r\nSM\r\n\r\n"u8.ToArray());

        // The server's own preface: a SETTINGS frame (9-byte header, its type in the fourth byte).
        var header = new byte[9];
        await stream.ReadExactlyAsync(header);
        header[3].ShouldBe(SettingsFrame);
    }

    [Fact]
    public async Task A_request_line_arriving_byte_by_byte_is_answered_over_http1()
    {
        using var tcp = await ConnectAsync();
        var stream = tcp.GetStream();

        foreach (var b in Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: {server.Address.Authority}\r\nConnection: close\r\n\r\n"))
        {
            await stream.WriteAsync(new[] { b });
        }

        using var reader = new StreamReader(stream, Encoding.ASCII);
        (await reader.ReadLineAsync())!.ShouldStartWith("HTTP/1.1 ");
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(server.Address.Host, server.Address.Port);
        return tcp;
    }
}
