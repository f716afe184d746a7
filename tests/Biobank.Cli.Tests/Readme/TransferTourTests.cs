using Biobank.Cli.Tests.Infrastructure;
using Biobank.Demo;
using Biobank.Server.Tests.Infrastructure;

namespace Biobank.Cli.Tests.Readme;

/// <summary>The README's shipment at the terminal works copy-pasted on a server seeded with the demo data.</summary>
public sealed class TransferTourTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>, IDisposable
{
    private readonly Bench _terminal = new(server);

    [Fact]
    public async Task Every_command_of_the_shipment_succeeds_on_the_demo_data()
    {
        var tour = ReadmeBlocks.After("### Transfers", 1)[0];
        await DemoSeed.RunAsync(server.Address, server.TokenFor, server.Clock);

        var results = new List<(string Command, CliResult Result)>();
        foreach (var command in tour)
        {
            results.Add((command, await _terminal.RunAsync(command)));
        }

        tour.ShouldAllBe(l => l.StartsWith("biobank ", StringComparison.Ordinal));
        foreach (var (command, result) in results)
        {
            result.ExitCode.ShouldBe(0, $"{command}\n{result}");
        }

        string Out(string command) => results.Single(r => r.Command.StartsWith($"biobank {command}", StringComparison.Ordinal)).Result.Out;
        Out("transfers list").ShouldContain("farmers-sera-2");
        Out("transfers show").ShouldMatch(@"ans-demo-00007 +ANS-000007 +received +thawed");
        Out("transfers receive demo-shipment-resapath-isolates").ShouldContain("✓ Received 6 item(s)");
        Out("transfers custody").ShouldContain("World Courier");
    }

    public void Dispose() => _terminal.Dispose();
}
