namespace Biobank.Domain.Failures;

/// <summary>
/// A failure the caller can act on. Each subclass maps to one gRPC status code; the reason is one of
/// <see cref="ErrorReasons"/> and the facts are the values a client needs to act on it (names,
/// states, times, amounts), in the domain's own types: the API layer spells them for the wire.
/// </summary>
public abstract class DomainFailureException(
    string reason, string message, IReadOnlyDictionary<string, object>? facts = null)
    : Exception(message)
{
    public string Reason { get; } = reason;

    public IReadOnlyDictionary<string, object> Facts { get; } = facts ?? new Dictionary<string, object>();

    /// <summary>Facts given as pairs, in the order a reader expects them.</summary>
    protected static IReadOnlyDictionary<string, object> FactsOf((string Key, object Value)[] facts) =>
        facts.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
}

/// <summary>Malformed input: INVALID_ARGUMENT with one violation per bad field.</summary>
public sealed class InvalidRequestException(
    IReadOnlyList<FieldViolation> violations,
    string reason = ErrorReasons.InvalidFields,
    IReadOnlyDictionary<string, object>? facts = null)
    : DomainFailureException(reason, string.Join(" ", violations.Select(v => $"{v.Field}: {v.Description}")), facts)
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;

    public InvalidRequestException(string field, string description)
        : this([new FieldViolation(field, description)])
    {
    }
}

/// <summary>
/// A request whose fields are well-formed but that breaks business rules: FAILED_PRECONDITION,
/// with one violation per rule broken (by default the one its reason names).
/// </summary>
public sealed class RuleViolationException : DomainFailureException
{
    public RuleViolationException(string reason, string message, IReadOnlyDictionary<string, object>? facts = null, IReadOnlyList<RuleViolation>? violations = null)
        : base(reason, message, facts)
    {
        Violations = violations ?? [new RuleViolation(reason, Facts.TryGetValue("name", out var name) ? name.ToString() ?? "" : "", message)];
    }

    public RuleViolationException(string reason, string message, params (string Key, object Value)[] facts)
        : this(reason, message, FactsOf(facts))
    {
    }

    /// <summary>Each rule broken: its reason, what it is about (a resource name) and why.</summary>
    public IReadOnlyList<RuleViolation> Violations { get; }
}

/// <summary>One broken rule of a <see cref="RuleViolationException"/>.</summary>
public sealed record RuleViolation(string Type, string Subject, string Description);

/// <summary>The named resource does not exist: NOT_FOUND.</summary>
public sealed class ResourceNotFoundException(string name)
    : DomainFailureException(ErrorReasons.ResourceNotFound, $"'{name}' was not found.", new Dictionary<string, object> { ["name"] = name });

/// <summary>A resource with that name or unique key already exists: ALREADY_EXISTS.</summary>
public sealed class ResourceAlreadyExistsException(string name, string message)
    : DomainFailureException(ErrorReasons.ResourceAlreadyExists, message, new Dictionary<string, object> { ["name"] = name });

/// <summary>The caller may not do this: PERMISSION_DENIED.</summary>
public sealed class PermissionDeniedException(string reason, string message, params (string Key, object Value)[] facts)
    : DomainFailureException(reason, message, FactsOf(facts));

/// <summary>The caller's etag is stale, or a concurrent change kept winning: ABORTED.</summary>
public sealed class ConflictException(string reason, string message, params (string Key, object Value)[] facts)
    : DomainFailureException(reason, message, FactsOf(facts));

/// <summary>A bad field of a request.</summary>
public sealed record FieldViolation(string Field, string Description);
