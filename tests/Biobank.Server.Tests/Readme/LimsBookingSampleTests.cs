using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;

namespace Biobank.Server.Tests.Readme;

public sealed class LimsBookingSampleTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    private static readonly string[] Regions = ["lims-booking", "lims-booking-usage"];
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    [Fact]
    public async Task The_sample_books_a_free_slot_of_an_instrument_of_the_callers_organisation()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var lims = server.ClientFor("lims.maisons-alfort", "anses", "lab-system");
        var start = Catalogue.Ahead(days: 2);

        var booking = await LimsBookingSample.BookAsync(lims, confocal.Name, start, TwoHours, "Imaging of infected organoids", "AMR-2026");

        var confirmed = booking.ShouldBeOfType<LimsBookingSample.Booking.Confirmed>();
        confirmed.Reservation.State.ShouldBe(ReservationState.Confirmed);
        confirmed.Reservation.Interval.StartTime.ToDateTimeOffset().ShouldBe(start);
        confirmed.Reservation.BookedBy.ShouldBe("lims.maisons-alfort");
    }

    [Fact]
    public async Task The_sample_reports_a_booking_across_organisations_that_awaits_the_owners_approval()
    {
        var confocal = await server.RegisterConfocalAsync(new BookingRules { CrossOrganisationApproval = true });
        using var lims = server.ClientFor("lims.cochin", "inserm", "lab-system");

        var booking = await LimsBookingSample.BookAsync(lims, confocal.Name, Catalogue.Ahead(days: 3), TwoHours, "Organoid imaging", "ORG-1");

        booking.ShouldBeOfType<LimsBookingSample.Booking.AwaitingApproval>().Reservation.State.ShouldBe(ReservationState.PendingApproval);
    }

    [Fact]
    public async Task The_sample_tells_from_when_until_when_a_taken_slot_is_busy_including_the_buffer()
    {
        var confocal = await server.RegisterConfocalAsync(new BookingRules { Buffer = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)) });
        using var lims = server.ClientFor("lims.maisons-alfort", "anses", "lab-system");
        var start = Catalogue.Ahead(days: 4);
        await LimsBookingSample.BookAsync(lims, confocal.Name, start, TwoHours, "First", "P-1");

        var booking = await LimsBookingSample.BookAsync(lims, confocal.Name, start.AddHours(1), TwoHours, "Second", "P-1");

        booking.ShouldBe(new LimsBookingSample.Booking.SlotTaken(start, start + TwoHours + TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public async Task The_usage_sample_books_the_confocal_and_says_so()
    {
        using var manager = server.AnsesManager();
        await manager.Equipment.RegisterEquipmentAsync(new RegisterEquipmentRequest
        {
            RequestId = Client.BiobankClient.NewRequestId(),
            EquipmentId = "anses-ma-lsm980",
            Equipment = new Biobank.V1.Equipment { DisplayName = "Zeiss LSM 980 confocal", Kind = EquipmentKind.ConfocalMicroscope, Site = "sites/anses-maisons-alfort" },
        });
        var token = server.TokenFor(new Domain.Access.Caller("lims.maisons-alfort", "anses", new HashSet<string> { "lab-system" }));
        var start = Catalogue.Ahead(days: 5);

        var booked = await LimsBookingSample.BookConfocalAsync(server.Address, token, start);
        var taken = await LimsBookingSample.BookConfocalAsync(server.Address, token, start);

        booked.ShouldStartWith("Booked: reservations/");
        taken.ShouldBe($"Taken from {start:u} until {start.AddHours(2):u}");
    }

    [Fact]
    public void The_readme_shows_the_samples_exactly_as_they_are_compiled()
    {
        var root = Repository.Root();
        var source = File.ReadAllLines(Path.Combine(root, "tests", "Biobank.Server.Tests", "Readme", "LimsBookingSample.cs"));
        var readme = File.ReadAllLines(Path.Combine(root, "README.md"));
        var mention = Array.FindIndex(readme, l => l.Contains("Readme/LimsBookingSample.cs", StringComparison.Ordinal));
        mention.ShouldBeGreaterThan(-1, "the README names the file its samples come from");

        // The README shows the regions in this order, each in the next C# block after that mention.
        var close = mention;
        foreach (var region in Regions)
        {
            var start = Array.FindIndex(source, l => l.Trim() == $"#region {region}");
            var end = Array.FindIndex(source, start + 1, l => l.Trim() == "#endregion");
            var fence = Array.FindIndex(readme, close + 1, l => l == "```csharp");
            close = Array.FindIndex(readme, fence + 1, l => l == "```");

            Dedent(readme[(fence + 1)..close]).ShouldBe(Dedent(source[(start + 1)..end]), $"region {region}");
        }
    }

    /// <summary>The lines without the indentation they share, and without trailing blanks.</summary>
    private static string Dedent(string[] lines)
    {
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Trim().Length == 0 ? "" : l[indent..].TrimEnd()));
    }
}
