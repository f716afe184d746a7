using Biobank.Domain.Access;

namespace Biobank.Server.EventStore;

/// <summary>
/// What the current gRPC call contributes to every event it appends: the caller, the correlation id
/// (trace id or the caller's <c>x-correlation-id</c>) and the request id, which is also the causation id.
/// Filled by <see cref="Errors.CallInterceptor"/> and the request-id handling; read by
/// <see cref="AuditedSessionFactory"/>.
/// </summary>
public sealed class CallContext
{
    public Caller? Caller { get; set; }

    public string? CorrelationId { get; set; }

    public string? RequestId { get; set; }

    /// <summary>The full gRPC method name, e.g. "/biobank.v1.ReservationService/CreateReservation".</summary>
    public string? Method { get; set; }
}
