using Biobank.Domain.Failures;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Status = Google.Rpc.Status;

namespace Biobank.Server.Errors;

/// <summary>Builds the rich <c>google.rpc.Status</c> every Biobank error carries.</summary>
public static class RpcErrors
{
    public const string Domain = "biobank";

    /// <summary>
    /// Errors travel in trailers, which clients commonly cap at 8 KB: what an error echoes of the
    /// request (names, barcodes, messages quoting them) is cut to these lengths, so a long value
    /// never turns a clear refusal into RESOURCE_EXHAUSTED.
    /// </summary>
    private const int MaxMessageLength = 1000;
    private const int MaxValueLength = 256;
    private const int MaxViolations = 20;

    public static Status Status(StatusCode code, string reason, string message, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                info.Metadata[key] = Bounded(value, MaxValueLength);
            }
        }

        return new Status { Code = (int)code, Message = Bounded(message, MaxMessageLength), Details = { Any.Pack(info) } };
    }

    /// <summary>The status a domain failure is reported with.</summary>
    public static Status From(DomainFailureException failure)
    {
        var code = failure switch
        {
            InvalidRequestException => StatusCode.InvalidArgument,
            RuleViolationException => StatusCode.FailedPrecondition,
            ResourceNotFoundException => StatusCode.NotFound,
            ResourceAlreadyExistsException => StatusCode.AlreadyExists,
            PermissionDeniedException => StatusCode.PermissionDenied,
            ConflictException => StatusCode.Aborted,
            _ => StatusCode.FailedPrecondition,
        };
        var metadata = failure.Facts.ToDictionary(f => f.Key, f => ApiSpelling.Of(f.Value), StringComparer.Ordinal);
        var status = Status(code, failure.Reason, failure.Message, metadata);
        switch (failure)
        {
            case InvalidRequestException invalid:
                var badRequest = new BadRequest();
                badRequest.FieldViolations.Add(invalid.Violations.Take(MaxViolations).Select(v =>
                    new BadRequest.Types.FieldViolation { Field = Bounded(v.Field, MaxValueLength), Description = Bounded(v.Description, MaxValueLength) }));
                status.Details.Add(Any.Pack(badRequest));
                break;
            case RuleViolationException rule:
                var precondition = new PreconditionFailure();
                precondition.Violations.Add(rule.Violations.Take(MaxViolations).Select(v => new PreconditionFailure.Types.Violation
                {
                    Type = v.Type,
                    Subject = Bounded(v.Subject, MaxValueLength),
                    Description = Bounded(v.Description, MaxMessageLength),
                }));
                status.Details.Add(Any.Pack(precondition));
                break;
        }

        return status;
    }

    private static string Bounded(string value, int length)
    {
        if (value.Length <= length)
        {
            return value;
        }

        var cut = char.IsHighSurrogate(value[length - 2]) ? length - 2 : length - 1;
        return string.Concat(value.AsSpan(0, cut), "…");
    }
}
