namespace Biobank.Domain.StorageUnits;

/// <summary>Kinds of storage unit; the same names as <c>biobank.v1.StorageUnitKind</c>.</summary>
public enum StorageUnitKind
{
    Unspecified = 0,
    Freezer = 1,
    Rack = 2,
    Box = 3,
    Shelf = 4,
    Dewar = 5,
}

/// <summary>Storage temperature bands; the same names as <c>biobank.v1.TemperatureBand</c>.</summary>
public enum TemperatureBand
{
    Unspecified = 0,
    RoomTemperature = 1,
    Refrigerated = 2,
    Minus20 = 3,
    Minus80 = 4,
    Ln2Vapour = 5,
    Ln2Liquid = 6,
}

/// <summary>
/// A freezer, dewar, shelf, rack or box. <paramref name="Ancestors"/> are the units it is inside,
/// outermost first, so a sample's unit tells which subtrees it is in without walking up.
/// </summary>
public sealed record StorageUnit(
    string Id,
    string DisplayName,
    StorageUnitKind Kind,
    string Organisation,
    string Site,
    string? ParentId,
    IReadOnlyList<string> Ancestors,
    int Rows,
    int Columns,
    TemperatureBand TemperatureBand,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version) : IEventFold<StorageUnit>
{
    public int Capacity => Kind == StorageUnitKind.Box ? Rows * Columns : 0;

    public static StorageUnit? Evolve(StorageUnit? state, object change) => (state, change) switch
    {
        (null, StorageUnitCreated e) => new StorageUnit(
            e.StorageUnitId, e.DisplayName, e.Kind, e.Organisation, e.Site, e.ParentId, e.Ancestors, e.Rows, e.Columns,
            e.TemperatureBand, e.At, e.At, 1),
        _ => state,
    };

    /// <summary>Every position of a box, row by row.</summary>
    public IEnumerable<string> Positions()
    {
        for (var row = 0; row < Rows && Kind == StorageUnitKind.Box; row++)
        {
            for (var column = 0; column < Columns; column++)
            {
                yield return GridPosition.Name(row, column);
            }
        }
    }
}

/// <summary>The first event of a storage unit's stream.</summary>
public sealed record StorageUnitCreated(
    string StorageUnitId,
    string DisplayName,
    StorageUnitKind Kind,
    string Organisation,
    string Site,
    string? ParentId,
    IReadOnlyList<string> Ancestors,
    int Rows,
    int Columns,
    TemperatureBand TemperatureBand,
    DateTimeOffset At);

public sealed class StorageUnitProjection() : FoldProjection<StorageUnit>(typeof(StorageUnitCreated));
