using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Biobank.Server.Tests.Reliability;

/// <summary>
/// The server's own PostgreSQL killed with SIGKILL while technicians book, and started again by the
/// server's supervision: what was acknowledged is kept, and what failed is applied once on retry.
/// </summary>
[Collection(nameof(OutsideAttacks))]
public sealed class PostgresKilledUnderLoadTests(ITestOutputHelper output) : IDisposable
{
    private const int Bookers = 8;
    private const int BookingsEitherSide = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ServerDataDirectory _data = new();

    [Fact]
    public async Task Bookings_acknowledged_around_a_kill_minus_9_of_PostgreSQL_are_kept_once_and_failed_ones_retried_are_applied_once()
    {
        await using var server = await ServerProcess.StartAsync(_data.Argument);
        using var manager = _data.ClientFor(server.Address, Catalogue.Person("marie.facility", "anses", Role.FacilityManager));
        var load = await BookingLoad.OnNewInstrumentsAsync(manager, count: 4);

        await RunThroughKillAsync(load, booker => _data.ClientFor(server.Address, BookingLoad.Booker(booker), maxAttempts: 1));

        load.Failures.ShouldNotBeEmpty("the kill fell while nothing was being booked");
        load.FailuresAreRetryable.ShouldBeTrue(string.Join(", ", load.Failures.Select(failure => failure.Error.Status).Distinct()));
        var retryStart = DateTimeOffset.UtcNow;
        var retried = await load.RetryFailuresAsync(booker => _data.ClientFor(server.Address, BookingLoad.Booker(booker)));
        await load.ShouldHoldEachOnceAsync(manager, retried);

        var replayed = retried.Count(r => r.Reservation.CreateTime.ToDateTimeOffset() < retryStart);
        output.WriteLine(
            $"{load.Acknowledged.Count} bookings acknowledged, {load.Failures.Count} failed and retried, " +
            $"{replayed} of those had been committed before their reply was lost and were answered from the request log.");
        server.Output.ShouldContain("started again");
        (await server.TerminateAsync()).ShouldBe(0);
        _data.PostgresProcesses().ShouldBeEmpty();
    }

    public void Dispose() => _data.Dispose();

    /// <summary>Books until enough bookings are acknowledged, kills PostgreSQL, and books on until enough more are once it is back.</summary>
    private async Task RunThroughKillAsync(BookingLoad load, Func<int, BiobankClient> clientOf)
    {
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(Bookers, clientOf, stop.Token);
        try
        {
            await Eventually.TrueAsync(() => load.Acknowledged.Count >= BookingsEitherSide, Patience, "bookings before the kill");
            var killed = _data.Postmaster!.Value;
            await _data.KillPostmasterAsync();
            await Eventually.TrueAsync(() => _data.Postmaster is { } postmaster && postmaster.Id != killed.Id, Patience, "the server to start PostgreSQL again");
            var restarted = load.Acknowledged.Count;
            await Eventually.TrueAsync(() => load.Acknowledged.Count >= restarted + BookingsEitherSide, Patience, "bookings after the restart");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }
}
