using System.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Session;
using Biobank.Cli.Values;
using Biobank.Client;
using Biobank.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Biobank.Cli.CommandLine;

/// <summary>
/// One run of one command: its parsed values, the server connection, the zone its times are read
/// and shown in, and the one place that chooses between output for people and JSON for scripts.
/// </summary>
public sealed class Invocation(ParseResult parse, CliEnvironment environment, GlobalOptions globals, CancellationToken cancellation) : IDisposable
{
    private readonly Dictionary<string, Task<V1.Equipment>> _equipment = new(StringComparer.Ordinal);
    private Connection? _connection;
    private BiobankClient? _client;
    private BiobankClient? _anonymous;
    private Task<CallerIdentity>? _me;
    private Task<IReadOnlyList<Site>>? _sites;

    public CliEnvironment Environment { get; } = environment;

    public CancellationToken Cancellation { get; } = cancellation;

    public Screen Screen { get; } = new(environment.Terminal);

    public bool Json => parse.GetValue(globals.Json);

    public DateTimeOffset Now => Environment.Clock.GetUtcNow();

    /// <summary>
    /// The zone times are read and shown in: the instrument's once a command knows it, else the
    /// machine's (or <c>BIOBANK_TIME_ZONE</c>).
    /// </summary>
    public TimeZoneInfo Zone { get; set; } = environment.LocalZone;

    public T Get<T>(Option<T> option) => parse.GetValue(option)!;

    public T Get<T>(Argument<T> argument) => parse.GetValue(argument)!;

    /// <summary>Whether the option was given on the command line.</summary>
    public bool Given(Option option) => parse.GetResult(option) is { Implicit: false };

    public Connection Connection => _connection ??= Session.Connection.Resolve(
        parse.GetValue(globals.Address), parse.GetValue(globals.Token), parse.GetValue(globals.Profile), Environment);

    /// <summary>A client that calls with the caller's token; fails with exit code 3 when there is none or it has expired.</summary>
    public BiobankClient Client
    {
        get
        {
            if (_client is not null)
            {
                return _client;
            }

            var token = Connection.Token ?? throw new CommandException(
                ExitCodes.Unreachable, $"You are not signed in to {Connection.Server}.", SignInAdvice());
            if (TokenClaims.Read(token).Expires is { } expires && expires <= Now)
            {
                throw new CommandException(ExitCodes.Unreachable, $"Your token expired at {Times.Show(expires, Environment.LocalZone)}.", SignInAdvice());
            }

            return _client = new BiobankClient(Connection.Address, token);
        }
    }

    /// <summary>A client that sends no token, for signing in.</summary>
    public BiobankClient Anonymous => _anonymous ??= new BiobankClient(Connection.Address, new BiobankClientOptions());

    public string[] SignInAdvice() =>
    [
        $"Sign in: biobank login --user NAME --org ORGANISATION --role ROLE{(Connection.ProfileName == Profiles.DefaultName ? "" : $" --profile {Connection.ProfileName}")}",
        "  (on a development server; with an identity provider: biobank login --with-token < token.txt)",
    ];

    /// <summary>
    /// Sends a change. Every change carries a request id, chosen here once and kept when the call is
    /// retried, so a change whose answer was lost is made once and answered again.
    /// </summary>
    public async Task<TResponse> Change<TRequest, TResponse>(TRequest request, Func<TRequest, CallOptions, AsyncUnaryCall<TResponse>> send)
        where TRequest : IMessage
    {
        var requestId = request.Descriptor.FindFieldByName("request_id");
        if (requestId is not null && string.IsNullOrEmpty((string)requestId.Accessor.GetValue(request)))
        {
            requestId.Accessor.SetValue(request, BiobankClient.NewRequestId());
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await send(request, new CallOptions(cancellationToken: Cancellation)).ResponseAsync;
            }
            catch (RpcException e) when (attempt < 3 && !Cancellation.IsCancellationRequested && MayRetry(e))
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), Cancellation);
            }
        }
    }

    /// <summary>
    /// The server took the call but did not finish it (its database away, the deadline passed): the
    /// change may or may not be made, and only the same request id can tell. A server that cannot
    /// be reached at all is reported at once, after the client library's own quick retries.
    /// </summary>
    private static bool MayRetry(RpcException e) =>
        e.StatusCode == StatusCode.DeadlineExceeded || e.Reason() is "STORE_UNAVAILABLE" or "CALL_ENDED" or "CONCURRENT_MODIFICATION";

    public CallOptions Options => new(cancellationToken: Cancellation);

    /// <summary>The caller, as the server reads the token.</summary>
    public Task<CallerIdentity> MeAsync() =>
        _me ??= Client.Directory.GetCallerIdentityAsync(new GetCallerIdentityRequest(), Options).ResponseAsync;

    /// <summary>An instrument by id or name, read once per run.</summary>
    public Task<V1.Equipment> EquipmentAsync(string idOrName)
    {
        var name = Names.Of(Names.Equipment, idOrName);
        if (!_equipment.TryGetValue(name, out var equipment))
        {
            _equipment[name] = equipment = Client.Equipment.GetEquipmentAsync(new GetEquipmentRequest { Name = name }, Options).ResponseAsync;
        }

        return equipment;
    }

    /// <summary>An instrument by id or name, whose time zone becomes the zone of the run's times.</summary>
    public async Task<V1.Equipment> InstrumentAsync(string idOrName)
    {
        var equipment = await EquipmentAsync(idOrName);
        Zone = ZoneOf(equipment.TimeZone);
        return equipment;
    }

    public async Task<IReadOnlyList<Site>> SitesAsync() => await (_sites ??= ListSitesAsync());

    public TimeZoneInfo ZoneOf(string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : Environment.LocalZone;

    /// <summary>A time typed on the command line, in the run's zone.</summary>
    public DateTimeOffset Time(string text) => Times.Parse(text, Zone, Now);

    /// <summary>Prints <paramref name="message"/> as JSON for scripts, or as <paramref name="human"/> draws it.</summary>
    public void Show(IMessage message, Action<Screen> human)
    {
        if (Json)
        {
            Environment.Terminal.Out.WriteLine(Output.Json.Document(message));
        }
        else
        {
            human(Screen);
        }
    }

    /// <summary>Prints <paramref name="messages"/> as one JSON array for scripts, or as <paramref name="human"/> draws them.</summary>
    public void Show(IEnumerable<IMessage> messages, Action<Screen> human)
    {
        if (Json)
        {
            Environment.Terminal.Out.WriteLine(Output.Json.Document(messages));
        }
        else
        {
            human(Screen);
        }
    }

    /// <summary>One item of a stream: a JSON line for scripts, or as <paramref name="human"/> draws it.</summary>
    public void ShowLine(IMessage message, Action<Screen> human)
    {
        if (Json)
        {
            Environment.Terminal.Out.WriteLine(Output.Json.Line(message));
        }
        else
        {
            human(Screen);
        }

        Environment.Terminal.Out.Flush();
    }

    /// <summary>A remark for people that scripts reading the output do not want: on standard error.</summary>
    public void Remark(string text) => Environment.Terminal.Error.WriteLine(Tones.Paint(text, Tone.Muted, Environment.Terminal.ErrorColours));

    private async Task<IReadOnlyList<Site>> ListSitesAsync()
    {
        var response = await Client.Directory.ListSitesAsync(new ListSitesRequest { PageSize = 1000 }, Options).ResponseAsync;
        return response.Sites;
    }

    public void Dispose()
    {
        _client?.Dispose();
        _anonymous?.Dispose();
    }
}
