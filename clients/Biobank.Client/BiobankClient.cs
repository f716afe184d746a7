using Biobank.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace Biobank.Client;

/// <summary>
/// A connection to a Biobank server with one typed client per service. Adds the bearer token to
/// every call, gives calls a default deadline, and retries calls the server could not take
/// (UNAVAILABLE); mutations stay safe to retry because each carries a <see cref="NewRequestId"/>.
/// </summary>
public sealed class BiobankClient : IDisposable
{
    private readonly GrpcChannel _channel;

    public BiobankClient(Uri address, BiobankClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var credentials = options.TokenProvider is { } tokens
            ? CallCredentials.FromInterceptor(async (context, metadata) =>
                metadata.Add("authorization", $"Bearer {await tokens(context.CancellationToken).ConfigureAwait(false)}"))
            : null;
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = options.HttpHandler,
            Credentials = credentials is null
                ? (address.Scheme == Uri.UriSchemeHttps ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure)
                : ChannelCredentials.Create(address.Scheme == Uri.UriSchemeHttps ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, credentials),
            // Plain-text HTTP/2 is only offered on loopback by the server.
            UnsafeUseInsecureChannelCallCredentials = address.Scheme == Uri.UriSchemeHttp,
            ServiceConfig = options.MaxAttempts > 1 ? RetryUnavailable(options.MaxAttempts) : null,
        });
        var invoker = _channel.Intercept(new DefaultDeadlineInterceptor(options.DefaultDeadline));
        Directory = new DirectoryService.DirectoryServiceClient(invoker);
        Equipment = new EquipmentService.EquipmentServiceClient(invoker);
        Reservations = new ReservationService.ReservationServiceClient(invoker);
        Storage = new StorageService.StorageServiceClient(invoker);
        Samples = new SampleService.SampleServiceClient(invoker);
        Consents = new ConsentService.ConsentServiceClient(invoker);
        Agreements = new AgreementService.AgreementServiceClient(invoker);
        Transfers = new TransferService.TransferServiceClient(invoker);
        Audit = new AuditService.AuditServiceClient(invoker);
        Session = new SessionService.SessionServiceClient(invoker);
    }

    /// <summary>Retries calls the server could not take, with exponential back-off.</summary>
    private static ServiceConfig RetryUnavailable(int maxAttempts) => new()
    {
        MethodConfigs =
        {
            new MethodConfig
            {
                Names = { MethodName.Default },
                RetryPolicy = new RetryPolicy
                {
                    MaxAttempts = maxAttempts,
                    InitialBackoff = TimeSpan.FromMilliseconds(200),
                    MaxBackoff = TimeSpan.FromSeconds(3),
                    BackoffMultiplier = 2,
                    RetryableStatusCodes = { StatusCode.Unavailable },
                },
            },
        },
    };

    /// <summary>A client that sends the same bearer token on every call.</summary>
    public BiobankClient(Uri address, string token)
        : this(address, new BiobankClientOptions { TokenProvider = _ => ValueTask.FromResult(token) })
    {
    }

    public DirectoryService.DirectoryServiceClient Directory { get; }

    public EquipmentService.EquipmentServiceClient Equipment { get; }

    public ReservationService.ReservationServiceClient Reservations { get; }

    public StorageService.StorageServiceClient Storage { get; }

    public SampleService.SampleServiceClient Samples { get; }

    public ConsentService.ConsentServiceClient Consents { get; }

    public AgreementService.AgreementServiceClient Agreements { get; }

    public TransferService.TransferServiceClient Transfers { get; }

    /// <summary>Auditors' reads: replay, history, time travel, integrity.</summary>
    public AuditService.AuditServiceClient Audit { get; }

    /// <summary>Sign-in: callable without a token, as a client has none yet.</summary>
    public SessionService.SessionServiceClient Session { get; }

    /// <summary>The underlying channel, for services this class does not wrap (health, reflection).</summary>
    public GrpcChannel Channel => _channel;

    /// <summary>A fresh request id (UUIDv7) for a mutation; reuse it when retrying that same mutation.</summary>
    public static string NewRequestId() => Guid.CreateVersion7().ToString();

    public void Dispose() => _channel.Dispose();
}
