using System.Diagnostics;
using Biobank.Domain.Access;
using Biobank.Domain.Reservations;
using Biobank.Server.Storage;
using Marten;

namespace Biobank.Server.Reservations;

/// <summary>
/// Marks confirmed reservations that nobody checked in within their instrument's grace period as
/// no-shows, freeing the rest of their slot. Every server node sweeps; when two mark the same
/// reservation, the stream's version check lets one win and the other moves on.
/// </summary>
public sealed partial class NoShowSweep(
    IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<NoShowSweep> logger) : BackgroundService
{
    /// <summary>The sweep's identity in the events it records.</summary>
    public const string Subject = "biobank:no-show-sweep";

    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Reservations:NoShowSweepInterval", TimeSpan.FromMinutes(1));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }

            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<Reservation> due;
        var failed = 0;
        do
        {
            failed = 0;
            await using var services = scopes.CreateAsyncScope();
            due = await services.ServiceProvider.GetRequiredService<IQuerySession>().Query<Reservation>()
                .Where(r => r.State == ReservationState.Confirmed && r.NoShowDue <= now)
                .OrderBy(r => r.NoShowDue)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var reservation in due)
            {
                try
                {
                    await MarkAsync(reservation, now, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogMarkFailed(logger, e, reservation.Id);
                    failed++;
                }
            }
        }
        // A full batch may have more behind it, unless none of it could be marked.
        while (due.Count == BatchSize && failed < due.Count && !cancellationToken.IsCancellationRequested);
    }

    private async Task MarkAsync(Reservation reservation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var services = scopes.CreateAsyncScope();
        var call = services.ServiceProvider.GetRequiredService<CallContext>();
        call.Caller = new Caller(Subject, reservation.EquipmentOwner, new HashSet<string>(StringComparer.Ordinal));
        call.CorrelationId = Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
        await using var session = services.ServiceProvider.GetRequiredService<ISessionFactory>().OpenSession();
        var scope = new WriteScope(session, call.Caller, now, cancellationToken);
        try
        {
            await scope.DecideAsync<Reservation>(reservation.Id, s => ReservationDecider.Decide(new ReservationDecider.MarkNoShow(call.Caller, now), s));
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (EventWriter.IsLostRace(e))
        {
            // Checked in, cancelled or marked by another node meanwhile: nothing left to do.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark {Reservation} a no-show; the next sweep tries again")]
    private static partial void LogMarkFailed(ILogger logger, Exception exception, string reservation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The no-show sweep failed; it runs again at its next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
