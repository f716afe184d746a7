using System.Collections;
using System.Globalization;
using Biobank.Domain.Failures;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Biobank.Server.Api;

/// <summary>
/// What every request must satisfy whatever its method, checked at the edge from the contract's own
/// descriptors before a method runs: strings PostgreSQL can store (no NUL or other control characters
/// but tab and line breaks, no lone surrogates) and of bounded length, enum values the contract
/// defines, and timestamps and durations within their documented ranges. Methods check their own
/// fields' meaning and tighter limits on top of this.
/// </summary>
public static class RequestShape
{
    /// <summary>No string field of any request is longer; most fields have a tighter limit of their own.</summary>
    public const int MaxStringLength = 4096;

    /// <summary>A caller learns this many bad fields at once, however many there are.</summary>
    private const int MaxViolations = 20;

    /// <summary>INVALID_ARGUMENT with a violation per bad field, if any field breaks the shape.</summary>
    public static void Check(IMessage request)
    {
        var violations = new List<FieldViolation>();
        Walk(request, "", violations);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations);
        }
    }

    /// <summary>Whether PostgreSQL can store <paramref name="value"/> as text and it reads as the caller wrote it.</summary>
    public static bool IsStorable(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                return false;
            }
        }

        return true;
    }

    private static void Walk(IMessage message, string path, List<FieldViolation> violations)
    {
        switch (message)
        {
            case Timestamp timestamp:
                CheckTimestamp(timestamp, path, violations);
                return;
            case Duration duration:
                CheckDuration(duration, path, violations);
                return;
        }

        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            var fieldPath = path == "" ? field.Name : $"{path}.{field.Name}";
            if (field.IsMap)
            {
                var key = field.MessageType.FindFieldByNumber(1);
                var item = field.MessageType.FindFieldByNumber(2);
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    CheckValue(key, entry.Key, $"{fieldPath}.key", violations);
                    CheckValue(item, entry.Value, $"{fieldPath}.value", violations);
                }
            }
            else if (field.IsRepeated)
            {
                var index = 0;
                foreach (var item in (IList)value)
                {
                    CheckValue(field, item, $"{fieldPath}[{index++}]", violations);
                }
            }
            else
            {
                CheckValue(field, value, fieldPath, violations);
            }

            if (violations.Count >= MaxViolations)
            {
                return;
            }
        }
    }

    private static void CheckValue(FieldDescriptor field, object? value, string path, List<FieldViolation> violations)
    {
        switch (field.FieldType, value)
        {
            case (FieldType.String, string text) when text.Length > MaxStringLength:
                Add(violations, path, $"must be at most {MaxStringLength} characters");
                break;
            case (FieldType.String, string text) when !IsStorable(text):
                Add(violations, path, "must not contain NUL or other control characters, or unpaired surrogates");
                break;
            case (FieldType.Enum, not null) when field.EnumType.FindValueByNumber(Convert.ToInt32(value, CultureInfo.InvariantCulture)) is null:
                Add(violations, path, "must be one of the documented values");
                break;
            case (FieldType.Message or FieldType.Group, IMessage nested):
                Walk(nested, path, violations);
                break;
        }
    }

    private static void CheckTimestamp(Timestamp timestamp, string path, List<FieldViolation> violations)
    {
        // The range google.protobuf.Timestamp documents: 0001-01-01 to 9999-12-31 UTC.
        if (timestamp.Seconds is < -62_135_596_800 or > 253_402_300_799 || timestamp.Nanos is < 0 or > 999_999_999)
        {
            Add(violations, path, "is not a valid timestamp");
        }
    }

    private static void CheckDuration(Duration duration, string path, List<FieldViolation> violations)
    {
        // Seconds and nanos share their sign, within the range google.protobuf.Duration documents.
        if (duration.Seconds is < -315_576_000_000 or > 315_576_000_000 || duration.Nanos is < -999_999_999 or > 999_999_999
            || (duration.Seconds > 0 && duration.Nanos < 0) || (duration.Seconds < 0 && duration.Nanos > 0))
        {
            Add(violations, path, "is not a valid duration");
        }
    }

    private static void Add(List<FieldViolation> violations, string path, string description)
    {
        if (violations.Count < MaxViolations)
        {
            violations.Add(new FieldViolation(path, description));
        }
    }
}
