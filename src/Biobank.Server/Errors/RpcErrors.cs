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

    public static Status Status(StatusCode code, string reason, string message, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                info.Metadata[key] = value;
            }
        }

        return new Status { Code = (int)code, Message = message, Details = { Any.Pack(info) } };
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
        var status = Status(code, failure.Reason, failure.Message, failure.Metadata);
        switch (failure)
        {
            case InvalidRequestException invalid:
                var badRequest = new BadRequest();
                badRequest.FieldViolations.Add(invalid.Violations.Select(v =>
                    new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
                status.Details.Add(Any.Pack(badRequest));
                break;
            case RuleViolationException rule:
                var precondition = new PreconditionFailure();
                precondition.Violations.Add(new PreconditionFailure.Types.Violation
                {
                    Type = rule.Reason,
                    Subject = rule.Metadata.TryGetValue("name", out var name) ? name : "",
                    Description = rule.Message,
                });
                status.Details.Add(Any.Pack(precondition));
                break;
        }

        return status;
    }
}
