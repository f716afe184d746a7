using System.Net;
using System.Net.Sockets;
using Biobank.Cli.Tests.Infrastructure;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;

namespace Biobank.Cli.Tests;

/// <summary>0 done, 1 usage error, 2 refused by the server, 3 server unreachable or unauthenticated; each said plainly.</summary>
public sealed class ExitCodeTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>, IDisposable
{
    private readonly Bench _bench = new(server);

    [Fact]
    public async Task Done_is_0()
    {
        await _bench.LoginAsync("alice.tech", "anses", "technician");

        (await _bench.RunAsync("sites")).ExitCode.ShouldBe(0);
        (await _bench.RunAsync("--help")).ExitCode.ShouldBe(0);
        (await _bench.RunAsync("equipment")).Out.ShouldContain("availability <instrument>");
    }

    [Theory]
    [InlineData("bok anses-ma-lsm980", "'bok' was not matched. Did you mean one of the following?")]
    [InlineData("book anses-ma-lsm980 --for 2h --purpose x", "Option '--start' is required.")]
    [InlineData("equipment list --kind microscope", "'microscope' is not one of: confocal-microscope, electron-microscope")]
    public async Task A_command_line_that_does_not_parse_is_1_with_what_is_wrong(string commandLine, string said)
    {
        var result = await _bench.RunAsync(commandLine);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain(said);
        result.Error.ShouldContain("--help' for usage.");
    }

    [Fact]
    public async Task A_value_that_is_not_a_time_or_a_length_is_1()
    {
        var confocal = await server.RegisterConfocalAsync();
        await _bench.LoginAsync("alice.tech", "anses", "technician");

        var time = await _bench.RunAsync($"book {confocal.Name} --start \"next tuesday-ish\" --for 2h --purpose x");
        var length = await _bench.RunAsync($"book {confocal.Name} --start tomorrow --for ages --purpose x");

        time.ExitCode.ShouldBe(1, time.ToString());
        time.Error.ShouldContain("error: 'next tuesday-ish' is not a time.");
        time.Error.ShouldContain("Local times are in Europe/Paris.");
        length.ExitCode.ShouldBe(1);
        length.Error.ShouldContain("'ages' is not a length of time.");
    }

    [Fact]
    public async Task A_refusal_of_the_server_is_2_naming_the_rule_and_the_value_to_use()
    {
        var confocal = await server.RegisterConfocalAsync(new Biobank.V1.BookingRules { MinimumNotice = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromDays(2)) });
        await _bench.LoginAsync("alice.tech", "anses", "technician");
        var tooSoon = Catalogue.Ahead(days: 1, hour: 10);

        var notice = await _bench.RunAsync($"book {confocal.Name} --start \"{Moments.Local(tooSoon)}\" --for 2h --purpose x");
        var tooLong = await _bench.RunAsync($"book {confocal.Name} --start \"{Moments.Local(Catalogue.Ahead(days: 5))}\" --for 10h --purpose x");
        var unknown = await _bench.RunAsync("equipment show no-such-instrument");
        var barcode = await _bench.RunAsync("samples show NO-SUCH-TUBE");
        var role = await _bench.RunAsync("equipment register --name X --kind sequencer --site anses-lyon");
        var fields = await _bench.RunAsync($"book {confocal.Name} --start \"{Moments.Local(Catalogue.Ahead(days: 5))}\" --for 2h --purpose \"\"");

        notice.ExitCode.ShouldBe(2, notice.ToString());
        notice.Error.ShouldContain("error: Too soon: bookings of this instrument start at ");
        notice.Error.ShouldContain("Use --start \"");
        tooLong.ExitCode.ShouldBe(2);
        tooLong.Error.ShouldContain("Bookings of this instrument last from 15 min to 8 h: change --for or --end.");
        unknown.ExitCode.ShouldBe(2);
        unknown.Error.ShouldContain("error: Not found: equipment/no-such-instrument.");
        barcode.ExitCode.ShouldBe(2);
        barcode.Error.ShouldContain("No sample has the barcode NO-SUCH-TUBE in your organisation");
        role.ExitCode.ShouldBe(2);
        role.Error.ShouldContain("--role facility-manager");
        fields.ExitCode.ShouldBe(2, fields.ToString());
        fields.Error.ShouldContain("  reservation.purpose: is required");
    }

    [Fact]
    public async Task An_unreachable_server_is_3()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await _bench.RunAsync($"equipment list --address http://127.0.0.1:{closed} --token whatever");

        result.ExitCode.ShouldBe(3, result.ToString());
        result.Error.ShouldContain($"error: Cannot reach the Biobank server at http://127.0.0.1:{closed}.");
        result.Error.ShouldContain("dotnet run --project src/Biobank.Server");
    }

    [Fact]
    public async Task No_token_an_expired_one_or_one_the_server_did_not_sign_is_3()
    {
        var expired = server.TokenFor(new Caller("alice", "anses", new HashSet<string> { Role.Technician }));
        var withoutToken = await _bench.RunAsync("equipment list");
        var forged = await _bench.RunAsync("equipment list --token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl");
        server.Clock.Advance(TimeSpan.FromHours(2));
        var late = await _bench.RunAsync($"equipment list --token {expired}");
        server.Clock.Advance(TimeSpan.FromHours(-2));

        withoutToken.ExitCode.ShouldBe(3);
        withoutToken.Error.ShouldContain($"error: You are not signed in to {server.Address.GetLeftPart(UriPartial.Authority)}.");
        withoutToken.Error.ShouldContain("Sign in: biobank login --user NAME --org ORGANISATION --role ROLE");
        forged.ExitCode.ShouldBe(3);
        forged.Error.ShouldContain("error: The server did not accept your token");
        late.ExitCode.ShouldBe(3);
        late.Error.ShouldContain("error: Your token expired at ");
    }

    public void Dispose() => _bench.Dispose();
}
