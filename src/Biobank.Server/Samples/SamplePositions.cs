using Biobank.Server.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Biobank.Server.Samples;

/// <summary>
/// Which sample is in which box position, kept by <see cref="SampleRegistryProjection"/> in the
/// transaction of the events that place, move and dispose of samples. The primary key makes
/// PostgreSQL the last word on "one sample per position": of two concurrent placements into one
/// position only one can commit, whichever server process wrote it.
/// </summary>
public sealed class SamplePositions(NpgsqlDataSource dataSource)
{
    public const string Table = "sample_positions";
    public const string Qualified = $"{BiobankStore.SchemaName}.{Table}";

    public static SqlSchemaObject Schema { get; } = new(BiobankStore.SchemaName, Table, revision: 1, $"""
        create table if not exists {Qualified} (
            storage_unit text not null,
            position text not null,
            sample_id text not null unique,
            primary key (storage_unit, position)
        );
        """);

    /// <summary>The occupied positions of <paramref name="boxes"/>: box, position and sample.</summary>
    public async Task<IReadOnlyList<(string Box, string Position, string Sample)>> OccupiedAsync(
        IReadOnlyList<string> boxes, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select storage_unit, position, sample_id from {Qualified} where storage_unit = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = boxes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var occupied = new List<(string, string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            occupied.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return occupied;
    }

    /// <summary>The sample in one position, or null when it is free.</summary>
    public async Task<string?> OccupantAsync(string box, string position, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select sample_id from {Qualified} where storage_unit = $1 and position = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = box });
        command.Parameters.Add(new NpgsqlParameter { Value = position });
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>How many positions of each of <paramref name="boxes"/> are occupied.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(IReadOnlyList<string> boxes, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select storage_unit, count(*)::int from {Qualified} where storage_unit = any($1) group by storage_unit");
        command.Parameters.Add(new NpgsqlParameter { Value = boxes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }
}
