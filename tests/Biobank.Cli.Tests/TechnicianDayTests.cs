using Biobank.Cli.Tests.Infrastructure;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;

namespace Biobank.Cli.Tests;

/// <summary>A technician's day at the terminal: sign in, find a free slot, book, check in and out; find a sample, move it, aliquot it.</summary>
public sealed class TechnicianDayTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>, IDisposable
{
    private readonly Bench _alice = new(server);

    [Fact]
    public async Task A_technician_signs_in_finds_a_free_slot_books_it_and_checks_in_and_out()
    {
        var confocal = await server.RegisterConfocalAsync(new BookingRules { Buffer = Duration.FromTimeSpan(TimeSpan.FromMinutes(15)) });
        var id = confocal.Name["equipment/".Length..];
        var start = Moments.NextQuarter(server.Clock.GetUtcNow().AddHours(1));
        using (var colleague = server.AnsesTechnician("bob.tech"))
        {
            await colleague.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start.AddHours(2), TimeSpan.FromHours(1)));
        }

        (await _alice.LoginAsync("alice.tech", "anses", "technician")).Out.ShouldStartWith($"✓ Signed in to {server.Address.GetLeftPart(UriPartial.Authority)} as alice.tech for anses (technician) until ");
        var me = (await _alice.OkAsync("whoami --json")).Json;
        var day = await _alice.OkAsync($"equipment availability {id} --day {Moments.Day(start)}");
        var booked = (await _alice.OkAsync($"book {id} --start \"{Moments.Local(start)}\" --for 1h30 --purpose \"Organoid imaging\" --project AMR-2026 --json")).Json;
        var reservation = booked.GetProperty("name").GetString()!["reservations/".Length..];
        var mine = await _alice.OkAsync("reservations list");
        server.Clock.Advance(start - server.Clock.GetUtcNow() - TimeSpan.FromMinutes(5));
        var checkIn = await _alice.OkAsync("reservations check-in");
        var checkOut = await _alice.OkAsync($"reservations check-out --equipment {id}");
        var done = (await _alice.OkAsync($"reservations show {reservation} --json")).Json;

        me.GetProperty("subject").GetString().ShouldBe("alice.tech");
        me.GetProperty("organisation").GetString().ShouldBe("organisations/anses");
        day.Out.ShouldContain("times in Europe/Paris");
        day.Out.ShouldContain("█");
        day.Out.ShouldContain("reservation by anses");
        booked.GetProperty("state").GetString().ShouldBe("RESERVATION_STATE_CONFIRMED");
        mine.Out.ShouldContain($"{reservation}  {id}  {Moments.Local(start)}");
        mine.Out.ShouldContain("confirmed");
        checkIn.Out.ShouldStartWith("✓ Checked in at ");
        checkOut.Out.ShouldStartWith("✓ Checked out at ");
        done.GetProperty("state").GetString().ShouldBe("RESERVATION_STATE_COMPLETED");
    }

    [Fact]
    public async Task A_taken_slot_is_refused_with_the_nearest_free_slots_of_the_same_length()
    {
        var confocal = await server.RegisterConfocalAsync();
        var id = confocal.Name["equipment/".Length..];
        var start = Catalogue.Ahead(days: 3, hour: 9);
        using (var colleague = server.AnsesTechnician("bob.tech"))
        {
            await colleague.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start, TimeSpan.FromHours(3)));
        }

        await _alice.LoginAsync("alice.tech", "anses", "technician");
        var taken = await _alice.RunAsync($"book {id} --start \"{Moments.Local(start.AddHours(1))}\" --for 2h --purpose Imaging");

        taken.ExitCode.ShouldBe(2, taken.ToString());
        taken.Error.ShouldContain($"error: The slot is taken: reservation from {Moments.Local(start)} until {Moments.Local(start.AddHours(3))}.");
        taken.Error.ShouldContain("Nearest free slots of 2 h (Europe/Paris):");
        taken.Error.ShouldContain($"  {Moments.Local(start.AddHours(3))}–{Moments.Local(start.AddHours(5))[11..]}");
        taken.Out.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_weekly_series_is_booked_and_cancelled_from_an_occurrence_on()
    {
        var confocal = await server.RegisterConfocalAsync();
        var id = confocal.Name["equipment/".Length..];
        await _alice.LoginAsync("alice.tech", "anses", "technician");

        var series = (await _alice.OkAsync($"book {id} --start \"{Moments.Day(Catalogue.Ahead(days: 2))} 09:00\" --end 11:00 --purpose Imaging --every week --count 3 --json")).Json;
        var second = series.GetProperty("reservations")[1].GetProperty("name").GetString()!;
        var cancelled = (await _alice.OkAsync($"reservations cancel {second} --reason \"Project ended\" --and-following --json")).Json;

        series.GetProperty("reservations").GetArrayLength().ShouldBe(3);
        series.GetProperty("reservations").EnumerateArray()
            .Select(r => Moments.Local(r.GetProperty("interval").GetProperty("startTime").GetDateTimeOffset())[11..]).ShouldAllBe(t => t == "09:00");
        cancelled.GetProperty("cancelled").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Watching_an_instrument_follows_its_bookings_as_json_lines()
    {
        var confocal = await server.RegisterConfocalAsync();
        var id = confocal.Name["equipment/".Length..];
        await _alice.LoginAsync("alice.tech", "anses", "technician");
        await _alice.OkAsync($"book {id} --start \"{Moments.Local(Catalogue.Ahead(days: 2, hour: 8))}\" --for 1h --purpose First");

        var watching = _alice.RunAsync($"reservations watch --equipment {id} --resume-after 0 --count 2 --json");
        await _alice.OkAsync($"book {id} --start \"{Moments.Local(Catalogue.Ahead(days: 2, hour: 12))}\" --for 1h --purpose Second");
        var watched = await watching.WaitAsync(TimeSpan.FromSeconds(30));

        watched.ExitCode.ShouldBe(0, watched.ToString());
        var changes = watched.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        changes.Select(c => c.GetProperty("change").GetString()).ShouldBe(["ReservationBooked", "ReservationBooked"]);
        changes.Select(c => c.GetProperty("reservation").GetProperty("purpose").GetString()).ShouldBe(["First", "Second"]);
    }

    [Fact]
    public async Task A_sample_found_by_its_barcode_is_moved_and_aliquoted_into_a_box_that_is_then_drawn()
    {
        StorageUnit box;
        Sample serum;
        using (var manager = server.AnsesBiobankManager())
        {
            box = await manager.CreateBoxAsync(rows: 4, columns: 6);
            serum = await manager.RegisterSampleAsync(Catalogue.Serum(millilitres: 3, position: box.At("A1")));
        }

        var boxId = box.Name["storageUnits/".Length..];
        await _alice.LoginAsync("alice.tech", "anses", "technician");

        var found = await _alice.OkAsync($"samples find {serum.Barcode}");
        var moved = await _alice.OkAsync($"samples move {serum.Barcode} --to {boxId}:B2");
        var aliquoted = (await _alice.OkAsync($"samples aliquot {serum.Barcode} --count 3 --quantity \"0.5 mL\" --into {boxId}:C1 --json")).Json;
        var drawn = await _alice.OkAsync($"storage show {boxId}");

        found.Out.ShouldContain($"{serum.Barcode}  serum     human   3 mL      available  {boxId}:A1  EPIDEMIO-AMR");
        moved.Out.ShouldBe($"✓ Moved {serum.Barcode} from {boxId}:A1 to {boxId}:B2.\n");
        aliquoted.GetProperty("aliquots").EnumerateArray().Select(a => a.GetProperty("storagePosition").GetProperty("position").GetString()).ShouldBe(["C1", "C2", "C3"]);
        aliquoted.GetProperty("parent").GetProperty("quantity").GetProperty("value").GetDouble().ShouldBe(1.5);
        drawn.Out.ShouldContain("""
                 1  2  3  4  5  6
             A   ·  ·  ·  ·  ·  ·
             B   ·  ●  ·  ·  ·  ·
             C   ●  ●  ●  ·  ·  ·
             D   ·  ·  ·  ·  ·  ·
               ● full  · free   20 of 24 free
            """.ReplaceLineEndings("\n"));
        drawn.Out.ShouldContain($"C3        {serum.Barcode}-03  serum     0.5 mL    available");
        drawn.Out.ShouldNotContain("\u001b[");
    }

    public void Dispose() => _alice.Dispose();
}
