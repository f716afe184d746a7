namespace Biobank.Cli.Output;

/// <summary>
/// The standard streams of a run, and what they can show: colours only where a person reads them
/// on a terminal, never in a pipe or a file.
/// </summary>
public sealed class Terminal(TextWriter output, TextWriter error, TextReader input, bool colours, bool errorColours, int width = 0)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public TextReader In { get; } = input;

    /// <summary>Whether standard output is a terminal that shows colours.</summary>
    public bool Colours { get; } = colours;

    /// <summary>Whether standard error is a terminal that shows colours.</summary>
    public bool ErrorColours { get; } = errorColours;

    /// <summary>Columns of the terminal; 0 when output goes to a pipe or a file.</summary>
    public int Width { get; } = width;
}
