extern alias BiobankServer;

using Biobank.Client;
using Biobank.Domain.Access;
using BiobankServer::Biobank.Server.Identity;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.IdentityModel.Tokens;

namespace Biobank.Server.Tests.Identity;

public sealed class AuthenticationTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated_with_a_reason()
    {
        using var client = server.AnonymousClient();

        var error = await Should.ThrowAsync<RpcException>(
            client.Directory.GetCallerIdentityAsync(new GetCallerIdentityRequest()).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        error.Reason().ShouldBe("UNAUTHENTICATED");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_unauthenticated()
    {
        var foreignKey = new SymmetricSecurityKey(new byte[64]);
        var token = TokenIssuer.Issue(foreignKey, "biobank", new Caller("mallory", "inserm", new HashSet<string> { Role.Admin }), TimeSpan.FromHours(1));
        using var client = new BiobankClient(server.Address, token);

        var error = await Should.ThrowAsync<RpcException>(
            client.Directory.ListOrganisationsAsync(new ListOrganisationsRequest()).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.Unauthenticated);
    }

    [Fact]
    public async Task An_expired_token_is_unauthenticated()
    {
        var token = TokenIssuer.Issue(
            LocalSigningKey.Load(server.App.Configuration["Biobank:DataDirectory"]!), "biobank",
            new Caller("alice", "inserm", new HashSet<string> { Role.Technician }), TimeSpan.FromMinutes(-10));
        using var client = new BiobankClient(server.Address, token);

        var error = await Should.ThrowAsync<RpcException>(
            client.Directory.ListOrganisationsAsync(new ListOrganisationsRequest()).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.Unauthenticated);
    }

    [Fact]
    public async Task A_token_without_an_organisation_is_unauthenticated()
    {
        var token = TokenIssuer.Issue(
            LocalSigningKey.Load(server.App.Configuration["Biobank:DataDirectory"]!), "biobank",
            new Caller("alice", "", new HashSet<string> { Role.Technician }), TimeSpan.FromHours(1));
        using var client = new BiobankClient(server.Address, token);

        var error = await Should.ThrowAsync<RpcException>(
            client.Directory.ListOrganisationsAsync(new ListOrganisationsRequest()).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.Unauthenticated);
    }

    [Fact]
    public async Task A_token_for_an_organisation_outside_the_partnership_is_unauthenticated()
    {
        using var client = server.ClientFor("eve", "acme-pharma", Role.Admin);

        var error = await Should.ThrowAsync<RpcException>(
            client.Directory.GetCallerIdentityAsync(new GetCallerIdentityRequest()).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.Unauthenticated);
    }

    [Fact]
    public async Task Health_answers_serving_without_a_token()
    {
        using var client = server.AnonymousClient();

        var health = await new Health.HealthClient(client.Channel).CheckAsync(new HealthCheckRequest());

        health.Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    [Fact]
    public async Task An_oversized_token_is_refused_for_its_call_alone_and_other_calls_on_the_connection_carry_on()
    {
        using var client = server.ClientFor("alice", "inserm", Role.Technician);
        var directory = new DirectoryService.DirectoryServiceClient(client.Channel);
        var inflated = new Metadata { { "authorization", $"Bearer {new string('x', 100 * 1024)}" } };

        // A watch keeps a stream of this connection open while the oversized call is refused.
        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watch = client.Reservations.WatchReservations(
            new WatchReservationsRequest { Organisation = "organisations/inserm" }, cancellationToken: watching.Token);
        var opened = watch.ResponseHeadersAsync;
        await opened;

        var error = await Should.ThrowAsync<RpcException>(
            directory.GetCallerIdentityAsync(new GetCallerIdentityRequest(), inflated).ResponseAsync);
        var after = await client.Directory.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        error.StatusCode.ShouldBeOneOf([StatusCode.Unauthenticated, StatusCode.ResourceExhausted], error.ToString());
        after.Subject.ShouldBe("alice");
        watching.IsCancellationRequested.ShouldBeFalse();
        var moved = watch.ResponseStream.MoveNext(watching.Token);
        await watching.CancelAsync();
        (await Should.ThrowAsync<RpcException>(moved)).StatusCode.ShouldBe(StatusCode.Cancelled);
    }
}
