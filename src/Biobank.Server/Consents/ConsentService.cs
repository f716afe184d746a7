using Biobank.Domain.Consents;
using Biobank.Domain.Failures;
using Biobank.Domain.Samples;
using Biobank.Server.Api;
using Biobank.Server.Samples;
using Biobank.Server.EventStore;
using Grpc.Core;
using Marten;
using V1 = Biobank.V1;

namespace Biobank.Server.Consents;

/// <summary>biobank.v1.ConsentService: donors' consents and their withdrawal.</summary>
public sealed class ConsentService(EventWriter writer, IQuerySession query, CallContext call) : V1.ConsentService.ConsentServiceBase
{
    private const string Collection = "consents";

    public override Task<V1.Consent> RecordConsent(V1.RecordConsentRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var consent = request.Consent ?? new V1.Consent();
        if (request.Consent is null)
        {
            checks.Add("consent", "is required");
        }

        var donor = SampleMapping.ReadPseudonym(consent.DonorPseudonym, "consent.donor_pseudonym", checks, required: true);
        var collection = checks.Required(consent.Collection, "consent.collection", 64);
        var version = checks.Required(consent.DocumentVersion, "consent.document_version", 64);
        var uses = consent.PermittedUses.Select((u, i) => (PermittedUse)checks.Enum(u, $"consent.permitted_uses[{i}]")).ToList();
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var name = Consent.NameFor(scope.Caller.Organisation, collection, donor);
            var state = await scope.CreateAsync(name, (Consent? current) => ConsentDecider.Decide(
                new ConsentDecider.Record(scope.Caller, scope.Now, donor, collection, version, uses), current));
            return state.ToApi();
        }, context.CancellationToken);
    }

    public override Task<V1.Consent> GetConsent(V1.GetConsentRequest request, ServerCallContext context)
    {
        ResourceNames.ParseId(request.Name, Collection, "name");
        return ReadAsync(request.Name, context.CancellationToken);
    }

    public override Task<V1.Consent> LookupConsent(V1.LookupConsentRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var donor = SampleMapping.ReadPseudonym(request.DonorPseudonym, "donor_pseudonym", checks, required: true);
        var collection = checks.Required(request.Collection, "collection", 64);
        checks.ThrowIfAny();
        return ReadAsync(Consent.NameFor(call.Caller!.Organisation, collection, donor), context.CancellationToken);
    }

    private async Task<V1.Consent> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var caller = call.Caller!;
        ConsentDecider.RequireReader(caller);
        var consent = await query.LoadAsync<Consent>(name, cancellationToken);

        // Another organisation's consent is reported as absent: its existence says who gave material.
        return consent is null || consent.Organisation != caller.Organisation ? throw new ResourceNotFoundException(name) : consent.ToApi();
    }

    public override Task<V1.WithdrawConsentResponse> WithdrawConsent(V1.WithdrawConsentRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var scopeOfWithdrawal = (WithdrawalScope)checks.Enum(request.Scope, "scope");
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            // Another organisation's consent is absent to the caller, before any lock is taken:
            // neither its existence nor its stream are theirs to probe.
            var current = await scope.LoadAsync<Consent>(name);
            if (current is null || current.Organisation != scope.Caller.Organisation)
            {
                throw new ResourceNotFoundException(name);
            }

            var consent = await scope.DecideExistingAsync(name, (Consent current) => ConsentDecider.Decide(
                new ConsentDecider.Withdraw(scope.Caller, scope.Now, scopeOfWithdrawal, reason), current), request.Etag, exclusive: true);

            // The donor's samples in the collection and everything made from them, read after the
            // consent's lock is taken, so a registration for this donor either committed before
            // (and is read here) or waits and then sees the withdrawal. Each hold is a decision on
            // that sample's stream: a concurrent split or use loses its race and decides again.
            var response = new V1.WithdrawConsentResponse { Consent = consent.ToApi() };
            var hold = new SampleDecider.HoldForConsentReview(scope.Caller, scope.Now, Guid.CreateVersion7().ToString(), consent.ReviewHoldReason(reason));
            foreach (var sample in await SampleFamily.OfDonorAsync(scope.Session, consent, scope.CancellationToken))
            {
                var held = false;
                await scope.DecideExistingAsync(sample, (Sample current) =>
                {
                    var events = SampleDecider.Decide(hold, current);
                    held = events.Count > 0;
                    return events;
                });
                if (held)
                {
                    response.HeldSamples.Add(sample);
                }
            }

            return response;
        }, context.CancellationToken);
    }
}
