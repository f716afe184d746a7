using Biobank.Cli.Tests.Infrastructure;
using Biobank.Server.Tests.Infrastructure;

namespace Biobank.Cli.Tests;

/// <summary>
/// Transfers between the institutes at the terminal: a shipment of sera under an agreement, received
/// into a box with one tube damaged; the release gate's refusal; a field qPCR lent and sent back.
/// </summary>
public sealed class TransferDayTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>, IDisposable
{
    private readonly Bench _sophie = new(server);
    private readonly Bench _helene = new(server);
    private readonly Bench _claire = new(server);
    private readonly Bench _thomas = new(server);

    [Fact]
    public async Task Swine_sera_go_from_Maisons_Alfort_to_Cochin_under_an_agreement_and_the_damaged_tube_is_held()
    {
        await _sophie.OkAsync("login --user sophie.lambert --org anses --role biobank-manager");
        await _helene.LoginAsync("helene.bernard", "inserm", "biobank-manager");
        await BoxAsync(_sophie, "anses-f80-09", "anses-maisons-alfort");
        await BoxAsync(_helene, "inserm-f80-09", "inserm-paris-cochin");
        var agreement = await _sophie.OkAsync(
            "agreements register --id mta-swine-2026 --provider anses --recipient inserm --purpose general-research --material serum " +
            "--source animal --until 2030-12-31 --reference MTA-2026-014");
        await SwineSerumAsync(_sophie, "ANS-SW-0001", "anses-f80-09-b1:A1");
        await SwineSerumAsync(_sophie, "ANS-SW-0002", "anses-f80-09-b1:A2");

        var requested = await _sophie.OkAsync(
            "transfers request ANS-SW-0001 ANS-SW-0002 --to inserm-paris-cochin --purpose general-research --project SWINE-FLU " +
            "--agreement mta-swine-2026 --id ship-swine-1");
        var incoming = (await _helene.OkAsync("transfers list --direction incoming --state requested --json")).Json;
        var approved = await _sophie.OkAsync("transfers approve ship-swine-1");
        var dispatched = await _sophie.OkAsync(
            "transfers dispatch ship-swine-1 --carrier \"World Courier\" --tracking WC-7731 --packaging un3373 --dry-ice 5.5 --logger LOG-0193 --seal S-1 --seal S-2");
        var notAnItem = await _helene.RunAsync("transfers receive ship-swine-1 --damaged ANS-SW-9999");
        var received = await _helene.OkAsync("transfers receive ship-swine-1 --into inserm-f80-09-b1 --damaged ans-sw-0002");
        var shown = await _helene.OkAsync("transfers show ship-swine-1");
        var json = (await _helene.OkAsync("transfers show ship-swine-1 --json")).Json;
        var held = await _helene.OkAsync("samples show ans-sw-0002");
        var custody = await _helene.OkAsync("transfers custody ans-sw-0001");
        var agreements = (await _helene.OkAsync("agreements list --party inserm --state active --json")).Json;

        agreement.Out.ShouldStartWith("✓ Registered agreement mta-swine-2026 (MTA-2026-014) from anses to inserm, active,");
        requested.Out.ShouldContain("✓ Requested transfer ship-swine-1: 2 item(s) from anses-maisons-alfort to inserm-paris-cochin, requested.");
        requested.Out.ShouldContain("biobank transfers approve ship-swine-1");
        incoming.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldContain("transfers/ship-swine-1");
        approved.Out.ShouldContain("✓ Approved transfer ship-swine-1: 2 item(s) from anses-maisons-alfort to inserm-paris-cochin, approved:");
        dispatched.Out.ShouldContain("2 item(s) with World Courier (WC-7731).");
        notAnItem.ExitCode.ShouldBe(1, notAnItem.ToString());
        notAnItem.Error.ShouldContain("ANS-SW-9999 is not an item of transfer ship-swine-1.");
        received.Out.ShouldContain("✓ Received 2 item(s) of transfer ship-swine-1: 2 item(s) from anses-maisons-alfort to inserm-paris-cochin, received.");
        received.Out.ShouldContain("1 item(s) held in quarantine, 0 recorded as lost.");
        shown.Out.ShouldMatch(@"\nstate +received\n");
        shown.Out.ShouldMatch(@"carrier +World Courier, WC-7731");
        shown.Out.ShouldMatch(@"ans-sw-0001 +ANS-SW-0001 +received +good +1\.5 mL +inserm-f80-09-b1:A1");
        shown.Out.ShouldMatch(@"ans-sw-0002 +ANS-SW-0002 +received +damaged +1\.5 mL +inserm-f80-09-b1:A2");
        json.GetProperty("state").GetString().ShouldBe("TRANSFER_STATE_RECEIVED");
        json.GetProperty("shipment").GetProperty("sealIds").GetArrayLength().ShouldBe(2);
        held.Out.ShouldMatch(@"\nstate +on-hold\n");
        held.Out.ShouldContain("quarantine");
        custody.Out.ShouldMatch(@"\nanses +anses-maisons-alfort +.*SampleRegistered +SampleDispatched\n");
        custody.Out.ShouldMatch(@"\nWorld Courier +ship-swine-1 +.*SampleDispatched +SampleReceived\n");
        custody.Out.ShouldMatch(@"\ninserm +inserm-paris-cochin +ship-swine-1 +.*SampleReceived\n");
        agreements.EnumerateArray().Select(a => a.GetProperty("name").GetString()).ShouldContain("agreements/mta-swine-2026");
    }

    [Fact]
    public async Task The_release_gate_names_each_item_it_holds_back_and_why_in_plain_words()
    {
        await _sophie.OkAsync("login --user sophie.lambert --org anses --role biobank-manager");
        await BoxAsync(_sophie, "anses-f80-10", "anses-maisons-alfort");
        await _sophie.OkAsync(
            "agreements register --id mta-serum-only --provider anses --recipient inserm --purpose general-research --material serum " +
            "--source animal --until 2030-12-31 --reference MTA-2026-015");
        await SwineSerumAsync(_sophie, "ANS-SW-0101", "anses-f80-10-b1:A1");
        await SwineSerumAsync(_sophie, "ANS-SW-0102", "anses-f80-10-b1:A2");
        await SwineSerumAsync(_sophie, "ANS-SW-0103", "anses-f80-10-b1:A3", material: "plasma");
        await _sophie.OkAsync("samples hold ANS-SW-0102 --kind quality --reason Haemolysed");
        await _sophie.OkAsync(
            "transfers request ANS-SW-0101 ANS-SW-0102 ANS-SW-0103 --to inserm-paris-cochin --purpose general-research --agreement mta-serum-only --id ship-swine-2");

        var refused = await _sophie.RunAsync("transfers approve ship-swine-2");
        var again = await _sophie.RunAsync("transfers request ANS-SW-0101 --to inserm-paris-cochin --purpose general-research --agreement mta-serum-only");
        var cancelled = await _sophie.OkAsync("transfers cancel ship-swine-2 --reason \"Tube ANS-SW-0102 haemolysed\"");
        var shown = await _sophie.OkAsync("transfers show ship-swine-2");

        refused.ExitCode.ShouldBe(2, refused.ToString());
        refused.Error.ShouldContain("error: The release gate holds transfer ship-swine-2 back: 2 check(s) failed.");
        refused.Error.ShouldContain("  ans-sw-0102: on hold (holds=Quality)");
        refused.Error.ShouldContain(
            "  ans-sw-0103: no active agreement between the two organisations covers it " +
            "(agreement=agreements/mta-serum-only, agreement_state=Active, purpose=GeneralResearch, material_type=Plasma, source_kind=Animal)\n" +
            "Resolve them, or cancel it and request the transfer without those items.\n");
        again.ExitCode.ShouldBe(2, again.ToString());
        again.Error.ShouldContain("  ans-sw-0101: samples/ans-sw-0101 is in transfers/ship-swine-2, still open.");
        cancelled.Out.ShouldContain("✓ Cancelled transfer ship-swine-2: 3 item(s) from anses-maisons-alfort to inserm-paris-cochin, cancelled.");
        shown.Out.ShouldContain("Tube ANS-SW-0102 haemolysed");
    }

    [Fact]
    public async Task A_field_qPCR_is_lent_to_La_Reunion_and_comes_back_and_the_owner_watches_it_go_and_return()
    {
        await _claire.LoginAsync("claire.moreau", "anses", "facility-manager");
        await _thomas.LoginAsync("thomas.girard", "inserm", "facility-manager");
        await _claire.OkAsync("equipment register --id anses-ma-cfx --name \"CFX Opus 96 (field unit)\" --kind pcr-system --site anses-maisons-alfort");
        var returnBy = Moments.Day(Catalogue.Ahead(days: 30));

        await _thomas.OkAsync($"transfers request --equipment anses-ma-cfx --to inserm-la-reunion --purpose general-research --return-by {returnBy} --id loan-cfx-early");
        var rejected = await _claire.OkAsync("transfers reject loan-cfx-early --reason \"Calibration first\"");
        var requested = await _thomas.OkAsync(
            $"transfers request --equipment anses-ma-cfx --to inserm-la-reunion --purpose general-research --project ARBO-FIELD --return-by {returnBy} --id loan-cfx");
        await _claire.OkAsync("transfers approve loan-cfx");
        await _claire.OkAsync("transfers dispatch loan-cfx --carrier \"Air France Cargo\" --packaging not-regulated");
        await _thomas.OkAsync("transfers receive loan-cfx");
        var lent = (await _thomas.OkAsync("equipment show anses-ma-cfx --json")).Json;
        var returning = await _thomas.OkAsync("transfers return anses-ma-cfx --id return-cfx");
        await _thomas.OkAsync("transfers approve return-cfx");
        await _thomas.OkAsync("transfers dispatch return-cfx --carrier \"Air France Cargo\" --packaging not-regulated");
        await _claire.OkAsync("transfers receive return-cfx");
        var watched = await _claire.OkAsync("transfers watch --item equipment/anses-ma-cfx --resume-after 0 --count 10 --json");
        var custody = await _claire.OkAsync("transfers custody equipment/anses-ma-cfx");

        rejected.Out.ShouldBe("✓ Rejected transfer loan-cfx-early: 1 item(s) from anses-maisons-alfort to inserm-la-reunion, rejected.\n");
        requested.Out.ShouldContain("✓ Requested transfer loan-cfx: 1 item(s) from anses-maisons-alfort to inserm-la-reunion, requested.");
        lent.GetProperty("site").GetString().ShouldBe("sites/inserm-la-reunion");
        lent.GetProperty("custodianOrganisation").GetString().ShouldBe("organisations/inserm");
        returning.Out.ShouldContain("✓ Requested the return of anses-ma-cfx: transfer return-cfx: 1 item(s) from inserm-la-reunion to anses-maisons-alfort, requested.");
        var changes = watched.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        changes.Select(c => (c.GetProperty("transfer").GetProperty("name").GetString(), c.GetProperty("change").GetString())).ShouldBe(
        [
            ("transfers/loan-cfx-early", "TransferRequested"), ("transfers/loan-cfx-early", "TransferRejected"),
            ("transfers/loan-cfx", "TransferRequested"), ("transfers/loan-cfx", "TransferApproved"),
            ("transfers/loan-cfx", "TransferDispatched"), ("transfers/loan-cfx", "TransferItemsReceived"),
            ("transfers/return-cfx", "TransferRequested"), ("transfers/return-cfx", "TransferApproved"),
            ("transfers/return-cfx", "TransferDispatched"), ("transfers/return-cfx", "TransferItemsReceived"),
        ]);
        custody.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split("  ")[0]).ShouldBe(
            ["anses", "Air France Cargo", "inserm", "Air France Cargo", "anses"]);
    }

    private static async Task BoxAsync(Bench person, string freezer, string site)
    {
        await person.OkAsync($"storage create --id {freezer} --name \"Freezer {freezer}\" --kind freezer --site {site} --band -80");
        await person.OkAsync($"storage create --id {freezer}-b1 --name \"Box 1\" --kind box --in {freezer} --rows 8 --columns 12");
    }

    /// <summary>A tube of serum from a pig of a surveillance farm: animal material needs no donor's consent.</summary>
    private static Task<CliResult> SwineSerumAsync(Bench person, string barcode, string position, string material = "serum") =>
        person.OkAsync(
            $"samples register --id {barcode.ToLowerInvariant()} --barcode {barcode} --collection SWINE-FLU-SURV --source animal --donor PIG-0042 " +
            $"--species \"Sus scrofa domesticus\" --material {material} --collected \"2026-01-05 09:30\" --quantity \"1.5 mL\" --at {position}");

    public void Dispose()
    {
        _sophie.Dispose();
        _helene.Dispose();
        _claire.Dispose();
        _thomas.Dispose();
    }
}
