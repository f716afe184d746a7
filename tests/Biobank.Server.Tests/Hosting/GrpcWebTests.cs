using System.Net;
using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;

namespace Biobank.Server.Tests.Hosting;

/// <summary>Browsers calling the server over gRPC-Web, as the pages of allowed origins only.</summary>
public sealed class GrpcWebTests(BrowserServerFixture server) : IClassFixture<BrowserServerFixture>
{
    [Theory]
    [InlineData(GrpcWebMode.GrpcWeb)]
    [InlineData(GrpcWebMode.GrpcWebText)]
    public async Task A_call_over_grpc_web_on_http1_is_answered_for_the_tokens_caller(GrpcWebMode mode)
    {
        using var channel = WebChannel(server.TokenFor(new Caller("alice.tech", "anses", new HashSet<string> { Role.Technician })), mode);

        var me = await new DirectoryService.DirectoryServiceClient(channel).GetCallerIdentityAsync(new GetCallerIdentityRequest());

        me.Subject.ShouldBe("alice.tech");
        me.Organisation.ShouldBe("organisations/anses");
    }

    [Fact]
    public async Task A_call_over_grpc_web_without_a_token_is_unauthenticated_with_its_reason()
    {
        using var channel = WebChannel(token: null, GrpcWebMode.GrpcWeb);

        var error = await Should.ThrowAsync<RpcException>(
            new DirectoryService.DirectoryServiceClient(channel).GetCallerIdentityAsync(new GetCallerIdentityRequest()).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        error.Reason().ShouldBe("UNAUTHENTICATED");
    }

    [Fact]
    public async Task A_refusal_over_grpc_web_carries_its_reason_and_metadata()
    {
        using var channel = WebChannel(server.TokenFor(new Caller("alice.tech", "anses", new HashSet<string> { Role.Technician })), GrpcWebMode.GrpcWeb);

        var error = await Should.ThrowAsync<RpcException>(
            new EquipmentService.EquipmentServiceClient(channel).GetEquipmentAsync(new GetEquipmentRequest { Name = "equipment/nowhere" }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.NotFound);
        error.ErrorInfo()!.Metadata["name"].ShouldBe("equipment/nowhere");
    }

    [Fact]
    public async Task A_watch_streams_over_grpc_web_text()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var channel = WebChannel(server.TokenFor(new Caller("marie.facility", "anses", new HashSet<string> { Role.FacilityManager })), GrpcWebMode.GrpcWebText);
        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = new ReservationService.ReservationServiceClient(channel).WatchReservations(
            new WatchReservationsRequest { Equipment = confocal.Name, ResumeAfter = "0" }, cancellationToken: watching.Token);
        using var lims = server.ClientFor("lims.maisons-alfort", "anses", Role.LabSystem);

        var booked = await lims.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 2), TimeSpan.FromHours(2)));

        (await watch.ResponseStream.MoveNext(watching.Token)).ShouldBeTrue();
        watch.ResponseStream.Current.Reservation.Name.ShouldBe(booked.Name);
    }

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_is_answered_without_a_token()
    {
        using var http = new HttpClient();

        using var response = await http.SendAsync(Preflight(BrowserServerFixture.AllowedOrigin));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([BrowserServerFixture.AllowedOrigin]);
        string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant().ShouldContain("authorization");
    }

    [Fact]
    public async Task A_preflight_from_another_origin_is_not_allowed()
    {
        using var http = new HttpClient();

        using var response = await http.SendAsync(Preflight("https://elsewhere.example"));

        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task A_page_of_an_allowed_origin_may_read_the_status_of_a_refused_call()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.WebAddress, "/biobank.v1.DirectoryService/GetCallerIdentity"))
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new("application/grpc-web+proto");
        request.Headers.Add("Origin", BrowserServerFixture.AllowedOrigin);
        request.Headers.Add("X-Grpc-Web", "1");

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/grpc-web");
        response.Headers.GetValues("grpc-status").ShouldBe(["16"]);
        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([BrowserServerFixture.AllowedOrigin]);
        var exposed = string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers")).ToLowerInvariant().Split(',');
        exposed.ShouldContain("grpc-status");
        exposed.ShouldContain("grpc-status-details-bin");
    }

    [Fact]
    public async Task A_browser_calls_over_http1_on_the_address_grpc_clients_call_over_http2()
    {
        var caller = new Caller("alice.tech", "anses", new HashSet<string> { Role.Technician });
        using var grpc = server.ClientFor(caller);
        using var browser = WebChannel(server.TokenFor(caller), GrpcWebMode.GrpcWeb, server.Address);

        var overHttp2 = await grpc.Directory.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        var overHttp1 = await new DirectoryService.DirectoryServiceClient(browser).GetCallerIdentityAsync(new GetCallerIdentityRequest());

        overHttp1.ShouldBe(overHttp2);
    }

    [Fact]
    public async Task Without_a_build_of_the_web_client_its_address_says_how_to_build_it()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(server.Address);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("npm run build");
    }

    private GrpcChannel WebChannel(string? token, GrpcWebMode mode, Uri? address = null)
    {
        return GrpcChannel.ForAddress(address ?? server.WebAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(mode, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Credentials = token is null
                ? ChannelCredentials.Insecure
                : ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
                {
                    metadata.Add("authorization", $"Bearer {token}");
                    return Task.CompletedTask;
                })),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    private HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, new Uri(server.WebAddress, "/biobank.v1.DirectoryService/GetCallerIdentity"));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-grpc-web");
        return request;
    }
}
