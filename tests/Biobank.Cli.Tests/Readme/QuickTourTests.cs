using Biobank.Cli.Tests.Infrastructure;
using Biobank.Demo;
using Biobank.Server.Tests.Infrastructure;

namespace Biobank.Cli.Tests.Readme;

/// <summary>The README's technicians' quick tour works copy-pasted on a server seeded with the demo data.</summary>
public sealed class QuickTourTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>, IDisposable
{
    private const string Heading = "### Technicians' quick tour";

    private readonly Bench _marie = new(server);

    [Fact]
    public async Task Every_command_of_the_quick_tour_succeeds_on_the_demo_data()
    {
        var (setUp, tour) = TourBlocks();
        await DemoSeed.RunAsync(server.Address, server.TokenFor, server.Clock);

        var results = new List<(string Command, CliResult Result)>();
        foreach (var command in tour)
        {
            results.Add((command, await _marie.RunAsync(command)));
        }

        setUp.ShouldBe(
        [
            "dotnet run --project src/Biobank.Server -- --seed-demo && dotnet run --project src/Biobank.Server",
            "alias biobank='dotnet run --project clients/Biobank.Cli --'",
        ]);
        tour.Count.ShouldBeGreaterThanOrEqualTo(8);
        foreach (var (command, result) in results)
        {
            result.ExitCode.ShouldBe(0, $"{command}\n{result}");
        }

        results.Single(r => r.Command.StartsWith("biobank book", StringComparison.Ordinal)).Result.Out.ShouldStartWith("✓ Booked ");
        results.Last().Result.Out.ShouldContain("ANS-000001-04");
    }

    /// <summary>The two fenced blocks after the tour's heading: the set-up commands and the tour's.</summary>
    private static (List<string> SetUp, List<string> Tour) TourBlocks()
    {
        var blocks = ReadmeBlocks.After(Heading, 2);
        blocks[1].ShouldAllBe(l => l.StartsWith("biobank ", StringComparison.Ordinal));
        return (blocks[0], blocks[1]);
    }

    public void Dispose() => _marie.Dispose();
}
