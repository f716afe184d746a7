namespace Biobank.Client;

/// <summary>How a <see cref="BiobankClient"/> talks to the server.</summary>
public sealed class BiobankClientOptions
{
    /// <summary>Deadline given to calls that do not set their own.</summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Attempts per call when the server answers UNAVAILABLE (1: no retry). Mutations carry a
    /// request id, so a retried mutation is applied at most once.
    /// </summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Supplies the bearer token for each call (e.g. from the identity provider, refreshed as needed).</summary>
    public Func<CancellationToken, ValueTask<string>>? TokenProvider { get; set; }

    /// <summary>Handler to send HTTP/2 requests with; by default a <see cref="System.Net.Http.SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }
}
