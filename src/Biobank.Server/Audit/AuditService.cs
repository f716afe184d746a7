using Biobank.Domain.Access;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using Grpc.Core;
using V1 = Biobank.V1;

namespace Biobank.Server.Audit;

/// <summary>biobank.v1.AuditService: the event history, read-only, for auditors and admins.</summary>
public sealed class AuditService(
    EventReplay replay, AuditLog log, ResourceTimeTravel timeTravel, IntegrityVerifier verifier, IntegrityCheckpoints checkpoints, CallContext call,
    IHostApplicationLifetime lifetime)
    : V1.AuditService.AuditServiceBase
{
    /// <summary>The caller, or PERMISSION_DENIED unless an auditor or an admin.</summary>
    private Caller RequireAuditor()
    {
        var caller = call.Caller!;
        caller.RequireAnyRole(Role.Auditor, Role.Admin);
        return caller;
    }

    /// <summary>A streamed message that waits in the response for the next one.</summary>
    private static readonly WriteOptions BufferedWrite = new(WriteFlags.BufferHint);

    public override async Task ReplayEvents(V1.ReplayEventsRequest request, IServerStreamWriter<V1.AuditEvent> responseStream, ServerCallContext context)
    {
        RequireAuditor();
        var filter = ReplayFilter.Read(request);
        using var replaying = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            await replay.ReplayAsync(filter, request.ResumeAfter, request.Follow, WritePageAsync, replaying.Token);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            // The server stops: the stream ends without an error, and the caller resumes after its last position elsewhere.
        }

        // A page goes out as one flush: its events are buffered in the response and sent with the
        // last, within HTTP/2 flow control, instead of one flush for each event.
        async Task WritePageAsync(IReadOnlyList<V1.AuditEvent> page)
        {
            for (var i = 0; i < page.Count; i++)
            {
                responseStream.WriteOptions = i < page.Count - 1 ? BufferedWrite : null;
                await responseStream.WriteAsync(page[i], replaying.Token);
            }
        }
    }

    public override Task<V1.ListResourceHistoryResponse> ListResourceHistory(V1.ListResourceHistoryRequest request, ServerCallContext context)
    {
        RequireAuditor();
        var checks = new RequestChecks();
        var stream = checks.Required(request.Resource, "resource");
        checks.ThrowIfAny();
        return log.HistoryAsync(
            stream, new PageRequest(request.PageSize, request.PageToken, "resourceHistory", PageRequest.FilterOf(stream)), context.CancellationToken);
    }

    public override Task<V1.GetResourceAtResponse> GetResourceAt(V1.GetResourceAtRequest request, ServerCallContext context)
    {
        var auditor = RequireAuditor();
        var checks = new RequestChecks();
        var stream = checks.Required(request.Resource, "resource");
        if (stream != "" && !ResourceTimeTravel.Supports(stream))
        {
            checks.Add("resource", "must name an instrument, reservation, sample, consent, transfer, agreement or qualification");
        }

        if ((request.ReadTime is null) == (request.Version == 0))
        {
            checks.Add("read_time", "exactly one of read_time and version is required");
            checks.Add("version", "exactly one of read_time and version is required");
        }
        else if (request.Version < 0)
        {
            checks.Add("version", "must be 1 or more");
        }

        DateTimeOffset? time = request.ReadTime is null ? null : checks.Time(request.ReadTime, "read_time");
        checks.ThrowIfAny();
        return timeTravel.GetAsync(new ResourceTimeTravel.Request(stream, request.Version, time, auditor), context.CancellationToken);
    }

    public override Task<V1.VerifyIntegrityResponse> VerifyIntegrity(V1.VerifyIntegrityRequest request, ServerCallContext context)
    {
        RequireAuditor();
        var checks = new RequestChecks();
        var stream = checks.Optional(request.Resource, "resource");
        if (request.StartPosition < 0)
        {
            checks.Add("start_position", "must not be negative");
        }

        if (request.EndPosition < 0 || (request.EndPosition > 0 && request.EndPosition < request.StartPosition))
        {
            checks.Add("end_position", "must be 0 (no bound) or at least start_position");
        }

        checks.ThrowIfAny();
        return verifier.VerifyAsync(
            new IntegrityVerifier.Scope(stream == "" ? null : stream, request.StartPosition, request.EndPosition), context.CancellationToken);
    }

    public override Task<V1.AuditSummary> GetAuditSummary(V1.GetAuditSummaryRequest request, ServerCallContext context)
    {
        RequireAuditor();
        var checks = new RequestChecks();
        var period = checks.Interval(request.Period, "period");
        checks.ThrowIfAny();
        return log.SummaryAsync(period, context.CancellationToken);
    }

    public override Task<V1.IntegrityCheckpoint> GetIntegrityCheckpoint(V1.GetIntegrityCheckpointRequest request, ServerCallContext context)
    {
        RequireAuditor();
        if (request.Position < 0)
        {
            throw new Domain.Failures.InvalidRequestException("position", "must be 0 (the latest settled position) or a position");
        }

        return checkpoints.GetAsync(request.Position, context.CancellationToken);
    }
}
