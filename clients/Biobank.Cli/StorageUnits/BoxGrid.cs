using System.Globalization;
using System.Text;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Samples;
using Biobank.Cli.Values;
using Biobank.V1;

namespace Biobank.Cli.StorageUnits;

/// <summary>A box as it looks from above: rows A, B, ... and columns 1, 2, ..., each position full or free.</summary>
public static class BoxGrid
{
    public static string PositionName(int row, int column) => $"{(char)('A' + row)}{column + 1}";

    /// <summary>Every position of the box, row by row.</summary>
    public static IEnumerable<string> Positions(StorageUnit box) =>
        Enumerable.Range(0, box.Rows).SelectMany(r => Enumerable.Range(0, box.Columns).Select(c => PositionName(r, c)));

    /// <summary>
    /// <paramref name="count"/> free positions of a box given as BOX or BOX:C1 (from C1 on), row by row.
    /// </summary>
    public static async Task<IReadOnlyList<StoragePosition>> FreePositionsAsync(Invocation run, string boxAndStart, int count)
    {
        var colon = boxAndStart.LastIndexOf(':');
        var (boxId, start) = colon > 0 ? (boxAndStart[..colon], boxAndStart[(colon + 1)..].ToUpperInvariant()) : (boxAndStart, "");
        var box = await run.Client.Storage.GetStorageUnitAsync(new GetStorageUnitRequest { Name = Names.Of(Names.StorageUnits, boxId) }, run.Options);
        if (box.Kind != StorageUnitKind.Box)
        {
            throw new UsageException($"{Names.Id(box.Name)} is a {Words.Of(box.Kind)}, not a box.", $"Boxes inside it: biobank storage list --in {Names.Id(box.Name)}");
        }

        var occupied = box.OccupiedPositions.Select(p => p.Position).ToHashSet(StringComparer.Ordinal);
        var positions = Positions(box).ToList();
        var from = start.Length == 0 ? 0 : positions.IndexOf(start);
        if (from < 0)
        {
            throw new UsageException($"{start} is not a position of {Names.Id(box.Name)} ({box.Rows} × {box.Columns}: A1 to {PositionName(box.Rows - 1, box.Columns - 1)}).");
        }

        var free = positions.Skip(from).Where(p => !occupied.Contains(p)).Take(count).ToList();
        if (free.Count < count)
        {
            throw new CommandException(
                ExitCodes.Refused, $"{Names.Id(box.Name)} has {free.Count} free position(s) from {positions[from]} on; {count} are needed.",
                $"See it: biobank storage show {Names.Id(box.Name)}; or find room: biobank storage free --site SITE --band {Words.Of(box.TemperatureBand)}");
        }

        return [.. free.Select(p => new StoragePosition { StorageUnit = box.Name, Position = p })];
    }

    /// <summary>The grid, ● for a full position and · for a free one, then the samples in it.</summary>
    public static void Draw(Screen screen, StorageUnit box, IReadOnlyList<Sample> samples)
    {
        var occupied = box.OccupiedPositions.ToDictionary(p => p.Position, p => p.Sample, StringComparer.Ordinal);
        var cell = Math.Max(3, box.Columns.ToString(CultureInfo.InvariantCulture).Length + 1);
        screen.Line("   " + string.Concat(Enumerable.Range(1, box.Columns).Select(c => c.ToString(CultureInfo.InvariantCulture).PadLeft(cell))), Tone.Muted);
        for (var row = 0; row < box.Rows; row++)
        {
            var line = new StringBuilder();
            line.Append(screen.Paint($" {(char)('A' + row)} ", Tone.Muted));
            for (var column = 0; column < box.Columns; column++)
            {
                var full = occupied.ContainsKey(PositionName(row, column));
                line.Append(new string(' ', cell - 1)).Append(screen.Paint(full ? "●" : "·", full ? Tone.Strong : Tone.Good));
            }

            screen.Line(line.ToString());
        }

        screen.Note($"   ● full  · free   {box.FreePositions} of {box.Rows * box.Columns} free");
        if (occupied.Count == 0 && box.FreePositions < box.Rows * box.Columns)
        {
            screen.Note("   Which positions are full is shown to the box's organisation and auditors only.");
        }

        if (samples.Count > 0)
        {
            screen.Line();
            var byName = samples.ToDictionary(s => s.Name, StringComparer.Ordinal);
            var table = new Table("position", "barcode", "material", "quantity", "state");
            foreach (var (position, name) in box.OccupiedPositions.Select(p => (p.Position, p.Sample)))
            {
                var sample = byName.GetValueOrDefault(name);
                table.Row(position, sample?.Barcode ?? Names.Id(name), sample is null ? "" : Words.Of(sample.MaterialType), Quantities.Show(sample?.Quantity), sample is null ? "" : SampleView.State(sample.State));
            }

            screen.Table(table);
        }
    }
}
