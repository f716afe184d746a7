using Google.Protobuf;
using Status = Google.Rpc.Status;

namespace Biobank.Server.Errors;

/// <summary>
/// Answers an HTTP/2 request with a gRPC "trailers-only" response, for failures found before a gRPC
/// method runs (authentication), so clients get a real status with its details instead of an HTTP error.
/// </summary>
public static class TrailersOnlyStatus
{
    public static Task WriteAsync(HttpResponse response, Status status)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = status.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(status.Message);
        response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
        return Task.CompletedTask;
    }
}
