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
}
