using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Biobank.Domain.Access;
using Biobank.Domain.Reservations;
using Biobank.Server.EventStore;
using Google.Protobuf.WellKnownTypes;
using Marten;

namespace Biobank.Server.Reservations;

/// <summary>
/// Marks confirmed reservations that nobody checked in within their instrument's grace period as
/// no-shows, freeing the rest of their slot. Every server node sweeps, through the one write path:
/// each mark is a request whose id is derived from the reservation, so when two nodes mark the same
/// reservation it is applied once, and the request log records the sweep's decisions like anyone's.
/// </summary>
public sealed partial class NoShowSweep(
    IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<NoShowSweep> logger) : BackgroundService
{
    /// <summary>The sweep's identity in the events it records.</summary>
    public const string Subject = "biobank:no-show-sweep";

    /// <summary>The method the sweep's requests are recorded under.</summary>
    public const string Method = "biobank.NoShowSweep/MarkNoShow";

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
                    await MarkAsync(reservation, cancellationToken);
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

    private async Task MarkAsync(Reservation reservation, CancellationToken cancellationToken)
    {
        await using var services = scopes.CreateAsyncScope();
        var call = services.ServiceProvider.GetRequiredService<CallContext>();
        call.Caller = new Caller(Subject, reservation.EquipmentOwner, new HashSet<string>(StringComparer.Ordinal));
        call.CorrelationId = Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
        call.Method = Method;
        var writer = services.ServiceProvider.GetRequiredService<EventWriter>();
        await writer.ExecuteAsync(new StringValue { Value = reservation.Id }, RequestIdOf(reservation), async scope =>
        {
            await scope.DecideExistingAsync(reservation.Id, (Reservation current) =>
                ReservationDecider.Decide(new ReservationDecider.MarkNoShow(scope.Caller, scope.Now), current));
            return new Empty();
        }, cancellationToken);
    }

    /// <summary>
    /// The one request id of the sweep's decision on a reservation falling due at its time,
    /// whichever node makes it: a reservation rescheduled falls due again under another id.
    /// </summary>
    private static string RequestIdOf(Reservation reservation) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"no-show/{reservation.Id}/{reservation.NoShowDue.UtcTicks}")).AsSpan(0, 16)).ToString("D");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark {Reservation} a no-show; the next sweep tries again")]
    private static partial void LogMarkFailed(ILogger logger, Exception exception, string reservation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The no-show sweep failed; it runs again at its next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
