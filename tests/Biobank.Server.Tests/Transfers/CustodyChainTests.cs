using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;

namespace Biobank.Server.Tests.Transfers;

/// <summary>Who held a tube on which day: the chain of custody, read from the tube's own events.</summary>
public sealed class CustodyChainTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task A_sample_sent_to_the_partner_and_back_has_exactly_its_hand_offs_without_gap_or_overlap()
    {
        using var anses = server.AnsesBiobankManager();
        using var inserm = server.InsermBiobankManager();
        using var auditor = server.Auditor();
        var there = await anses.RegisterAgreementAsync();
        var back = await inserm.RegisterAgreementAsync(provider: "organisations/inserm", recipient: "organisations/anses");
        var sample = (await anses.ConsentedSerumAsync(1))[0];
        var cochin = await inserm.CreateBoxAsync(Shipping.Cochin);
        var home = await anses.CreateBoxAsync();

        var outward = await anses.DispatchAsync(await anses.ApproveAsync(await inserm.RequestAsync(Shipping.Transfer([sample.Name], agreement: there.Name))), carrier: "World Courier");
        await inserm.ReceiveAsync(outward, Shipping.Good(sample.Name, cochin.At("C3")));
        var homeward = await inserm.DispatchAsync(
            await inserm.ApproveAsync(await inserm.RequestAsync(Shipping.Transfer([sample.Name], from: Shipping.Cochin, to: Shipping.MaisonsAlfort, agreement: back.Name))),
            carrier: "TNT Express");
        await anses.ReceiveAsync(homeward, Shipping.Good(sample.Name, home.At("D4")));

        var chain = await auditor.Transfers.GetCustodyChainAsync(new GetCustodyChainRequest { Item = sample.Name });
        var asPartner = await inserm.Transfers.GetCustodyChainAsync(new GetCustodyChainRequest { Item = sample.Name });

        chain.Item.ShouldBe(sample.Name);
        chain.Intervals.Select(i => (i.Organisation, i.Site, i.Carrier, i.Transfer, i.OpenedBy.Type, i.ClosedBy?.Type)).ShouldBe(
        [
            ("organisations/anses", Shipping.MaisonsAlfort, "", "", "SampleRegistered", "SampleDispatched"),
            ("", "", "World Courier", outward.Name, "SampleDispatched", "SampleReceived"),
            ("organisations/inserm", Shipping.Cochin, "", outward.Name, "SampleReceived", "SampleDispatched"),
            ("", "", "TNT Express", homeward.Name, "SampleDispatched", "SampleReceived"),
            ("organisations/anses", Shipping.MaisonsAlfort, "", homeward.Name, "SampleReceived", null),
        ]);
        chain.Intervals[0].StartTime.ShouldBe(sample.CreateTime);
        chain.Intervals.Last().EndTime.ShouldBeNull();
        chain.Intervals.Zip(chain.Intervals.Skip(1)).ShouldAllBe(pair =>
            pair.First.EndTime == pair.Second.StartTime && pair.First.ClosedBy.EventId == pair.Second.OpenedBy.EventId);
        chain.Intervals.Select(i => i.OpenedBy.Version).ShouldBe([1L, 2L, 3L, 4L, 5L]);
        asPartner.ShouldBe(chain);
        (await anses.GetAsync(sample)).CustodianOrganisation.ShouldBe("organisations/anses");
    }

    [Fact]
    public async Task Only_the_holders_of_an_item_and_auditors_read_its_chain()
    {
        using var anses = server.AnsesBiobankManager();
        using var partner = server.InsermTechnician();
        using var auditor = server.Auditor();
        var sample = (await anses.ConsentedSerumAsync(1))[0];

        var denied = await Should.ThrowAsync<RpcException>(partner.Transfers.GetCustodyChainAsync(new GetCustodyChainRequest { Item = sample.Name }).ResponseAsync);
        var missing = await Should.ThrowAsync<RpcException>(auditor.Transfers.GetCustodyChainAsync(new GetCustodyChainRequest { Item = "samples/never-registered" }).ResponseAsync);
        var read = await auditor.Transfers.GetCustodyChainAsync(new GetCustodyChainRequest { Item = sample.Name });

        denied.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        missing.StatusCode.ShouldBe(StatusCode.NotFound);
        read.Intervals.Single().Organisation.ShouldBe("organisations/anses");
    }
}
