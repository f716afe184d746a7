using System.Globalization;
using System.Text;

namespace Biobank.Cli.Output;

/// <summary>A cell of a table: its text and how it reads.</summary>
public readonly record struct Cell(string Text, Tone Tone = Tone.Plain)
{
    public static implicit operator Cell(string text) => new(text);
}

/// <summary>
/// Rows under upper-case headers, columns aligned with two spaces between them, as kubectl and gh
/// print lists: readable, and still cut with awk.
/// </summary>
public sealed class Table(params string[] headers)
{
    private readonly List<Cell[]> _rows = [];

    public int Count => _rows.Count;

    public Table Row(params Cell[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"A row of {cells.Length} cells for {headers.Length} columns.", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    public void WriteTo(TextWriter writer, bool colours)
    {
        var widths = headers.Select((h, i) => Math.Max(Width(h), _rows.Count == 0 ? 0 : _rows.Max(r => Width(r[i].Text)))).ToArray();
        Write(writer, headers.Select(h => new Cell(h.ToUpperInvariant(), Tone.Muted)).ToArray(), widths, colours);
        foreach (var row in _rows)
        {
            Write(writer, row, widths, colours);
        }
    }

    private static void Write(TextWriter writer, Cell[] cells, int[] widths, bool colours)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            var text = cells[i].Text;
            line.Append(Tones.Paint(text, cells[i].Tone, colours));
            if (i < cells.Length - 1)
            {
                line.Append(' ', widths[i] - Width(text) + 2);
            }
        }

        writer.WriteLine(line.ToString().TrimEnd());
    }

    /// <summary>Columns the text takes: combining marks take none.</summary>
    private static int Width(string text) =>
        text.EnumerateRunes().Count(r => Rune.GetUnicodeCategory(r) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark));
}
