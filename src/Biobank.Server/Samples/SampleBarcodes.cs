using Biobank.Server.Storage;
using Npgsql;

namespace Biobank.Server.Samples;

/// <summary>
/// Every barcode ever given to a sample, per organisation, kept by <see cref="SampleRegistryProjection"/>
/// in the registration's transaction. The primary key keeps a barcode to one sample of an
/// organisation even when two registrations race; a disposed sample keeps its barcode, so labels
/// in old records never point to a new container.
/// </summary>
public sealed class SampleBarcodes(NpgsqlDataSource dataSource)
{
    public const string Table = "sample_barcodes";
    public const string Qualified = $"{BiobankStore.SchemaName}.{Table}";

    public static SqlSchemaObject Schema { get; } = new(BiobankStore.SchemaName, Table, revision: 1, $"""
        create table if not exists {Qualified} (
            organisation text not null,
            barcode text not null,
            sample_id text not null,
            primary key (organisation, barcode)
        );
        """);

    /// <summary>The sample of <paramref name="organisation"/> with this barcode, or null.</summary>
    public async Task<string?> FindAsync(string organisation, string barcode, CancellationToken cancellationToken) =>
        (await FindAnyAsync(organisation, [barcode], cancellationToken))?.Sample;

    /// <summary>One of <paramref name="barcodes"/> already given in <paramref name="organisation"/>, and its sample, or null.</summary>
    public async Task<(string Barcode, string Sample)?> FindAnyAsync(string organisation, IReadOnlyList<string> barcodes, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select barcode, sample_id from {Qualified} where organisation = $1 and barcode = any($2) order by barcode limit 1");
        command.Parameters.Add(new NpgsqlParameter { Value = organisation });
        command.Parameters.Add(new NpgsqlParameter { Value = barcodes.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : null;
    }
}
