namespace Biobank.Domain.Failures;

/// <summary>
/// A failure the caller can act on. Each subclass maps to one gRPC status code; the reason is one of
/// <see cref="ErrorReasons"/> and the metadata carries the dynamic values a client needs.
/// </summary>
public abstract class DomainFailureException(
    string reason, string message, IReadOnlyDictionary<string, string>? metadata = null)
    : Exception(message)
{
    public string Reason { get; } = reason;

    public IReadOnlyDictionary<string, string> Metadata { get; } =
        metadata ?? new Dictionary<string, string>();
}

/// <summary>Malformed input: INVALID_ARGUMENT with one violation per bad field.</summary>
public sealed class InvalidRequestException(
    IReadOnlyList<FieldViolation> violations,
    string reason = ErrorReasons.InvalidFields,
    IReadOnlyDictionary<string, string>? metadata = null)
    : DomainFailureException(reason, string.Join(" ", violations.Select(v => $"{v.Field}: {v.Description}")), metadata)
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;

    public InvalidRequestException(string field, string description)
        : this([new FieldViolation(field, description)])
    {
    }
}

/// <summary>A request whose fields are well-formed but that breaks a business rule: FAILED_PRECONDITION.</summary>
public sealed class RuleViolationException(
    string reason, string message, IReadOnlyDictionary<string, string>? metadata = null)
    : DomainFailureException(reason, message, metadata);

/// <summary>The named resource does not exist: NOT_FOUND.</summary>
public sealed class ResourceNotFoundException(string name)
    : DomainFailureException(
        ErrorReasons.ResourceNotFound,
        $"'{name}' was not found.",
        new Dictionary<string, string> { ["name"] = name });

/// <summary>A resource with that name or unique key already exists: ALREADY_EXISTS.</summary>
public sealed class ResourceAlreadyExistsException(string name, string message)
    : DomainFailureException(
        ErrorReasons.ResourceAlreadyExists,
        message,
        new Dictionary<string, string> { ["name"] = name });

/// <summary>The caller may not do this: PERMISSION_DENIED.</summary>
public sealed class PermissionDeniedException(
    string reason, string message, IReadOnlyDictionary<string, string>? metadata = null)
    : DomainFailureException(reason, message, metadata);

/// <summary>The caller's etag is stale, or a concurrent change kept winning: ABORTED.</summary>
public sealed class ConflictException(
    string reason, string message, IReadOnlyDictionary<string, string>? metadata = null)
    : DomainFailureException(reason, message, metadata);

/// <summary>A bad field of a request.</summary>
public sealed record FieldViolation(string Field, string Description);
