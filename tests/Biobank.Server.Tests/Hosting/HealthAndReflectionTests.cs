extern alias BiobankServer;

using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using BiobankServer::Biobank.Server.Hosting;
using BiobankServer::Biobank.Server.Identity;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace Biobank.Server.Tests.Hosting;

public sealed class HealthAndReflectionTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task Reflection_lists_the_biobank_services_without_a_token()
    {
        using var client = server.AnonymousClient();
        using var reflection = new ServerReflection.ServerReflectionClient(client.Channel).ServerReflectionInfo();

        await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await reflection.RequestStream.CompleteAsync();
        (await reflection.ResponseStream.MoveNext(CancellationToken.None)).ShouldBeTrue();

        var services = reflection.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        services.ShouldContain("biobank.v1.DirectoryService");
        services.ShouldContain("grpc.health.v1.Health");
    }

    [Fact]
    public async Task While_PostgreSQL_is_unreachable_health_is_not_serving_and_calls_are_unavailable()
    {
        // Port 1 on loopback: nothing listens there.
        var unreachable = "Host=127.0.0.1;Port=1;Username=biobank;Password=x;Database=biobank;Timeout=2";
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"biobank-server-{Guid.NewGuid():N}");
        await using var app = BiobankApplication.Build([], unreachable, builder =>
        {
            builder.Configuration["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0";
            builder.Configuration["Biobank:DataDirectory"] = dataDirectory;
            builder.Configuration["Biobank:ApplySchemaOnStartup"] = "false";
        });
        await app.StartAsync();
        try
        {
            using var client = new BiobankClient(new Uri(app.Urls.Single()), new BiobankClientOptions());

            var health = await new Health.HealthClient(client.Channel).CheckAsync(new HealthCheckRequest());

            health.Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.NotServing);
            var token = TokenIssuer.Issue(LocalSigningKey.Load(dataDirectory), "biobank",
                new Domain.Access.Caller("alice", "anses", new HashSet<string> { "technician" }), TimeSpan.FromHours(1));
            using var caller = new BiobankClient(new Uri(app.Urls.Single()), new BiobankClientOptions
            {
                TokenProvider = _ => ValueTask.FromResult(token),
                MaxAttempts = 1,
            });
            var error = await Should.ThrowAsync<Grpc.Core.RpcException>(
                caller.Equipment.GetEquipmentAsync(new Biobank.V1.GetEquipmentRequest { Name = "equipment/any" }).ResponseAsync);
            error.StatusCode.ShouldBe(Grpc.Core.StatusCode.Unavailable);
            error.Reason().ShouldBe("STORE_UNAVAILABLE");
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
