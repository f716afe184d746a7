namespace Biobank.Cli.Output;

/// <summary>How a piece of text reads at a glance; a colour on a terminal, nothing elsewhere.</summary>
public enum Tone
{
    Plain,
    Good,
    Warning,
    Bad,
    Muted,
    Strong,
}

public static class Tones
{
    public static string Paint(string text, Tone tone, bool colours) =>
        !colours || tone == Tone.Plain || text.Length == 0
            ? text
            : $"\u001b[{Code(tone)}m{text}\u001b[0m";

    private static string Code(Tone tone) => tone switch
    {
        Tone.Good => "32",
        Tone.Warning => "33",
        Tone.Bad => "31",
        Tone.Muted => "2",
        Tone.Strong => "1",
        _ => "0",
    };
}
