using Google.Rpc;
using Grpc.Core;

namespace Biobank.Client;

/// <summary>Reads the rich error details every Biobank error carries.</summary>
public static class RpcExceptionDetails
{
    /// <summary>The <c>ErrorInfo</c> of a Biobank error, or null if the status carries none.</summary>
    public static ErrorInfo? ErrorInfo(this RpcException exception) =>
        exception.GetRpcStatus()?.GetDetail<ErrorInfo>();

    /// <summary>The <c>ErrorInfo.reason</c>, e.g. "SLOT_UNAVAILABLE", or null.</summary>
    public static string? Reason(this RpcException exception) => exception.ErrorInfo()?.Reason;

    /// <summary>The field violations of an INVALID_ARGUMENT error.</summary>
    public static IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations(this RpcException exception) =>
        exception.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.ToList() ?? [];

    /// <summary>
    /// The violations of a FAILED_PRECONDITION error: one per rule broken, its type the rule's
    /// reason and its subject the resource it is about (a release gate names each failed check and item).
    /// </summary>
    public static IReadOnlyList<PreconditionFailure.Types.Violation> PreconditionViolations(this RpcException exception) =>
        exception.GetRpcStatus()?.GetDetail<PreconditionFailure>()?.Violations.ToList() ?? [];
}
