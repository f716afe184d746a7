using System.Text.Json;
using Biobank.Client;
using Biobank.Cli.Tests.Infrastructure;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;

namespace Biobank.Cli.Tests;

/// <summary>An auditor's day: replay the history to a file and resume it, read a sample's past, verify the chain.</summary>
public sealed class AuditorDayTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>, IDisposable
{
    private readonly Bench _ines = new(server);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"biobank-replay-{Guid.NewGuid():N}.jsonl");

    [Fact]
    public async Task An_auditor_replays_the_history_to_a_file_resumes_it_reads_a_samples_past_and_verifies_the_chain()
    {
        using var technician = server.AnsesTechnician();
        using var manager = server.AnsesBiobankManager();
        var box = await manager.CreateBoxAsync();
        var sample = await technician.RegisterSampleAsync(Catalogue.Serum(position: box.At("A1")));
        await technician.Samples.MoveSampleAsync(new MoveSampleRequest { RequestId = BiobankClient.NewRequestId(), Name = sample.Name, StoragePosition = box.At("B2") });
        await _ines.LoginAsync("ines.audit", "inserm", "auditor");

        var first = await _ines.OkAsync($"audit replay --output {_file}");
        var linesAtFirst = File.ReadAllLines(_file).Length;
        var later = await technician.RegisterSampleAsync();
        var resumed = await _ines.OkAsync($"audit replay --output {_file}");
        var history = await _ines.OkAsync($"audit history {sample.Name}");
        var before = (await _ines.OkAsync($"audit at {sample.Name} --version 1 --json")).Json;
        var verified = await _ines.OkAsync("audit verify");
        var neither = await _ines.RunAsync($"audit at {sample.Name}");

        var positions = File.ReadAllLines(_file).Select(line => long.Parse(JsonDocument.Parse(line).RootElement.GetProperty("position").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        positions.ShouldBeInOrder(SortDirection.Ascending);
        positions.ShouldBeUnique();
        positions.Count.ShouldBe(linesAtFirst + 1);
        File.ReadAllLines(_file)[^1].ShouldContain(later.Name);
        first.Error.ShouldContain($"Wrote {linesAtFirst} events");
        resumed.Error.ShouldContain("Resuming after position");
        history.Out.ShouldContain("sample_registered");
        history.Out.ShouldContain("sample_moved");
        before.GetProperty("sample").GetProperty("storagePosition").GetProperty("position").GetString().ShouldBe("A1");
        verified.Out.ShouldContain("every link holds");
        neither.ExitCode.ShouldBe(1, neither.ToString());
    }

    public void Dispose()
    {
        _ines.Dispose();
        File.Delete(_file);
    }
}
