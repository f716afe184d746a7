using Biobank.Domain;
using Biobank.Domain.Agreements;
using Biobank.Domain.Consents;
using Biobank.Domain.Failures;
using Biobank.Domain.Samples;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using Biobank.Server.Partners;
using Grpc.Core;
using Marten;
using Microsoft.Extensions.Options;
using V1 = Biobank.V1;

namespace Biobank.Server.Agreements;

/// <summary>biobank.v1.AgreementService: material transfer agreements between the partners (<see cref="AgreementDecider"/>).</summary>
public sealed class AgreementService(EventWriter writer, IQuerySession query, IOptions<DirectoryOptions> directory, TimeProvider clock)
    : V1.AgreementService.AgreementServiceBase
{
    private const string Collection = AgreementMapping.Collection;

    /// <summary>Agreements are signed for a few years; ten is the longest the store accepts.</summary>
    private static readonly TimeSpan LongestValidity = TimeSpan.FromDays(3653);

    public override Task<V1.Agreement> RegisterAgreement(V1.RegisterAgreementRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.NewName(request.AgreementId, Collection, "agreement_id");
        var agreement = request.Agreement ?? new V1.Agreement();
        if (request.Agreement is null)
        {
            checks.Add("agreement", "is required");
        }

        var provider = directory.Value.ReadOrganisation(agreement.ProviderOrganisation, "agreement.provider_organisation", checks);
        var recipient = directory.Value.ReadOrganisation(agreement.RecipientOrganisation, "agreement.recipient_organisation", checks);
        if (provider is not null && provider == recipient)
        {
            checks.Add("agreement.recipient_organisation", "must not be the provider");
        }

        var purposes = EnumList(agreement.PermittedPurposes, "agreement.permitted_purposes", checks, p => (PermittedUse)p);
        var materials = EnumList(agreement.MaterialTypes, "agreement.material_types", checks, m => (MaterialType)m);
        var sources = EnumList(agreement.SourceKinds, "agreement.source_kinds", checks, k => (SourceKind)k);
        var validity = checks.Interval(agreement.Validity, "agreement.validity");
        if (validity.Duration > LongestValidity)
        {
            checks.Add("agreement.validity", "must be at most 10 years long");
        }

        var reference = checks.Required(agreement.ExternalReference, "agreement.external_reference", 100);
        var benefitSharing = checks.Optional(agreement.AccessAndBenefitSharingReference, "agreement.access_and_benefit_sharing_reference", 200);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var state = await scope.CreateAsync(name, (Agreement? current) => AgreementDecider.Decide(
                new AgreementDecider.Register(
                    scope.Caller, scope.Now, name, provider!.Id, recipient!.Id, purposes, materials, sources, agreement.OnwardTransferAllowed,
                    validity, reference, benefitSharing),
                current));
            return state.ToApi(scope.Now);
        }, context.CancellationToken);
    }

    public override Task<V1.Agreement> RevokeAgreement(V1.RevokeAgreementRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var state = await scope.DecideExistingAsync(
                name, (Agreement current) => AgreementDecider.Decide(new AgreementDecider.Revoke(scope.Caller, scope.Now, reason), current), request.Etag);
            return state.ToApi(scope.Now);
        }, context.CancellationToken);
    }

    public override async Task<V1.Agreement> GetAgreement(V1.GetAgreementRequest request, ServerCallContext context)
    {
        ResourceNames.ParseId(request.Name, Collection, "name");
        var agreement = await query.LoadAsync<Agreement>(request.Name, context.CancellationToken) ?? throw new ResourceNotFoundException(request.Name);
        return agreement.ToApi(clock.GetUtcNow());
    }

    public override async Task<V1.ListAgreementsResponse> ListAgreements(V1.ListAgreementsRequest request, ServerCallContext context)
    {
        var party = request.Party == "" ? null : ResourceNames.ParseOrganisation(request.Party, "party");
        var state = (AgreementState)request.State;
        var now = clock.GetUtcNow();

        IQueryable<Agreement> agreements = query.Query<Agreement>();
        if (party is not null)
        {
            agreements = agreements.Where(a => a.ProviderOrganisation == party || a.RecipientOrganisation == party);
        }

        // Whether an agreement holds depends on the clock: the filter judges its validity against now.
        agreements = state switch
        {
            AgreementState.Active => agreements.Where(a => !a.Revoked && a.Validity.Start <= now && a.Validity.End > now),
            AgreementState.Revoked => agreements.Where(a => a.Revoked),
            AgreementState.Expired => agreements.Where(a => !a.Revoked && a.Validity.End <= now),
            AgreementState.NotYetValid => agreements.Where(a => !a.Revoked && a.Validity.Start > now),
            _ => agreements,
        };

        var page = await Paging.PageAsync(
            agreements, Keyset.ByName<Agreement>(a => a.Id),
            new PageRequest(request.PageSize, request.PageToken, Collection, PageRequest.FilterOf(party, state)),
            context.CancellationToken);
        var response = new V1.ListAgreementsResponse { NextPageToken = page.NextPageToken };
        response.Agreements.Add(page.Items.Select(a => a.ToApi(now)));
        return response;
    }

    /// <summary>The distinct values of a repeated enum field: at least one, each a documented value.</summary>
    private static List<TDomain> EnumList<TApi, TDomain>(IReadOnlyList<TApi> values, string field, RequestChecks checks, Func<TApi, TDomain> toDomain)
        where TApi : struct, System.Enum
    {
        if (values.Count == 0)
        {
            checks.Add(field, "must name at least one value");
        }

        return [.. values.Select((v, i) => toDomain(checks.Enum(v, $"{field}[{i}]"))).Distinct()];
    }
}
