using System.Globalization;

namespace Biobank.Domain.StorageUnits;

/// <summary>Positions of a box: a row letter (A-Z) followed by a column number from 1, e.g. "A1", "H12".</summary>
public static class GridPosition
{
    public const int MaxRows = 26;
    public const int MaxColumns = 99;

    public static string Name(int row, int column) =>
        $"{(char)('A' + row)}{(column + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The zero-based row and column of a well-formed name, or null.</summary>
    public static (int Row, int Column)? Parse(string name)
    {
        if (name.Length is < 2 or > 3 || name[0] is < 'A' or > 'Z' || name[1] == '0'
            || !int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var column))
        {
            return null;
        }

        return (name[0] - 'A', column - 1);
    }

    /// <summary>Whether <paramref name="name"/> is a position of <paramref name="box"/>'s grid.</summary>
    public static bool IsIn(string name, StorageUnit box) =>
        box.Kind == StorageUnitKind.Box && Parse(name) is { } p && p.Row < box.Rows && p.Column < box.Columns;
}
