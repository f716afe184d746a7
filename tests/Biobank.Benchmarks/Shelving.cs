using System.Diagnostics;
using Biobank.Client;
using Biobank.V1;
using Grpc.Core;
using static System.FormattableString;

namespace Biobank.Benchmarks;

/// <summary>What the sample and transfer scenarios share: freezers of 8 × 12 boxes set up beforehand.</summary>
public static class Shelving
{
    public const int BoxRows = 8;
    public const int BoxColumns = 12;
    public const int BoxPositions = BoxRows * BoxColumns;

    /// <summary>Creates <paramref name="count"/> 8 × 12 boxes in the freezer (set-up, not measured).</summary>
    public static async Task<List<string>> BoxesAsync(BiobankClient manager, string freezer, int count, CancellationToken cancellationToken)
    {
        var boxes = new List<string>();
        for (var b = 0; b < count; b++)
        {
            boxes.Add(await CreateUnitAsync(manager, new StorageUnit
            {
                DisplayName = Invariant($"Box {b + 1}"), Kind = StorageUnitKind.Box, Parent = freezer, Rows = BoxRows, Columns = BoxColumns,
            }, cancellationToken));
        }

        return boxes;
    }

    public static async Task<string> CreateUnitAsync(BiobankClient manager, StorageUnit unit, CancellationToken cancellationToken) =>
        (await manager.Storage.CreateStorageUnitAsync(
            new CreateStorageUnitRequest { RequestId = BiobankClient.NewRequestId(), StorageUnit = unit }, cancellationToken: cancellationToken)).Name;

    public static string Barcode() => $"BC-{Guid.NewGuid():N}"[..19].ToUpperInvariant();

    /// <summary>Row by row: "A1", "A2", ..., "A12", "B1", ...</summary>
    public static string Position(int index) => Invariant($"{(char)('A' + (index / BoxColumns))}{(index % BoxColumns) + 1}");
}
