using Biobank.Domain.Samples;
using Biobank.Domain.Transfers;
using static Biobank.Domain.Tests.Builders;

namespace Biobank.Domain.Tests.Transfers;

public sealed class CustodyTests
{
    private const string Serum = "samples/serum-1";

    private static readonly Quantity TwoMillilitres = new(2, QuantityUnit.Millilitre);

    [Fact]
    public void Given_a_sample_lost_on_the_road_When_its_chain_is_read_Then_the_carrier_held_it_last_and_custody_ended_with_the_loss()
    {
        var chain = Custody.Chain(Cite(
            new SampleRegistered(
                Serum, "anses", "BC-1", "EPIDEMIO-AMR", SourceKind.Human, "DON-1", "", MaterialType.Serum, Now, TwoMillilitres, "", "",
                null, null, Now, Site: "anses-lyon"),
            new SampleCheckedOut(Serum, Now.AddHours(1)),
            new SampleDispatched(Serum, "transfers/t-1", "TNT", Now.AddHours(2)),
            new SampleLost(Serum, "transfers/t-1", Now.AddDays(3))));

        chain.Select(i => (i.Organisation, i.Site, i.Carrier, i.Start, i.End)).ShouldBe(
        [
            ("anses", "anses-lyon", "", Now, (DateTimeOffset?)Now.AddHours(2)),
            ("", "", "TNT", Now.AddHours(2), (DateTimeOffset?)Now.AddDays(3)),
        ]);
        chain.Select(i => i.ClosedBy!.Version).ShouldBe([3L, 4L]);
    }

    private static IEnumerable<(CitedEvent, object)> Cite(params SampleEvent[] events) =>
        events.Select((e, i) => (new CitedEvent(e.GetType().Name, i + 1, $"event-{i + 1}"), (object)e));
}
