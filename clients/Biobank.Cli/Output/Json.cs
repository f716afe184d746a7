using Google.Protobuf;

namespace Biobank.Cli.Output;

/// <summary>
/// Output for scripts: the server's messages in protobuf's canonical JSON (lowerCamelCase fields,
/// enum names, RFC 3339 times), every field present even at its default, so a script reading a
/// field never meets its absence.
/// </summary>
public static class Json
{
    private static readonly JsonFormatter Indented = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithIndentation());
    private static readonly JsonFormatter OneLine = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    /// <summary>One document: a message as an object.</summary>
    public static string Document(IMessage message) => Indented.Format(message);

    /// <summary>One document: messages as an array.</summary>
    public static string Document(IEnumerable<IMessage> messages)
    {
        var items = messages.Select(m => "  " + Indented.Format(m).ReplaceLineEndings("\n  ")).ToList();
        return items.Count == 0 ? "[]" : $"[\n{string.Join(",\n", items)}\n]";
    }

    /// <summary>A message on one line, for JSON Lines streams.</summary>
    public static string Line(IMessage message) => OneLine.Format(message);
}
