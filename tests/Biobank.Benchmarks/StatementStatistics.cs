using System.Text.RegularExpressions;
using Npgsql;

namespace Biobank.Benchmarks;

/// <summary>
/// PostgreSQL's own account of where an operation's database time goes: <c>pg_stat_statements</c>,
/// loaded into the run's cluster, counting nothing but during <see cref="ProfileAsync"/>, and then
/// every statement, those run by triggers included. Counting slows every statement, so it is kept
/// out of the measured rows: a profile runs operations of its own.
/// </summary>
public sealed partial class StatementStatistics(string connectionString)
{
    /// <summary>Has the cluster load the module when it next starts (it loads only at start).</summary>
    public static async Task LoadAtNextStartAsync(string adminConnectionString, CancellationToken cancellationToken) =>
        await ExecuteAsync(adminConnectionString, cancellationToken, "alter system set shared_preload_libraries = 'pg_stat_statements'");

    /// <summary>Once the module is loaded: counts nothing until a profile.</summary>
    public async Task PauseAsync(CancellationToken cancellationToken) =>
        await ExecuteAsync(connectionString, cancellationToken, "alter system set pg_stat_statements.track = 'none'", "select pg_reload_conf()");

    /// <summary>
    /// Counts every statement while <paramref name="operate"/> runs, and returns them divided by the
    /// operations it reports.
    /// </summary>
    public async Task<IReadOnlyList<StatementCost>> ProfileAsync(Func<Task<int>> operate, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            connectionString, cancellationToken,
            "create extension if not exists pg_stat_statements", "alter system set pg_stat_statements.track = 'all'", "select pg_reload_conf()",
            "select pg_stat_statements_reset()");
        try
        {
            return await PerOperationAsync(await operate(), cancellationToken);
        }
        finally
        {
            await PauseAsync(cancellationToken);
        }
    }

    /// <summary>ALTER SYSTEM runs outside any transaction block: one statement per command.</summary>
    private static async Task ExecuteAsync(string connectionString, CancellationToken cancellationToken, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The statements of this database since the last reset, most time first, each divided by
    /// <paramref name="operations"/>: its calls and its execution time per operation. Those taking
    /// less than a microsecond per operation are left out.
    /// </summary>
    private async Task<IReadOnlyList<StatementCost>> PerOperationAsync(int operations, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            select query, not toplevel, calls, total_exec_time from pg_stat_statements
            where dbid = (select oid from pg_database where datname = current_database()) and query not like '%pg_stat_statements%'
            order by total_exec_time desc
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var costs = new List<StatementCost>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var cost = new StatementCost(
                Shorten(reader.GetString(0)), reader.GetBoolean(1), (double)reader.GetInt64(2) / Math.Max(1, operations), reader.GetDouble(3) / Math.Max(1, operations));
            if (cost.MillisecondsPerOperation >= 0.001)
            {
                costs.Add(cost);
            }
        }

        return costs;
    }

    private static string Shorten(string query)
    {
        var oneLine = Whitespace().Replace(query, " ").Trim();
        return oneLine.Length <= 110 ? oneLine : $"{oneLine[..110]}…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>One statement's share of an operation: how often it ran and how long it executed, on average, per operation.</summary>
public sealed record StatementCost(string Statement, bool InTrigger, double CallsPerOperation, double MillisecondsPerOperation);
