using Biobank.Cli.Tests.Infrastructure;
using Biobank.Server.Tests.Infrastructure;

namespace Biobank.Cli.Tests;

/// <summary>A facility manager's day: register an instrument, set its rules, approve a booking across organisations, schedule maintenance.</summary>
public sealed class FacilityManagerDayTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>, IDisposable
{
    private readonly Bench _claire = new(server);
    private readonly Bench _lucas = new(server);
    private readonly Bench _thomas = new(server);

    [Fact]
    public async Task A_facility_manager_registers_an_instrument_sets_its_rules_approves_a_partners_booking_and_schedules_maintenance()
    {
        await _claire.LoginAsync("claire.moreau", "anses", "facility-manager");
        await _lucas.LoginAsync("lucas.martin", "inserm", "technician");
        var day = Moments.Day(Catalogue.Ahead(days: 4));

        var registered = await _claire.OkAsync("equipment register --id anses-ma-sp5 --name \"Leica SP5 confocal (room B12)\" --kind confocal --site anses-maisons-alfort --max 4h");
        var rules = await _claire.OkAsync("equipment rules anses-ma-sp5 --approval true --buffer 15m --qualification false");
        var rulesShown = (await _lucas.OkAsync("equipment rules anses-ma-sp5 --json")).Json;
        var booked = await _lucas.OkAsync($"book anses-ma-sp5 --start \"{day} 14:00\" --for 2h --purpose \"Macrophage imaging\" --project MACRO-POL");
        var pending = (await _claire.OkAsync("reservations list --equipment anses-ma-sp5 --state pending-approval --json")).Json;
        var reservation = pending[0].GetProperty("name").GetString()!;
        var approved = await _claire.OkAsync($"reservations approve {reservation}");
        var maintenance = await _claire.OkAsync($"equipment maintenance schedule anses-ma-sp5 --start \"{day} 08:00\" --end 12:00 --reason \"Laser alignment\"");
        var windows = (await _claire.OkAsync("equipment maintenance list anses-ma-sp5 --json")).Json;
        var overlap = await _lucas.RunAsync($"book anses-ma-sp5 --start \"{day} 09:00\" --for 1h --purpose Imaging");
        var qualified = await _claire.OkAsync("equipment qualify anses-ma-sp5 --person lucas.martin --person-org inserm");
        var status = await _claire.OkAsync("equipment status anses-ma-sp5 out-of-service --reason \"Laser fault\"");
        var refusedWhileOut = await _lucas.RunAsync($"book anses-ma-sp5 --start \"{day} 16:30\" --for 1h --purpose Imaging");
        await _thomas.LoginAsync("thomas.girard", "inserm", "facility-manager");
        var foreign = await _thomas.RunAsync("equipment status anses-ma-sp5 in-service --reason \"Not mine\"");

        registered.Out.ShouldBe("✓ Registered anses-ma-sp5: Leica SP5 confocal (room B12) at anses-maisons-alfort.\n");
        rules.Out.ShouldContain("longest booking   4 h");
        rules.Out.ShouldContain("buffer after      15 min");
        rulesShown.GetProperty("crossOrganisationApproval").GetBoolean().ShouldBeTrue();
        booked.Out.ShouldContain("pending-approval");
        booked.Out.ShouldContain("It holds the slot until a facility manager of anses approves or rejects it.");
        pending.GetArrayLength().ShouldBe(1);
        approved.Out.ShouldContain("confirmed, booked by lucas.martin (inserm)");
        maintenance.Out.ShouldContain($"scheduled {day} 08:00–12:00 (Europe/Paris)");
        windows.GetArrayLength().ShouldBe(1);
        overlap.ExitCode.ShouldBe(2, overlap.ToString());
        overlap.Error.ShouldContain($"The slot is taken: maintenance from {day} 08:00 until {day} 12:00.");
        qualified.Out.ShouldStartWith("✓ lucas.martin (inserm) may use anses-ma-sp5");
        status.Out.ShouldBe("✓ anses-ma-sp5 is out-of-service.\n");
        refusedWhileOut.ExitCode.ShouldBe(2, refusedWhileOut.ToString());
        refusedWhileOut.Error.ShouldContain("Choose another instrument: biobank equipment list");
        foreign.ExitCode.ShouldBe(2, foreign.ToString());
        foreign.Error.ShouldContain("error: Only anses may do this; you act for inserm.");
    }

    [Fact]
    public async Task A_facility_manager_reads_the_usage_of_the_organisations_instruments()
    {
        await _claire.LoginAsync("claire.moreau", "anses", "facility-manager");
        await _claire.OkAsync("equipment register --id anses-ma-qpcr --name \"QuantStudio 5\" --kind pcr-system --site anses-maisons-alfort");
        var start = Catalogue.Ahead(days: 1, hour: 9);
        await _claire.OkAsync($"book anses-ma-qpcr --start \"{Moments.Local(start)}\" --for 2h --purpose Calibration --project QC");

        var usage = (await _claire.OkAsync($"usage --from {Moments.Day(start)} --to {Moments.Day(start.AddDays(1))} --org anses --json")).Json;

        var row = usage.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("equipment").GetString() == "equipment/anses-ma-qpcr");
        row.GetProperty("booked").GetString().ShouldBe("7200s");
        row.GetProperty("project").GetString().ShouldBe("QC");
    }

    public void Dispose()
    {
        _claire.Dispose();
        _lucas.Dispose();
        _thomas.Dispose();
    }
}
