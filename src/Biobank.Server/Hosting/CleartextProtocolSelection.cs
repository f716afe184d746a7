using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Biobank.Server.Hosting;

/// <summary>
/// One plain-text address for gRPC clients and browsers. gRPC clients speak HTTP/2 with prior
/// knowledge (h2c), browsers speak HTTP/1.1 over plain text (gRPC-Web and the web client's files).
/// Kestrel (.NET 10) chooses HTTP/1.1 for every connection of a cleartext endpoint that allows both,
/// since there is no TLS to negotiate the protocol (dotnet/aspnetcore#56984). This connection
/// middleware reads the first bytes: a connection that opens with HTTP/2's client preface is marked
/// as having negotiated <c>h2</c>, the one public way to make Kestrel choose HTTP/2 for it; any other
/// goes on as HTTP/1.1. Nothing is consumed: Kestrel reads the same bytes afterwards.
/// </summary>
public static class CleartextProtocolSelection
{
    /// <summary>RFC 9113 §3.4: every HTTP/2 connection starts with these 24 bytes.</summary>
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    /// <summary>Selects HTTP/2 or HTTP/1.1 on every endpoint that allows both.</summary>
    public static void SelectHttp2ByPreface(this KestrelServerOptions kestrel)
    {
        kestrel.AllowAlternateSchemes = true;
        kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection =>
            listen.Protocols.HasFlag(HttpProtocols.Http1) && listen.Protocols.HasFlag(HttpProtocols.Http2)
                ? SelectAsync(connection, next, kestrel.Limits.KeepAliveTimeout)
                : next(connection)));
    }

    private static async Task SelectAsync(ConnectionContext connection, ConnectionDelegate next, TimeSpan keepAliveTimeout)
    {
        bool http2;
        try
        {
            http2 = await StartsWithPrefaceAsync(connection, keepAliveTimeout);
        }
        catch (OperationCanceledException)
        {
            connection.Abort(new ConnectionAbortedException("The connection did not say which protocol it speaks."));
            return;
        }

        if (http2)
        {
            var negotiated = new PriorKnowledge();
            connection.Features.Set<ITlsConnectionFeature>(negotiated);
            connection.Features.Set<ITlsApplicationProtocolFeature>(negotiated);
        }

        await next(connection);
    }

    /// <summary>
    /// Reads until the bytes received match the preface in full, or stop matching it. A connection
    /// that sends nothing is closed after Kestrel's keep-alive timeout, as Kestrel closes an idle one.
    /// </summary>
    private static async Task<bool> StartsWithPrefaceAsync(ConnectionContext connection, TimeSpan keepAliveTimeout)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        timeout.CancelAfter(keepAliveTimeout);
        var input = connection.Transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(timeout.Token);
            var buffer = result.Buffer;
            var received = buffer.Slice(0, Math.Min(buffer.Length, Preface.Length)).ToArray();
            var matching = received.AsSpan().SequenceEqual(Preface.AsSpan(0, received.Length));
            if (!matching || received.Length == Preface.Length || result.IsCompleted)
            {
                input.AdvanceTo(buffer.Start);
                return matching && received.Length == Preface.Length;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>
    /// What Kestrel reads to choose HTTP/2: a negotiated <c>h2</c>. The connection is not encrypted
    /// and has no client certificate; <see cref="KestrelServerOptions.AllowAlternateSchemes"/> lets
    /// each request keep the <c>http</c> scheme its client sent.
    /// </summary>
    private sealed class PriorKnowledge : ITlsConnectionFeature, ITlsApplicationProtocolFeature
    {
        public X509Certificate2? ClientCertificate { get; set; }

        public ReadOnlyMemory<byte> ApplicationProtocol => "h2"u8.ToArray();

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) =>
            Task.FromResult<X509Certificate2?>(null);
    }
}
