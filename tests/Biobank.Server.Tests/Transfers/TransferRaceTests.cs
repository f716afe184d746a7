using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;
using Npgsql;

namespace Biobank.Server.Tests.Transfers;

/// <summary>Many real clients racing for the same items: an item is in at most one open transfer, a loan and a booking never both hold an instrument.</summary>
public sealed class TransferRaceTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    private const int Racers = 24;

    [Fact]
    public async Task Of_many_requests_racing_for_one_sample_exactly_one_wins()
    {
        using var biobank = server.AnsesBiobankManager();
        var agreement = await biobank.RegisterAgreementAsync();
        var samples = await biobank.ConsentedSerumAsync(2);

        // Every request wants the first sample; half of them want the second as well.
        var results = await Race.RunAsync(
            Racers, i => i % 2 == 0 ? server.AnsesTechnician($"racer-{i}") : server.InsermTechnician($"racer-{i}"),
            (client, i) => client.RequestAsync(Shipping.Transfer(i % 2 == 0 ? [samples[0].Name] : [samples[0].Name, samples[1].Name], agreement: agreement.Name)));

        var winner = results.Single(r => r.Error is null).Result!;
        results.Where(r => r.Error is not null).ShouldAllBe(r =>
            r.Error!.StatusCode == StatusCode.FailedPrecondition && r.Error.Reason() == "ITEM_IN_OPEN_TRANSFER"
            && r.Error.PreconditionViolations().Any(v => v.Subject == samples[0].Name && v.Description.Contains(winner.Name)));
        (await biobank.Transfers.ListTransfersAsync(new ListTransfersRequest { Item = samples[0].Name })).Transfers.Select(t => t.Name).ShouldBe([winner.Name]);
        (await OpenTransfersOfAsync(samples[0].Name)).ShouldBe([winner.Name]);
    }

    [Fact]
    public async Task Racing_receipts_of_one_shipment_record_each_item_once()
    {
        using var biobank = server.AnsesBiobankManager();
        using var insermBiobank = server.InsermBiobankManager();
        var agreement = await biobank.RegisterAgreementAsync();
        var samples = await biobank.ConsentedSerumAsync(4);
        var box = await insermBiobank.CreateBoxAsync(Shipping.Cochin);
        var dispatched = await biobank.DispatchAsync(await biobank.ApproveAsync(
            await biobank.RequestAsync(Shipping.Transfer(samples.Select(s => s.Name), agreement: agreement.Name))));

        // Two benches scan the same parcel at once, each its own way round.
        var results = await Race.RunAsync(
            8, i => server.InsermTechnician($"bench-{i}"),
            (client, i) => client.ReceiveAsync(dispatched, [.. (i % 2 == 0 ? samples : Enumerable.Reverse(samples))
                .Select(s => Shipping.Good(s.Name, box.At(Shipping.PositionOf(samples.IndexOf(s)))))]));

        results.ShouldAllBe(r => r.Error == null);
        var received = await insermBiobank.GetAsync(dispatched);
        received.State.ShouldBe(TransferState.Received);
        received.Etag.ShouldBe((long.Parse(dispatched.Etag, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var sample in samples)
        {
            var events = await insermBiobank.Transfers.GetCustodyChainAsync(new GetCustodyChainRequest { Item = sample.Name });
            events.Intervals.Count.ShouldBe(3, "registered, with the carrier, received once");
        }
    }

    private async Task<List<string>> OpenTransfersOfAsync(string item)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select transfer_id from biobank.open_transfer_items where item = $1", connection);
        command.Parameters.AddWithValue(item);
        var transfers = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            transfers.Add(reader.GetString(0));
        }

        return transfers;
    }
}
