using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Biobank.Server.Tests.Api;

/// <summary>
/// What generated requests may name so that they get past the first checks: resources that exist,
/// requests the server accepted (a template of a valid request per message type), page tokens it
/// issued, request ids it has seen.
/// </summary>
public sealed class HostileWorld
{
    /// <summary>Existing resource names by collection ("equipment", "storage-units", "sites", ...).</summary>
    public Dictionary<string, List<string>> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>Existing values that are not resource names, by the field carrying them ("hold_id", "barcode", ...).</summary>
    public Dictionary<string, List<string>> Ids { get; } = new(StringComparer.Ordinal);

    /// <summary>Requests the server accepted, by message type.</summary>
    public Dictionary<string, List<IMessage>> ValidRequests { get; } = new(StringComparer.Ordinal);

    /// <summary>A next_page_token the server issued, by method full name.</summary>
    public Dictionary<string, string> PageTokens { get; } = new(StringComparer.Ordinal);

    public List<string> UsedRequestIds { get; } = [];

    public List<string> Subjects { get; } = [];

    public void AddName(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            Add(Names, name[..slash], name);
        }
    }

    public void AddId(string field, string id) => Add(Ids, field, id);

    public void AddRequest(IMessage request)
    {
        Add(ValidRequests, request.Descriptor.FullName, request);
        if (request.Descriptor.FindFieldByName("request_id") is { FieldType: FieldType.String } field
            && field.Accessor.GetValue(request) is string { Length: > 0 } id)
        {
            UsedRequestIds.Add(id);
        }
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}

/// <summary>A value hostile to the server, put in one field of a generated request.</summary>
/// <param name="Kind">The family of the value (e.g. "nul", "malformed-name", "timestamp-past-max").</param>
/// <param name="Detail">The value itself, printable.</param>
/// <param name="Value">What the field is set to; ignored when <paramref name="Utf8"/> is given.</param>
/// <param name="Utf8">Bytes that are not valid UTF-8, written on the wire as the string field's value.</param>
public sealed record Hostility(int Id, string Path, string Kind, string Detail, object? Value, byte[]? Utf8 = null);

/// <summary>How one field of a generated message is filled: a plausible value, and maybe a hostile one.</summary>
public sealed class FieldPlan(FieldDescriptor descriptor, string path, int depth, object? plausible)
{
    public FieldDescriptor Field => descriptor;

    /// <summary>Where the field is, e.g. "reservation.interval.start_time" or "aliquots[].barcode".</summary>
    public string Path => path;

    public int Depth => depth;

    /// <summary>A scalar, a <see cref="MessagePlan"/>, a ready message, a list of those, or null (unset).</summary>
    public object? Plausible => plausible;

    public Hostility? Hostile { get; set; }
}

public sealed class MessagePlan(MessageDescriptor descriptor, IReadOnlyList<FieldPlan> fields)
{
    public MessageDescriptor Descriptor => descriptor;

    public IReadOnlyList<FieldPlan> Fields => fields;

    /// <summary>Every field of this message and of the messages inside it.</summary>
    public IEnumerable<FieldPlan> AllFields()
    {
        foreach (var field in fields)
        {
            yield return field;
            var nested = field.Plausible is IList items ? items.OfType<MessagePlan>() : field.Plausible is MessagePlan one ? [one] : [];
            foreach (var inner in nested.SelectMany(p => p.AllFields()))
            {
                yield return inner;
            }
        }
    }
}

/// <summary>Field values that are not plain values.</summary>
public sealed class Special(string name)
{
    /// <summary>The message field is left unset.</summary>
    public static readonly Special Unset = new("unset");

    /// <summary>The message field is set to a message with every field at its default.</summary>
    public static readonly Special Empty = new("empty");

    public override string ToString() => name;
}

/// <summary>One generated request of a method: plausible values with some fields made hostile.</summary>
public sealed class HostileRequest(MethodDescriptor method, string seed, MessagePlan plan, IReadOnlyList<Hostility> hostilities)
{
    public MethodDescriptor Method => method;

    /// <summary>CsCheck seed that generates this request again.</summary>
    public string Seed => seed;

    public IReadOnlyList<Hostility> Hostilities => hostilities;

    public IReadOnlySet<int> AllHostile => hostilities.Select(h => h.Id).ToHashSet();

    /// <summary>
    /// The request with the <paramref name="active"/> hostile values, as a message and as the bytes
    /// sent: the message's serialisation followed by the invalid UTF-8 strings, which protobuf's
    /// own serialiser cannot produce (the last value of a string field on the wire wins; an embedded
    /// message given again is merged into the first).
    /// </summary>
    public (IMessage Message, byte[] Wire) Build(IReadOnlySet<int> active, bool freshRequestIds)
    {
        var patches = new List<byte[]>();
        var message = BuildMessage(plan, active, patches, freshRequestIds);
        using var wire = new MemoryStream();
        message.WriteTo(wire);
        foreach (var patch in patches)
        {
            wire.Write(patch);
        }

        return (message, wire.ToArray());
    }

    /// <summary>The request as JSON, long strings and lists cut, plus the raw bytes put on the wire.</summary>
    public string Describe(IReadOnlySet<int> active, int maxLength = 1500)
    {
        var (message, _) = Build(active, freshRequestIds: false);
        var text = new StringBuilder();
        Printer.Message(text, message);
        foreach (var raw in hostilities.Where(h => active.Contains(h.Id) && h.Utf8 is not null))
        {
            text.Append(CultureInfo.InvariantCulture, $" + on the wire {raw.Path} = bytes {Convert.ToHexString(raw.Utf8!)}");
        }

        return text.Length <= maxLength ? text.ToString() : text.ToString(0, maxLength) + "…";
    }

    private static IMessage BuildMessage(MessagePlan plan, IReadOnlySet<int> active, List<byte[]> patches, bool freshRequestIds)
    {
        var message = (IMessage)Activator.CreateInstance(plan.Descriptor.ClrType)!;
        foreach (var field in plan.Fields)
        {
            var hostile = field.Hostile is { } h && active.Contains(h.Id) ? h : null;
            var value = hostile is { Utf8: null } ? hostile.Value : field.Plausible;
            if (hostile is null && freshRequestIds && field.Field.Name == "request_id" && value is string)
            {
                value = Guid.NewGuid().ToString();
            }

            var nested = new List<byte[]>();
            Assign(message, field.Field, value, active, nested);
            if (hostile?.Utf8 is { } raw)
            {
                patches.Add(Wire.LengthDelimited(field.Field.FieldNumber, raw));
            }

            patches.AddRange(nested.Select(patch => Wire.LengthDelimited(field.Field.FieldNumber, patch)));
        }

        return message;
    }

    private static void Assign(IMessage message, FieldDescriptor field, object? value, IReadOnlySet<int> active, List<byte[]> patches)
    {
        if (value is null || value == Special.Unset || field.IsMap)
        {
            return;
        }

        if (field.IsRepeated)
        {
            var list = (IList)field.Accessor.GetValue(message);
            foreach (var item in (IList)value)
            {
                list.Add(Materialise(field, item, active, patches));
            }
        }
        else
        {
            field.Accessor.SetValue(message, Materialise(field, value, active, patches));
        }
    }

    private static object Materialise(FieldDescriptor field, object item, IReadOnlySet<int> active, List<byte[]> patches) => item switch
    {
        MessagePlan plan => BuildMessage(plan, active, patches, freshRequestIds: false),
        Special when item == Special.Empty => Activator.CreateInstance(field.MessageType.ClrType)!,
        int number when field.FieldType == FieldType.Enum => System.Enum.ToObject(field.EnumType.ClrType, number),
        _ => item,
    };
}

/// <summary>Raw protobuf encoding, for what the generated serialiser refuses to write.</summary>
public static class Wire
{
    public static byte[] LengthDelimited(int fieldNumber, byte[] payload)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            output.WriteTag(fieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(payload));
        }

        return buffer.ToArray();
    }
}

/// <summary>A JSON-like rendering that never fails (unlike JsonFormatter on out-of-range timestamps) and cuts long values.</summary>
public static class Printer
{
    public static void Message(StringBuilder text, IMessage message)
    {
        text.Append('{');
        var first = true;
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (IsDefault(field, value))
            {
                continue;
            }

            text.Append(first ? "" : ",").Append('"').Append(field.JsonName).Append("\":");
            first = false;
            if (field.IsRepeated)
            {
                var list = (IList)value;
                text.Append('[');
                for (var i = 0; i < Math.Min(list.Count, 3); i++)
                {
                    text.Append(i == 0 ? "" : ",");
                    Value(text, field, list[i]);
                }

                text.Append(list.Count > 3 ? $",…(+{list.Count - 3} more)]" : "]");
            }
            else
            {
                Value(text, field, value);
            }

            if (text.Length > 4000)
            {
                text.Append('…');
                break;
            }
        }

        text.Append('}');
    }

    public static string Quote(string value, int keep = 48)
    {
        var shown = value.Length <= keep + 12 ? value : value[..keep];
        var text = new StringBuilder("\"");
        foreach (var c in shown)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                    or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse =>
                    $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        text.Append('"');
        if (shown.Length < value.Length)
        {
            text.Append(CultureInfo.InvariantCulture, $"…(+{value.Length - shown.Length} chars)");
        }

        return text.ToString();
    }

    private static void Value(StringBuilder text, FieldDescriptor field, object? value)
    {
        switch (value)
        {
            case IMessage message:
                Message(text, message);
                break;
            case string s:
                text.Append(Quote(s));
                break;
            case ByteString bytes:
                text.Append(CultureInfo.InvariantCulture, $"bytes({bytes.Length})");
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case double d:
                text.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case float f:
                text.Append(f.ToString("R", CultureInfo.InvariantCulture));
                break;
            case System.Enum when field.FieldType == FieldType.Enum:
                var number = System.Convert.ToInt32(value, CultureInfo.InvariantCulture);
                text.Append(field.EnumType.FindValueByNumber(number) is { } known ? $"\"{known.Name}\"" : number.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(System.Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static bool IsDefault(FieldDescriptor field, object? value) => value switch
    {
        null => true,
        IList list => list.Count == 0,
        string s => s.Length == 0,
        ByteString b => b.IsEmpty,
        bool b => !b,
        double d => d == 0 && !double.IsNegative(d),
        float f => f == 0 && !float.IsNegative(f),
        IMessage => false,
        _ when field.FieldType == FieldType.Enum => System.Convert.ToInt32(value, CultureInfo.InvariantCulture) == 0,
        _ => System.Convert.ToDecimal(value, CultureInfo.InvariantCulture) == 0,
    };
}

/// <summary>
/// Generates requests of one method from its descriptor alone: every field gets a plausible value
/// (from a request the server accepted, else from the field's name: resource names of the right
/// collection, fresh request ids, times in the coming weeks), then one to three fields, sometimes
/// none, get a hostile one. The size CsCheck sees is the number of hostile fields.
/// </summary>
public sealed class HostileRequestGen(MethodDescriptor method, HostileWorld world) : Gen<HostileRequest>
{
    public override HostileRequest Generate(PCG pcg, Size? min, out Size size)
    {
        var seed = pcg.ToString(pcg.State);
        var draw = new Draw(pcg, world, method);
        var plan = draw.Request();
        var candidates = plan.AllFields().Where(f => !f.Field.IsMap && f.Field.FieldType != FieldType.Bool).ToList();
        var wanted = draw.Next(10) switch { 0 => 0, < 7 => 1, < 9 => 2, _ => 3 };
        var hostilities = new List<Hostility>();
        // Fields the plausible request sets (those the server reads) are chosen four times as often as
        // those it leaves at their default (mostly output-only fields, which the server ignores), and
        // page tokens, with many ways to be wrong, twice as often again.
        var weighted = candidates
            .SelectMany(f => Enumerable.Repeat(f, f.Field.Name == "page_token" ? 8 : IsSet(f.Plausible) ? 4 : 1))
            .ToList();
        for (var attempt = 0; hostilities.Count < wanted && attempt < 10 && weighted.Count > 0; attempt++)
        {
            var field = draw.Pick(weighted);
            if (field.Hostile is null)
            {
                field.Hostile = draw.Hostile(field, hostilities.Count);
                hostilities.Add(field.Hostile);
            }
        }

        size = new Size((ulong)hostilities.Count);
        return new HostileRequest(method, seed, plan, hostilities);
    }

    /// <summary>
    /// How many fields a request of the method offers to hostile values, those a plausible request
    /// sets counting one and the others a quarter: the number of requests worth sending grows with it.
    /// </summary>
    public double FieldWeight()
    {
        var plan = new Draw(new PCG(1, 1), world, method).Request();
        return plan.AllFields()
            .Where(f => !f.Field.IsMap && f.Field.FieldType != FieldType.Bool)
            .Sum(f => IsSet(f.Plausible) ? 1 : 0.25);
    }

    private static bool IsSet(object? value) => value switch
    {
        null => false,
        string s => s.Length > 0,
        IList list => list.Count > 0,
        int i => i != 0,
        _ => true,
    };
}

/// <summary>The random choices of one generated request, all taken from CsCheck's PCG so a seed replays them.</summary>
internal sealed class Draw(PCG pcg, HostileWorld world, MethodDescriptor method)
{
    private const int MaxDepth = 3;

    private static readonly string[] Words =
    [
        "Calibration", "AMR-2026", "EPIDEMIO-AMR", "DON-0001", "v3.2-2025", "Sus scrofa domesticus", "Imaging of infected organoids",
        "autoclave", "Quality control", "Freezer F3 (room 112)", "LISTERIA-ORG", "ELISA", "Escherichia coli", "B2", "contamination suspected",
    ];

    private static readonly string[] Injections =
    [
        "'; drop table biobank.mt_events; --", "\"}", "%s%n%x%d", "${jndi:ldap://127.0.0.1/x}", "../../../../etc/passwd", "<script>alert(1)</script>",
        "\\", "{\"$where\":\"1\"}", "NULL", "null", "*", "%", "_", "' or '1'='1", "$1", "?",
    ];

    private static readonly string[] Unicode =
    [
        "ÄÖÜß", "équipement", "😀🧪", "e\u0301", "ﬁ", "İı", "Ωא", "ｅｑｕｉｐ", "\u200b", "\ud834\udd1e", "ᚠᛇᚻ", "\u0301",
    ];

    private static readonly string[] Controls =
    [
        "\u0001", "\u0007", "\b", "\u001b", "\u007f", "\u0085", "\u2028", "\u202e", "\ufeff", "\r\n", "\t", "\uffff", "\ufffe",
    ];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xff, 0xfe], [0xc0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xf4, 0x90, 0x80, 0x80], [0x61, 0xc3],
    ];

    private static readonly byte[][] Surrogates = [[0xed, 0xa0, 0x80], [0xed, 0xb0, 0x80], [0x61, 0xed, 0xa0, 0xbd, 0x62]];

    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public int Next(int n) => n <= 1 ? 0 : (int)pcg.Next((uint)n);

    private bool IsMutation => method.InputType.FindFieldByName("request_id") is not null;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private bool OneIn(int n) => Next(n) == 0;

    /// <summary>
    /// A mutation starts from a request the server accepted when there is one; a read does so two
    /// times in three (a list: the request a page token was issued for), else its filters are drawn.
    /// </summary>
    public MessagePlan Request() =>
        Message(method.InputType, "", IsMutation || !OneIn(3) ? Baseline(method.InputType) : null, 0);

    private IMessage? Baseline(MessageDescriptor type) =>
        world.ValidRequests.TryGetValue(type.FullName, out var requests) && requests.Count > 0 ? Pick(requests) : null;

    private MessagePlan Message(MessageDescriptor type, string prefix, IMessage? baseline, int depth)
    {
        var interval = IsInterval(type) ? PlausibleInterval() : default;
        var fields = new List<FieldPlan>();
        foreach (var field in type.Fields.InFieldNumberOrder())
        {
            var path = prefix + field.Name;
            var plausible = interval.Start is not null && field.Name == "start_time" ? interval.Start
                : interval.End is not null && field.Name == "end_time" ? interval.End
                : Plausible(field, path, baseline, depth);
            fields.Add(new FieldPlan(field, path, depth, plausible));
        }

        return new MessagePlan(type, fields);
    }

    private object? Plausible(FieldDescriptor field, string path, IMessage? baseline, int depth)
    {
        if (field.IsMap)
        {
            return null;
        }

        var given = baseline is null ? null : field.Accessor.GetValue(baseline);
        if (!field.IsRepeated)
        {
            return Single(field, path, given, baseline is not null, depth);
        }

        var items = given is IList list ? list.Cast<object?>().ToList() : [.. Enumerable.Repeat<object?>(null, Next(3))];
        return items.Select(item => Single(field, path + "[]", item, baseline is not null, depth)).Where(v => v is not null).ToList();
    }

    /// <summary>A plausible value of one field (or list item): the accepted request's, or one made from the field's name.</summary>
    private object? Single(FieldDescriptor field, string path, object? given, bool hasBaseline, int depth)
    {
        switch (field.FieldType)
        {
            case FieldType.Message when field.MessageType.FullName == Timestamp.Descriptor.FullName:
                return hasBaseline && given is null ? null : PlausibleTime(field.Name);
            case FieldType.Message when field.MessageType.FullName == Google.Protobuf.WellKnownTypes.Duration.Descriptor.FullName:
                return hasBaseline && given is null ? null : PlausibleDuration(field.Name);
            case FieldType.Message when depth >= MaxDepth:
                return null;
            case FieldType.Message when hasBaseline:
                return given is IMessage inner ? Message(field.MessageType, path + ".", inner, depth + 1) : null;
            case FieldType.Message:
                return OneIn(5) ? null : Message(field.MessageType, path + ".", Baseline(field.MessageType), depth + 1);
            case FieldType.String:
                return FreshString(field) ?? (hasBaseline ? (string)given! : PlausibleString(field));
            case FieldType.Enum:
                return hasBaseline ? System.Convert.ToInt32(given, CultureInfo.InvariantCulture) : PlausibleEnum(field.EnumType);
            case FieldType.Bool:
                return hasBaseline ? given : OneIn(2);
            case FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32:
                return hasBaseline ? given : PlausibleInt(field.Name);
            case FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64:
                return hasBaseline ? given : (long)Next(4);
            case FieldType.UInt32 or FieldType.Fixed32:
                return hasBaseline ? given : (uint)Next(4);
            case FieldType.UInt64 or FieldType.Fixed64:
                return hasBaseline ? given : (ulong)Next(4);
            case FieldType.Double:
                return hasBaseline ? given : field.Name == "value" ? Math.Round(0.05 + (Next(50) / 100.0), 2) : 1.0;
            case FieldType.Float:
                return hasBaseline ? given : 1.0f;
            case FieldType.Bytes:
                return hasBaseline ? given : ByteString.CopyFrom([(byte)Next(256), (byte)Next(256)]);
            default:
                return given;
        }
    }

    /// <summary>Values that must be new on every request whatever the accepted request had.</summary>
    private string? FreshString(FieldDescriptor field) => field.Name switch
    {
        "request_id" => Uuid(),
        "barcode" when IsMutation || !world.Ids.ContainsKey("barcode") => $"FZ-{Hex(6)}",
        "position" => $"{(char)('A' + Next(8))}{1 + Next(12)}",
        "etag" => "",
        _ when field.Name.EndsWith("_id", StringComparison.Ordinal) => Next(3) switch
        {
            0 => "",
            1 when world.Ids.TryGetValue(field.Name, out var ids) && ids.Count > 0 => Pick(ids),
            _ => $"fz-{Hex(8)}",
        },
        _ => null,
    };

    private string PlausibleString(FieldDescriptor field)
    {
        if (field.Name == "page_token")
        {
            return OneIn(6) && world.PageTokens.TryGetValue(method.FullName, out var token) ? token : "";
        }

        if (field.Name == "resume_after")
        {
            return Pick(["", "0"]);
        }

        if (Collections.Expected(field, method, world) is { } collection && world.Names.TryGetValue(collection, out var names))
        {
            return Pick(names);
        }

        if (world.Ids.TryGetValue(field.Name, out var known) && known.Count > 0 && !OneIn(3))
        {
            return Pick(known);
        }

        return field.Name switch
        {
            "person" or "booked_by" or "subject" when world.Subjects.Count > 0 => Pick(world.Subjects),
            "time_zone" => "Europe/Paris",
            _ => Pick(Words),
        };
    }

    private int PlausibleEnum(EnumDescriptor type)
    {
        var defined = type.Values.Where(v => v.Number != 0).ToList();
        return OneIn(4) || defined.Count == 0 ? 0 : Pick(defined).Number;
    }

    private int PlausibleInt(string name) => name switch
    {
        "page_size" => Pick([0, 1, 10, 50]),
        "rows" => 1 + Next(26),
        "columns" => 1 + Next(12),
        "count" => 1 + Next(5),
        "interval" => Next(3),
        _ => Next(4),
    };

    private DateTimeOffset Ahead(int days, int hour) =>
        new DateTimeOffset(_now.UtcDateTime.Date, TimeSpan.Zero).AddDays(days).AddHours(hour).AddMinutes(15 * Next(4));

    private Timestamp PlausibleTime(string name) => Timestamp.FromDateTimeOffset(
        name.Contains("collection", StringComparison.Ordinal) ? _now.AddDays(-1 - Next(30)).AddMinutes(-Next(600))
        : name.Contains("expire", StringComparison.Ordinal) ? _now.AddDays(1 + Next(30))
        : name.Contains("until", StringComparison.Ordinal) ? _now.AddDays(3 + Next(20))
        : Ahead(2 + Next(25), 8 + Next(8)));

    private (Timestamp? Start, Timestamp? End) PlausibleInterval()
    {
        var start = Ahead(2 + Next(28), 7 + Next(10));
        return (Timestamp.FromDateTimeOffset(start), Timestamp.FromDateTimeOffset(start.AddMinutes(30 * (1 + Next(8)))));
    }

    private Google.Protobuf.WellKnownTypes.Duration PlausibleDuration(string name) => Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(name switch
    {
        "min_duration" => TimeSpan.FromMinutes(15),
        "max_duration" => TimeSpan.FromHours(8),
        "booking_horizon" => TimeSpan.FromDays(90),
        "minimum_notice" => TimeSpan.FromHours(Next(2)),
        "buffer" => TimeSpan.FromMinutes(15 * Next(2)),
        "no_show_grace" => TimeSpan.FromMinutes(30),
        _ => TimeSpan.FromHours(1),
    });

    private static bool IsInterval(MessageDescriptor type) =>
        type.FindFieldByName("start_time") is { FieldType: FieldType.Message } start && start.MessageType.FullName == Timestamp.Descriptor.FullName
        && type.FindFieldByName("end_time") is { FieldType: FieldType.Message } end && end.MessageType.FullName == Timestamp.Descriptor.FullName;

    public string Uuid()
    {
        var bytes = new byte[16];
        for (var i = 0; i < 16; i++)
        {
            bytes[i] = (byte)Next(256);
        }

        bytes[7] = (byte)((bytes[7] & 0x0f) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3f) | 0x80);
        return new Guid(bytes).ToString();
    }

    private string Hex(int length) => string.Concat(Enumerable.Range(0, length).Select(_ => "0123456789abcdef"[Next(16)]));

    // ---- Hostile values ----

    public Hostility Hostile(FieldPlan field, int id)
    {
        Hostility Make(string kind, string detail, object? value, byte[]? utf8 = null) => new(id, field.Path, kind, detail, value, utf8);

        if (field.Field.IsRepeated)
        {
            return Repeated(field, Make);
        }

        return field.Field.FieldType switch
        {
            FieldType.String => String(field, Make),
            FieldType.Message => MessageValue(field, Make),
            FieldType.Bytes => OneIn(2)
                ? Make("bytes-1MB", "1 MiB", ByteString.CopyFrom(new byte[1 << 20]))
                : Make("bytes-empty", "empty", ByteString.Empty),
            _ => Scalar(field.Field, Make),
        };
    }

    private Hostility Scalar(FieldDescriptor field, Func<string, string, object?, byte[]?, Hostility> make)
    {
        Hostility Of<T>(string type, T[] values)
            where T : IFormattable
        {
            var value = Pick(values);
            var text = value.ToString(null, CultureInfo.InvariantCulture);
            return make($"{type} {text}", text, value, null);
        }

        return field.FieldType switch
        {
            FieldType.Enum => Of("enum", [99, -1, int.MaxValue, int.MinValue, 0, 100_000]),
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 =>
                Of("int32", [int.MinValue, int.MaxValue, -1, 0, 1001, 1_000_000, 27, 100, 367, 385]),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Of("int64", [long.MinValue, long.MaxValue, -1L, 0L]),
            FieldType.UInt32 or FieldType.Fixed32 => Of("uint32", [uint.MaxValue, 0u]),
            FieldType.UInt64 or FieldType.Fixed64 => Of("uint64", [ulong.MaxValue, 0ul]),
            FieldType.Float => Of("float", [float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.MinValue, -0f, float.Epsilon, -1f]),
            _ => Of("double", [double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue, -0d, double.Epsilon, -1d, 1e308, 1e-320]),
        };
    }

    private Hostility String(FieldPlan field, Func<string, string, object?, byte[]?, Hostility> make)
    {
        var plausible = field.Plausible as string ?? "";
        var collection = Collections.Expected(field.Field, method, world);
        var name = field.Field.Name;
        if (name == "page_token" && OneIn(2))
        {
            return PageToken(make);
        }

        if (name == "request_id" && OneIn(3))
        {
            return world.UsedRequestIds.Count > 0 && OneIn(2)
                ? make("request-id-reused", "the id of an accepted request of another method or content", Pick(world.UsedRequestIds), null)
                : make("request-id-not-uuid", "not-a-uuid", Pick(["not-a-uuid", "{" + Uuid() + "}", Uuid().ToUpperInvariant(), Uuid().Replace("-", "", StringComparison.Ordinal)]), null);
        }

        if (collection is not null && OneIn(3))
        {
            return ResourceName(collection, plausible, make);
        }

        switch (Next(11))
        {
            case 0 when OneIn(2):
                return make("empty", "\"\"", "", null);
            case 0:
                var tiny = Pick(["x", "/", "s/", "ab", "-", "."]);
                return make("short", Printer.Quote(tiny), tiny, null);
            case 1:
                var blank = Pick(["   ", "\t", "\u00a0", "\u3000", "\n"]);
                return make("whitespace", Printer.Quote(blank), blank, null);
            case 2:
                var nul = plausible.Insert(Next(plausible.Length + 1), "\0");
                return make("nul", Printer.Quote(nul), nul, null);
            case 3:
                var control = plausible.Insert(Next(plausible.Length + 1), Pick(Controls));
                return make("control-character", Printer.Quote(control), control, null);
            case 4:
                var unicode = plausible + Pick(Unicode);
                return make("unicode", Printer.Quote(unicode), unicode, null);
            case 5:
                var huge = plausible + new string('x', 1 << 20);
                return make("huge-1MiB", $"{Printer.Quote(plausible)} + 1 MiB of 'x'", huge, null);
            case 6:
                var longText = new string('é', 20_000);
                return make("long-20k-multibyte", "20,000 × 'é'", longText, null);
            case 7:
                var injection = Pick(Injections);
                return make("injection-like", Printer.Quote(injection), injection, null);
            case 8 when OneIn(2):
                var bytes = Encoding.UTF8.GetBytes(plausible).Concat(Pick(InvalidUtf8)).ToArray();
                return make("invalid-utf8", Convert.ToHexString(bytes), null, bytes);
            case 8:
                var surrogate = Pick(Surrogates);
                return make("unpaired-surrogate-utf8", Convert.ToHexString(surrogate), null, surrogate);
            case 9:
                var sql = plausible + Pick(["'", "%", "_", "\\", "\u00a0"]);
                return make("sql-wildcard-or-quote", Printer.Quote(sql), sql, null);
            default:
                return ResourceName(collection ?? "sites", plausible, make);
        }
    }

    private Hostility ResourceName(string collection, string plausible, Func<string, string, object?, byte[]?, Hostility> make)
    {
        var others = world.Names.Where(n => n.Key != collection && n.Value.Count > 0).ToList();
        var existing = world.Names.TryGetValue(collection, out var names) && names.Count > 0 ? Pick(names) : $"{collection}/x";
        switch (Next(3))
        {
            case 0 when others.Count > 0:
                var foreign = Pick(Pick(others).Value);
                return make("foreign-collection-name", Printer.Quote(foreign), foreign, null);
            case 1:
                var unknown = OneIn(2) ? $"{collection}/fz-{Hex(8)}" : $"{collection}/{Uuid()}";
                return make("unknown-name", Printer.Quote(unknown), unknown, null);
            default:
                string[] malformed =
                [
                    $"{collection}/", $"{collection}/../x", $"{collection}/ÄÖ", $"{collection}/x/y", "/", collection, $"{collection.ToUpperInvariant()}/X",
                    $" {existing}", $"{existing} ", $"{collection}/%2e%2e", $"{collection}/{new string('a', 64)}", $"{collection}/*", $"{collection}//x",
                    "sites/", "sites/../x", "equipment/ÄÖ", "samples/x/y", $"{existing}/extra", $"organisations/anses/{collection}/x", "x",
                    $"{collection}/{plausible}", existing.ToUpperInvariant(),
                ];
                var name = Pick(malformed);
                return make("malformed-name", Printer.Quote(name), name, null);
        }
    }

    private Hostility PageToken(Func<string, string, object?, byte[]?, Hostility> make)
    {
        var own = world.PageTokens.TryGetValue(method.FullName, out var token) ? token : null;
        var any = own ?? (world.PageTokens.Count > 0 ? Pick(world.PageTokens.Values.ToList()) : null);
        switch (Next(10))
        {
            case 0:
                var random = Base64Url(Enumerable.Range(0, 1 + Next(48)).Select(_ => (byte)Next(256)).ToArray());
                return make("page-token-random-base64", random, random, null);
            case 1:
                var notBase64 = Pick(["!!!!", "a", "====", "%%", "ab=c", " ", "..", "\u00e9"]);
                return make("page-token-not-base64", Printer.Quote(notBase64), notBase64, null);
            case 2 or 3:
                string[] odd =
                [
                    "{}", "null", "[]", "\"x\"", "1", "true", "{\"List\":null,\"Filter\":null,\"LastKey\":null}", "{\"List\":1,\"Filter\":[],\"LastKey\":{}}",
                    "{\"list\":\"x\",\"filter\":\"\",\"lastKey\":\"a\"}", new string('[', 5000) + new string(']', 5000),
                    "{\"LastKey\":\"" + new string('a', 100_000) + "\"}", "{\"List\":\"x\",\"List\":\"y\"}", "{\"a\":1", "{\"LastKey\":\"\\u0000\"}", "{\"LastKey\":\"\\ud800\"}",
                ];
                var json = Pick(odd);
                return make("page-token-odd-json", $"base64({Printer.Quote(json, 60)})", Base64Url(Encoding.UTF8.GetBytes(json)), null);
            case 4 or 5 or 6 when any is not null && Tampered(any) is { } tampered:
                return make("page-token-tampered", tampered.Detail, tampered.Token, null);
            case 7 when world.PageTokens.Keys.Any(k => k != method.FullName):
                var other = Pick(world.PageTokens.Where(t => t.Key != method.FullName).Select(t => t.Value).ToList());
                return make("page-token-of-another-list", other, other, null);
            case 8 when any is not null:
                var cut = OneIn(2) ? any[..Math.Max(0, any.Length - 2)] : any + "x";
                return make("page-token-truncated-or-extended", cut, cut, null);
            default:
                var invalid = Base64Url([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
                return make("page-token-invalid-utf8-json", invalid, invalid, null);
        }
    }

    /// <summary>A token the server issued, decoded, with one of its values replaced (NUL, other types, huge) or a key added or removed.</summary>
    private (string Token, string Detail)? Tampered(string token)
    {
        JsonObject? decoded;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            decoded = JsonNode.Parse(Convert.FromBase64String(base64)) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }

        if (decoded is null || decoded.Count == 0)
        {
            return null;
        }

        // The last key is the sort key of the last item returned (the one a query compares with).
        var keys = decoded.Select(p => p.Key).ToList();
        var key = OneIn(2) ? keys[^1] : Pick(keys);
        var replacements = new (string Detail, Func<JsonNode?> Value)[]
        {
            ("\"\\u0000\"", () => "\0"), ("\"a\\u0000b\"", () => "a\0b"), ("\"\\u0001\"", () => "\u0001"), ("\"\\uffff\"", () => "\uffff"),
            ("\"'; --\"", () => "'; --"), ("\"\"", () => ""), ("null", () => null), ("5", () => 5), ("{\"a\":1}", () => new JsonObject { ["a"] = 1 }),
            ("[1]", () => new JsonArray(JsonValue.Create(1))), ("60k chars", () => new string('z', 60_000)),
        };
        string detail;
        switch (OneIn(2) ? Next(2) : Next(replacements.Length + 2))
        {
            case var i when i < replacements.Length:
                var (what, value) = replacements[i];
                decoded[key] = value();
                detail = $"{key} = {what}";
                break;
            case var i when i == replacements.Length:
                decoded.Remove(key);
                detail = $"{key} removed";
                break;
            default:
                decoded["Odd\u0000Key"] = "x";
                detail = "key \"Odd\\u0000Key\" added";
                break;
        }

        var json = decoded.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return (Base64Url(Encoding.UTF8.GetBytes(json)), $"token with {detail}");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private Hostility MessageValue(FieldPlan field, Func<string, string, object?, byte[]?, Hostility> make)
    {
        var type = field.Field.MessageType;
        if (type.FullName == Timestamp.Descriptor.FullName)
        {
            var now = _now.ToUnixTimeSeconds();
            (string Kind, long Seconds, int Nanos)[] times =
            [
                ("timestamp-max-seconds", long.MaxValue, 0), ("timestamp-min-seconds", long.MinValue, 0),
                ("timestamp-last-valid", 253402300799, 999_999_999), ("timestamp-past-max", 253402300800, 0),
                ("timestamp-first-valid", -62135596800, 0), ("timestamp-before-min", -62135596801, 0), ("timestamp-epoch", 0, 0),
                ("timestamp-nanos-negative", now, -1), ("timestamp-nanos-1e9", now, 1_000_000_000), ("timestamp-nanos-max", now, int.MaxValue),
                ("timestamp-nanos-min", now, int.MinValue), ("timestamp-1999", 946684799, 0), ("timestamp-2100", 4102444800, 0),
                ("timestamp-days-ago", now - (86400 * 3), 0), ("timestamp-in-50-years", now + (86400L * 365 * 50), 0),
            ];
            if (OneIn(times.Length + 1))
            {
                return make("unset", "unset", Special.Unset, null);
            }

            var (kind, seconds, nanos) = Pick(times);
            return make(kind, $"seconds={seconds} nanos={nanos}", new Timestamp { Seconds = seconds, Nanos = nanos }, null);
        }

        if (type.FullName == Google.Protobuf.WellKnownTypes.Duration.Descriptor.FullName)
        {
            (string Kind, long Seconds, int Nanos)[] durations =
            [
                ("duration-max", 315576000000, 0), ("duration-past-max", 315576000001, 0), ("duration-min", -315576000000, 0),
                ("duration-max-seconds", long.MaxValue, 0), ("duration-min-seconds", long.MinValue, 0), ("duration-zero", 0, 0),
                ("duration-negative", -60, 0), ("duration-sign-mismatch", 1, -1), ("duration-nanos-1e9", 0, 1_000_000_000),
                ("duration-nanos-minus-1e9", 0, -1_000_000_000), ("duration-1ns", 0, 1), ("duration-nanos-max", 0, int.MaxValue),
            ];
            if (OneIn(durations.Length + 1))
            {
                return make("unset", "unset", Special.Unset, null);
            }

            var (kind, seconds, nanos) = Pick(durations);
            return make(kind, $"seconds={seconds} nanos={nanos}", new Google.Protobuf.WellKnownTypes.Duration { Seconds = seconds, Nanos = nanos }, null);
        }

        if (IsInterval(type) && OneIn(2))
        {
            var start = Ahead(2 + Next(20), 9);
            var (kind, end) = Next(3) switch
            {
                0 => ("interval-end-before-start", start.AddHours(-1)),
                1 => ("interval-empty", start),
                _ => ("interval-1000-years", start.AddYears(1000)),
            };
            var interval = (IMessage)Activator.CreateInstance(type.ClrType)!;
            type.FindFieldByName("start_time").Accessor.SetValue(interval, Timestamp.FromDateTimeOffset(start));
            type.FindFieldByName("end_time").Accessor.SetValue(interval, Timestamp.FromDateTimeOffset(end));
            return make(kind, $"{start:O} to {end:O}", interval, null);
        }

        return field.Plausible is null || OneIn(2)
            ? make("empty-message", "present, every field default", Special.Empty, null)
            : make("unset", "unset", Special.Unset, null);
    }

    private Hostility Repeated(FieldPlan field, Func<string, string, object?, byte[]?, Hostility> make)
    {
        var items = (IList<object>)field.Plausible!;
        var isMessage = field.Field.FieldType == FieldType.Message;
        var sample = items.Count > 0 ? items[0] : Single(field.Field, field.Path + "[]", null, hasBaseline: false, field.Depth);
        sample ??= isMessage ? Special.Empty : null;
        switch (Next(isMessage ? 3 : 4))
        {
            case 0 when sample is not null:
                var count = isMessage ? 1_000 : 10_000;
                return make("repeated-many", $"{count} items", Enumerable.Repeat(sample, count).ToList(), null);
            case 1 when sample is not null:
                return make("repeated-duplicates", "the same item 5 times", Enumerable.Repeat(sample, 5).ToList(), null);
            case 2 when isMessage:
                return make("repeated-empty-item", "an item with every field default", items.Append(Special.Empty).ToList(), null);
            case 3:
                var probe = new FieldPlan(field.Field, field.Path + "[]", field.Depth, sample);
                var inner = field.Field.FieldType == FieldType.String ? String(probe, make) : Scalar(field.Field, make);
                return inner.Utf8 is not null
                    ? inner with { Kind = "item " + inner.Kind }
                    : inner with { Kind = "item " + inner.Kind, Value = items.Append(inner.Value!).ToList() };
            default:
                return make("repeated-empty", "no items", new List<object>(), null);
        }
    }
}

/// <summary>Which collection a string field names, read from the names of the field, its message and the method.</summary>
internal static class Collections
{
    public static string? Expected(FieldDescriptor field, MethodDescriptor method, HostileWorld world)
    {
        if (field.Name.EndsWith("_id", StringComparison.Ordinal))
        {
            return null;
        }

        if (Match(field.Name, world) is { } direct)
        {
            return direct;
        }

        if (field.Name is not ("name" or "parent"))
        {
            return null;
        }

        return field.ContainingType == method.InputType
            ? Match(method.Name, world) ?? Match(method.Service.Name, world)
            : Match(field.ContainingType.Name, world);
    }

    /// <summary>The collection whose singular stem the text contains (the longest), or that ends with the text ("series").</summary>
    private static string? Match(string text, HostileWorld world)
    {
        var normal = Normal(text);
        return world.Names.Keys
            .Select(collection => (collection, stem: Stem(collection)))
            .Where(c => normal.Contains(c.stem, StringComparison.Ordinal) || (normal.Length >= 5 && c.stem.EndsWith(Stem(normal), StringComparison.Ordinal)))
            .OrderByDescending(c => c.stem.Length)
            .Select(c => c.collection)
            .FirstOrDefault();
    }

    private static string Normal(string text) => new(text.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());

    private static string Stem(string text)
    {
        var normal = Normal(text);
        return normal.EndsWith('s') ? normal[..^1] : normal;
    }
}
