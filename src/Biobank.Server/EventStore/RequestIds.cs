using Biobank.Domain.Failures;

namespace Biobank.Server.EventStore;

public static class RequestIds
{
    /// <summary>The request id in canonical form (lower-case UUID), or INVALID_ARGUMENT on request_id.</summary>
    public static string Parse(string requestId) =>
        Guid.TryParse(requestId, out var id)
            ? id.ToString("D")
            : throw new InvalidRequestException("request_id", "is required and must be a UUID");
}
