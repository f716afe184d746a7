using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Biobank.Server.EventStore;

/// <summary>
/// The SQL the store needs besides Marten's own tables (the request log, the slices' guard tables
/// and read tables): versioned migration files (<c>NNNN_name.sql</c>, beside the code that uses
/// them) embedded in the server, applied in the order of their numbers, each once, and recorded
/// with a checksum in <c>biobank.schema_migrations</c>. One transaction under an advisory lock
/// applies what is missing, so server nodes starting together apply each migration once. A
/// migration changed after it was applied stops the start: history is not rewritten, a new
/// migration follows it instead.
/// </summary>
public sealed partial class SchemaMigrations(NpgsqlDataSource dataSource, ILogger<SchemaMigrations> logger)
{
    public const string Table = "biobank.schema_migrations";

    /// <summary>A migration: its number, its name and its statements.</summary>
    public sealed record Migration(int Version, string Name, string Sql)
    {
        public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
    }

    /// <summary>Every migration embedded in the server, in order.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>Applies the migrations up to <paramref name="upTo"/> (all by default) that the database lacks.</summary>
    public async Task ApplyAsync(CancellationToken cancellationToken, int upTo = int.MaxValue)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"""
            select pg_advisory_xact_lock(hashtextextended('{Table}', 0));
            create schema if not exists biobank;
            create table if not exists {Table} (
                version integer primary key,
                name text not null,
                checksum text not null,
                applied_at timestamptz not null default now()
            );
            """, cancellationToken);

        var applied = new Dictionary<int, string>();
        await using (var read = new NpgsqlCommand($"select version, checksum from {Table}", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied[reader.GetInt32(0)] = reader.GetString(1);
            }
        }

        foreach (var migration in All.Where(m => m.Version <= upTo))
        {
            if (applied.TryGetValue(migration.Version, out var checksum))
            {
                if (checksum != migration.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Version:0000} ({migration.Name}) was changed after it was applied; add a new migration instead.");
                }

                continue;
            }

            await ExecuteAsync(connection, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand($"insert into {Table} (version, name, checksum) values ($1, $2, $3)", connection)
            {
                Parameters = { new() { Value = migration.Version }, new() { Value = migration.Name }, new() { Value = migration.Checksum } },
            };
            await record.ExecuteNonQueryAsync(cancellationToken);
            LogApplied(logger, migration.Version, migration.Name);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> Load()
    {
        var assembly = typeof(SchemaMigrations).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Select(resource => (resource, match: MigrationName().Match(resource)))
            .Where(x => x.match.Success)
            .Select(x =>
            {
                using var stream = assembly.GetManifestResourceStream(x.resource)!;
                using var text = new StreamReader(stream, Encoding.UTF8);
                return new Migration(int.Parse(x.match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), x.match.Groups[2].Value, text.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();
        var repeated = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        return repeated is null
            ? migrations
            : throw new InvalidOperationException($"Two migrations are numbered {repeated.Key:0000}: {string.Join(", ", repeated.Select(m => m.Name))}.");
    }

    [GeneratedRegex(@"(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex MigrationName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
