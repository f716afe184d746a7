namespace Biobank.Cli.Output;

/// <summary>What a command shows a person: lines, tables, fields of one resource, confirmations.</summary>
public sealed class Screen(Terminal terminal)
{
    public bool Colours => terminal.Colours;

    public int Width => terminal.Width;

    public void Line(string text = "", Tone tone = Tone.Plain) => terminal.Out.WriteLine(Tones.Paint(text, tone, terminal.Colours));

    public string Paint(string text, Tone tone) => Tones.Paint(text, tone, terminal.Colours);

    public void Table(Table table) => table.WriteTo(terminal.Out, terminal.Colours);

    /// <summary>A change the server made, in one line.</summary>
    public void Done(string text) => Line($"{Paint("✓", Tone.Good)} {text}");

    /// <summary>Label-value lines of one resource, labels aligned; empty values are left out.</summary>
    public void Fields(params (string Label, Cell Value)[] fields)
    {
        var shown = fields.Where(f => f.Value.Text.Length > 0).ToList();
        var width = shown.Count == 0 ? 0 : shown.Max(f => f.Label.Length);
        foreach (var (label, value) in shown)
        {
            Line($"{Paint(label.PadRight(width), Tone.Muted)}  {Paint(value.Text, value.Tone)}");
        }
    }

    /// <summary>Something worth knowing that is not the answer itself, e.g. the time zone of the times shown.</summary>
    public void Note(string text) => Line(text, Tone.Muted);
}
