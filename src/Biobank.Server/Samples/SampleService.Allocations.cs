using Biobank.Domain.Consents;
using Biobank.Domain.Failures;
using Biobank.Domain.Samples;
using Biobank.Server.Api;
using Grpc.Core;
using Marten;
using V1 = Biobank.V1;

namespace Biobank.Server.Samples;

/// <summary>Allocating samples for a project, all or none, and releasing them.</summary>
public sealed partial class SampleService
{
    public override Task<V1.AllocateSamplesResponse> AllocateSamples(V1.AllocateSamplesRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        if (request.Samples.Count is < 1 or > Paging.MaxPageSize)
        {
            checks.Add("samples", $"must name 1-{Paging.MaxPageSize} samples");
        }

        var names = request.Samples.Select((n, i) => checks.Name(n, Collection, $"samples[{i}]")).ToList();
        if (names.Distinct().Count() != names.Count)
        {
            checks.Add("samples", "must be distinct");
        }

        var project = checks.Required(request.Project, "project", 64);
        var uses = request.DeclaredUses.Select((u, i) => (PermittedUse)checks.Enum(u, $"declared_uses[{i}]")).ToList();
        var until = checks.Time(request.ExpireTime, "expire_time");
        if (request.ExpireTime is not null && until <= clock.GetUtcNow())
        {
            checks.Add("expire_time", "must be in the future");
        }

        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var allocationId = Guid.CreateVersion7().ToString();
            var samples = await scope.LoadManyAsync<Sample>(names, s => s.Id);

            // Loaded even without declared uses: a withdrawn consent refuses every allocation.
            var consents = await scope.LoadManyAsync<Consent>(samples.Values.Select(s => s.DonorConsent).OfType<string>(), c => c.Id);
            var response = new V1.AllocateSamplesResponse { AllocationId = allocationId };

            // One transaction for all: the first sample that cannot be allocated fails the request,
            // and none of the others' events is saved.
            foreach (var name in names)
            {
                var consent = samples.GetValueOrDefault(name)?.DonorConsent is { } donor ? consents.GetValueOrDefault(donor) : null;
                var allocated = await scope.DecideExistingAsync(name, (Sample current) => SampleDecider.Decide(
                    new SampleDecider.Allocate(scope.Caller, scope.Now, allocationId, project, until, uses, consent), current));
                response.Samples.Add(allocated.ToApi(scope.Caller, scope.Now));
            }

            return response;
        }, context.CancellationToken);
    }

    public override Task<V1.ReleaseSampleAllocationResponse> ReleaseSampleAllocation(V1.ReleaseSampleAllocationRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var allocationId = checks.Required(request.AllocationId, "allocation_id", 64);
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var organisation = scope.Caller.Organisation;
            var held = await scope.Session.Query<Sample>()
                .Where(s => s.Organisation == organisation && s.Allocation != null && s.Allocation.AllocationId == allocationId)
                .OrderBy(s => s.Id)
                .Select(s => s.Id)
                .ToListAsync(scope.CancellationToken);
            var response = new V1.ReleaseSampleAllocationResponse();
            foreach (var name in held)
            {
                var released = false;
                var state = await scope.DecideExistingAsync(name, (Sample current) =>
                {
                    var events = SampleDecider.Decide(new SampleDecider.Release(scope.Caller, scope.Now, allocationId, reason), current);
                    released = events.Count > 0;
                    return events;
                });
                if (released)
                {
                    response.Samples.Add(state.ToApi(scope.Caller, scope.Now));
                }
            }

            return response;
        }, context.CancellationToken);
    }
}
