using Biobank.Cli.Tests.Infrastructure;
using Biobank.Server.Tests.Infrastructure;

namespace Biobank.Cli.Tests;

/// <summary>A biobank manager's day: record a consent, register the donor's samples, withdraw the consent and see the holds.</summary>
public sealed class BiobankManagerDayTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>, IDisposable
{
    private readonly Bench _helene = new(server);

    [Fact]
    public async Task Withdrawing_a_consent_puts_the_donors_samples_and_their_aliquots_on_hold_and_says_which()
    {
        await _helene.LoginAsync("helene.bernard", "inserm", "biobank-manager");
        await _helene.OkAsync("storage create --id inserm-f80-02 --name \"Freezer F2\" --kind freezer --site inserm-paris-cochin --band -80");
        var box = await _helene.OkAsync("storage create --id inserm-f80-02-b1 --name \"Box 1\" --kind box --in inserm-f80-02 --rows 8 --columns 12");

        var consent = (await _helene.OkAsync("consent record --donor INS-D-0901 --collection LONGCOVID-PROT --document v3.0-2024 --use general-research --use partner-sharing --json")).Json;
        await _helene.OkAsync(
            "samples register --barcode INS-900001 --collection LONGCOVID-PROT --source human --donor INS-D-0901 --material serum " +
            "--collected \"2026-01-05 09:30\" --quantity \"2 mL\" --consent CONSENT-V3 --at inserm-f80-02-b1:A1");
        await _helene.OkAsync("samples aliquot INS-900001 --count 2 --quantity \"0.5 mL\" --into inserm-f80-02-b1");
        var shown = await _helene.OkAsync("consent show --donor INS-D-0901 --collection LONGCOVID-PROT");
        var withdrawn = await _helene.OkAsync("consent withdraw --donor INS-D-0901 --collection LONGCOVID-PROT --scope stop-future-use --reason \"Letter of 2026-02-01\"");
        var held = await _helene.OkAsync("samples show INS-900001-02");
        var onHold = (await _helene.OkAsync("samples find --collection LONGCOVID-PROT --state on-hold --json")).Json;
        var refused = await _helene.RunAsync("samples aliquot INS-900001 --count 1 --quantity \"0.5 mL\"");
        var lifted = await _helene.OkAsync("samples lift INS-900001-02 --reason \"Reviewed: kept for the cohort's records\"");

        box.Out.ShouldContain("Created box inserm-f80-02-b1 (Box 1) at inserm-paris-cochin, minus-80.");
        consent.GetProperty("permittedUses").EnumerateArray().Select(u => u.GetString()).ShouldBe(["PERMITTED_USE_GENERAL_RESEARCH", "PERMITTED_USE_PARTNER_SHARING"]);
        shown.Out.ShouldContain("permitted uses  general-research, partner-sharing");
        withdrawn.Out.ShouldContain("withdrawn (stop-future-use); 3 sample(s) put on hold for consent review.");
        withdrawn.Out.ShouldContain("INS-900001-01");
        withdrawn.Out.ShouldContain("INS-900001-02");
        held.Out.ShouldMatch(@"\nstate +on-hold\n");
        held.Out.ShouldContain("consent-review");
        onHold.GetArrayLength().ShouldBe(3);
        refused.ExitCode.ShouldBe(2, refused.ToString());
        lifted.Out.ShouldContain("Lifted hold");
    }

    public void Dispose() => _helene.Dispose();
}
