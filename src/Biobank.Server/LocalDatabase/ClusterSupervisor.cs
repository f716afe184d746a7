using Npgsql;

namespace Biobank.Server.LocalDatabase;

/// <summary>
/// Keeps the private PostgreSQL cluster running for as long as the server runs: when its server dies
/// it is started again on the same port, with a growing pause between failed attempts, and the
/// connection pool is emptied of connections to the dead server. A cluster another living Biobank
/// process owns is left to that process, unless that process goes away.
/// </summary>
public sealed partial class ClusterSupervisor(LocalPostgresCluster cluster, NpgsqlDataSource dataSource, ILogger<ClusterSupervisor> logger)
    : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            var pause = CheckInterval;
            if (!cluster.IsLookedAfter)
            {
                try
                {
                    switch (await cluster.RecoverAsync(stoppingToken))
                    {
                        case ClusterRecovery.Restarted:
                            dataSource.Clear();
                            LogRestarted(logger, cluster.Port);
                            break;
                        case ClusterRecovery.Adopted:
                            LogAdopted(logger, cluster.Port);
                            break;
                    }

                    retry = FirstRetry;
                }
                catch (LocalPostgresException e)
                {
                    LogRestartFailed(logger, cluster.Port, retry.TotalSeconds, e.Message);
                    pause = retry;
                    retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }

            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The private PostgreSQL on 127.0.0.1:{Port} had stopped; it has been started again")]
    private static partial void LogRestarted(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "The process that ran the private PostgreSQL on 127.0.0.1:{Port} has gone; this server now runs it and stops it on shutdown")]
    private static partial void LogAdopted(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The private PostgreSQL on 127.0.0.1:{Port} is down and could not be started again; next attempt in {RetrySeconds} s: {Reason}")]
    private static partial void LogRestartFailed(ILogger logger, int port, double retrySeconds, string reason);
}
