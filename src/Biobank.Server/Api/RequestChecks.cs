using Biobank.Domain;
using Biobank.Domain.Failures;
using Google.Protobuf.WellKnownTypes;

namespace Biobank.Server.Api;

/// <summary>
/// Collects the field violations of one request, so a caller learns every bad field at once, then
/// fails with INVALID_ARGUMENT if there were any.
/// </summary>
public sealed class RequestChecks
{
    /// <summary>Times outside these years are taken for mistakes.</summary>
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<FieldViolation> _violations = [];

    public void Add(string field, string description) => _violations.Add(new FieldViolation(field, description));

    public void Add(IEnumerable<FieldViolation> violations) => _violations.AddRange(violations);

    public string Required(string value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
        }

        return value.Trim();
    }

    public string Optional(string value, string field, int maxLength = 200)
    {
        if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
        }

        return value.Trim();
    }

    /// <summary>
    /// A resource name of the form "{collection}/{id}", or "" with a violation: callers may take the
    /// id of any name this returns.
    /// </summary>
    public string Name(string value, string collection, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(field, "is required");
            return "";
        }

        if (!ResourceNames.IsNameIn(value, collection))
        {
            Add(field, $"must be a resource name of the form '{collection}/{{id}}'");
            return "";
        }

        return value;
    }

    /// <summary>A caller-chosen id, or a fresh UUIDv7 when empty; returned as the resource name.</summary>
    public string NewName(string id, string collection, string field)
    {
        if (id == "")
        {
            return $"{collection}/{Guid.CreateVersion7()}";
        }

        if (!ResourceNames.IsValidId(id))
        {
            Add(field, "must be 1-63 lower-case letters, digits or hyphens");
        }

        return $"{collection}/{id}";
    }

    public TEnum Enum<TEnum>(TEnum value, string field) where TEnum : struct, System.Enum
    {
        if (Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 0 || !System.Enum.IsDefined(value))
        {
            Add(field, "is required and must be one of the documented values");
        }

        return value;
    }

    public DateTimeOffset Time(Timestamp? value, string field) => ValidTime(value, field) ?? default;

    public Interval Interval(Biobank.V1.TimeInterval? value, string field)
    {
        if (value is null)
        {
            Add(field, "is required");
            return default;
        }

        var start = ValidTime(value.StartTime, $"{field}.start_time");
        var end = ValidTime(value.EndTime, $"{field}.end_time");
        if (start is not null && end is not null && end <= start)
        {
            Add($"{field}.end_time", "must be after start_time");
        }

        return new Interval(start ?? default, end ?? default);
    }

    /// <summary>The time, or null with a violation when it is missing or out of range.</summary>
    private DateTimeOffset? ValidTime(Timestamp? value, string field)
    {
        if (value is null)
        {
            Add(field, "is required");
            return null;
        }

        if (value.Nanos is < 0 or > 999_999_999 || value.Seconds < Earliest.ToUnixTimeSeconds() || value.Seconds >= Latest.ToUnixTimeSeconds())
        {
            Add(field, "must be a valid time between the years 2000 and 2100");
            return null;
        }

        return value.ToDateTimeOffset();
    }

    /// <summary>The duration, or <paramref name="fallback"/> when unset; <see cref="RequestShape"/> has checked its range.</summary>
    public static TimeSpan Duration(Duration? value, TimeSpan fallback) => value?.ToTimeSpan() ?? fallback;

    public void ThrowIfAny()
    {
        if (_violations.Count > 0)
        {
            throw new InvalidRequestException(_violations);
        }
    }
}
