extern alias BiobankServer;

using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using BiobankServer::Biobank.Server.Hosting;
using Grpc.Core;
using Npgsql;

namespace Biobank.Server.Tests.EventStore;

public sealed class IdempotencyTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_retried_request_returns_the_same_reservation_and_appends_nothing()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        var booking = Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 2), Hour);

        var first = await alice.Reservations.CreateReservationAsync(booking);
        var events = await EventCountAsync();
        var retry = await alice.Reservations.CreateReservationAsync(booking);

        retry.ShouldBe(first);
        (await EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Concurrent_retries_of_one_request_book_once()
    {
        var confocal = await server.RegisterConfocalAsync();
        var booking = Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 3), Hour);
        var clients = Enumerable.Range(0, 16).Select(_ => server.AnsesTechnician()).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.Reservations.CreateReservationAsync(booking).ResponseAsync));

        responses.Select(r => r.Name).Distinct().Count().ShouldBe(1);
        responses.ShouldAllBe(r => r.Equals(responses[0]));
        (await StreamsOfAsync(confocal.Name)).ShouldBe(1);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_retry_after_a_server_restart_gets_the_same_answer()
    {
        var confocal = await server.RegisterConfocalAsync();
        var booking = Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 4), Hour);
        using var alice = server.AnsesTechnician();
        var first = await alice.Reservations.CreateReservationAsync(booking);

        await using var restarted = BiobankApplication.Build([], server.ConnectionString, builder =>
        {
            builder.Configuration["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0";
            builder.Configuration["Biobank:DataDirectory"] = server.App.Configuration["Biobank:DataDirectory"];
        });
        await restarted.StartAsync();
        using var again = new BiobankClient(new Uri(restarted.Urls.Single()), server.TokenFor(new Domain.Access.Caller("alice.tech", "anses", new HashSet<string> { "technician" })));

        (await again.Reservations.CreateReservationAsync(booking)).ShouldBe(first);
        await restarted.StopAsync();
    }

    [Fact]
    public async Task Reusing_a_request_id_for_another_request_is_refused()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        var booking = Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 5), Hour);
        await alice.Reservations.CreateReservationAsync(booking);
        var other = Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 6), Hour);
        other.RequestId = booking.RequestId;

        var error = await Should.ThrowAsync<RpcException>(alice.Reservations.CreateReservationAsync(other).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Reason().ShouldBe("REQUEST_ID_REUSED");
        error.ErrorInfo()!.Metadata["request_id"].ShouldBe(booking.RequestId);
    }

    [Fact]
    public async Task A_request_id_answers_only_its_own_caller()
    {
        using var manager = server.AnsesBiobankManager();
        using var auditor = server.ClientFor("odile.audit", "anses", "auditor");
        var register = new RegisterSampleRequest { RequestId = BiobankClient.NewRequestId(), Sample = Catalogue.Serum() };
        var registered = await manager.Samples.RegisterSampleAsync(register);
        var events = await EventCountAsync();

        var replayed = await Should.ThrowAsync<RpcException>(auditor.Samples.RegisterSampleAsync(register).ResponseAsync);

        replayed.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        (await EventCountAsync()).ShouldBe(events);
        (await manager.Samples.RegisterSampleAsync(register)).ShouldBe(registered);
    }

    [Fact]
    public async Task Another_organisation_reusing_a_request_id_learns_nothing_of_it()
    {
        using var anses = server.AnsesBiobankManager();
        using var inserm = server.InsermBiobankManager();
        var register = new RegisterSampleRequest { RequestId = BiobankClient.NewRequestId(), Sample = Catalogue.Serum() };
        var theirs = await anses.Samples.RegisterSampleAsync(register);
        var different = register.Clone();
        different.Sample.Barcode = Catalogue.Barcode();

        var ours = await inserm.Samples.RegisterSampleAsync(register);
        var another = await Should.ThrowAsync<RpcException>(inserm.Samples.RegisterSampleAsync(different).ResponseAsync);

        ours.Name.ShouldNotBe(theirs.Name);
        ours.CustodianOrganisation.ShouldBe("organisations/inserm");
        another.Reason().ShouldBe("REQUEST_ID_REUSED");
        (await anses.Samples.RegisterSampleAsync(register)).ShouldBe(theirs);
    }

    private async Task<long> EventCountAsync() => await ScalarAsync("select count(*) from biobank.mt_events", null);

    private async Task<long> StreamsOfAsync(string equipment) =>
        await ScalarAsync("select count(*) from biobank.mt_doc_reservation where data->>'EquipmentId' = $1", equipment);

    private async Task<long> ScalarAsync(string sql, string? parameter)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
