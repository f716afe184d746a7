using Biobank.Domain.Access;
using Biobank.Domain.Consents;
using Biobank.Domain.Failures;
using Biobank.Domain.Samples;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using Biobank.Server.StorageUnits;
using Grpc.Core;
using Marten;
using V1 = Biobank.V1;

namespace Biobank.Server.Samples;

/// <summary>
/// biobank.v1.SampleService: maps requests to sample commands (<see cref="SampleDecider"/>) and
/// queries. What a decision reads of the store (the sample holding a barcode, a box position and
/// its occupant, the donor's consent, locked) is read inside the change's transaction.
/// </summary>
public sealed partial class SampleService(EventWriter writer, IQuerySession query, CallContext call, TimeProvider clock)
    : V1.SampleService.SampleServiceBase
{
    private const string Collection = SampleMapping.Collection;

    public override Task<V1.Sample> RegisterSample(V1.RegisterSampleRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.NewName(request.SampleId, Collection, "sample_id");
        var sample = request.Sample ?? new V1.Sample();
        if (request.Sample is null)
        {
            checks.Add("sample", "is required");
        }

        var barcode = checks.Required(sample.Barcode, "sample.barcode", 64);
        var collection = checks.Required(sample.Collection, "sample.collection", 64);
        var source = (SourceKind)checks.Enum(sample.SourceKind, "sample.source_kind");
        var donor = SampleMapping.ReadPseudonym(sample.DonorPseudonym, "sample.donor_pseudonym", checks, source is SourceKind.Human or SourceKind.Animal);
        var species = source is SourceKind.Animal or SourceKind.Isolate
            ? checks.Required(sample.Species, "sample.species", 100)
            : checks.Optional(sample.Species, "sample.species", 100);
        var material = (MaterialType)checks.Enum(sample.MaterialType, "sample.material_type");
        var collected = checks.Time(sample.CollectionTime, "sample.collection_time");
        if (sample.CollectionTime is not null && collected > clock.GetUtcNow())
        {
            checks.Add("sample.collection_time", "must not be in the future");
        }

        var quantity = SampleMapping.ReadQuantity(sample.Quantity, "sample.quantity", checks);
        var consent = source == SourceKind.Human
            ? checks.Required(sample.ConsentReference, "sample.consent_reference", 64)
            : checks.Optional(sample.ConsentReference, "sample.consent_reference", 64);
        var sprec = checks.Optional(sample.SprecCode, "sample.sprec_code", 40);
        var position = SampleMapping.ReadPosition(sample.StoragePosition, "sample.storage_position", checks);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var holder = await SampleRegistry.HolderOfAnyAsync(scope.Session, scope.Caller.Organisation, [barcode], scope.CancellationToken);
            var donorConsent = await LockDonorConsentAsync(scope, donor == "" ? null : Consent.NameFor(scope.Caller.Organisation, collection, donor));
            var claim = position is { } p ? (await SampleRegistry.ClaimsAsync(scope.Session, [p], scope.CancellationToken))[0] : null;
            var state = await scope.CreateAsync(name, (Sample? current) => SampleDecider.Decide(
                new SampleDecider.Register(
                    scope.Caller, scope.Now, name, barcode, collection, source, donor, species, material, collected, quantity, consent, sprec,
                    claim, holder, donorConsent),
                current));
            return state.ToApi(scope.Caller, scope.Now);
        }, context.CancellationToken);
    }

    public override Task<V1.Sample> GetSample(V1.GetSampleRequest request, ServerCallContext context)
    {
        ResourceNames.ParseId(request.Name, Collection, "name");
        return ReadAsync(request.Name, context.CancellationToken);
    }

    public override async Task<V1.Sample> LookupSample(V1.LookupSampleRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var barcode = checks.Required(request.Barcode, "barcode", 64);
        var organisation = request.Organisation == "" ? null : checks.Name(request.Organisation, ResourceNames.OrganisationsCollection, "organisation");
        checks.ThrowIfAny();
        var custodian = organisation is null ? Caller.Organisation : ResourceNames.IdOf(organisation, ResourceNames.OrganisationsCollection);
        var name = await SampleRegistry.HolderOfAnyAsync(query, custodian, [barcode], context.CancellationToken)
            ?? throw new ResourceNotFoundException($"{ResourceNames.Organisation(custodian)}/barcodes/{barcode}");
        return await ReadAsync(name, context.CancellationToken);
    }

    public override async Task<V1.ListSamplesResponse> ListSamples(V1.ListSamplesRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var organisation = request.Organisation == "" ? null : ResourceNames.ParseOrganisation(request.Organisation, "organisation");
        var collection = checks.Optional(request.Collection, "collection", 64);
        var unit = request.StorageUnit == "" ? null : checks.Name(request.StorageUnit, StorageUnitMapping.Collection, "storage_unit");
        var donor = SampleMapping.ReadPseudonym(request.DonorPseudonym, "donor_pseudonym", checks, required: false);
        checks.ThrowIfAny();
        if (donor != "")
        {
            // Who gave what is for the custodian's biobank managers only, and only among their own samples.
            Caller.RequireAnyRole(Role.BiobankManager);
            organisation ??= Caller.Organisation;
            Caller.RequireOrganisation(organisation);
        }

        var material = (MaterialType)request.MaterialType;
        var source = (SourceKind)request.SourceKind;
        var state = (SampleState)request.State;

        IQueryable<Sample> samples = query.Query<Sample>();
        if (organisation is not null)
        {
            samples = samples.Where(x => x.Organisation == organisation);
        }

        if (collection != "")
        {
            samples = samples.Where(x => x.Collection == collection);
        }

        if (material != MaterialType.Unspecified)
        {
            samples = samples.Where(x => x.MaterialType == material);
        }

        if (source != SourceKind.Unspecified)
        {
            samples = samples.Where(x => x.SourceKind == source);
        }

        // An allocation lapses at its expiry without an event: the stored state says ALLOCATED
        // until the next change, so the filter judges it against the clock.
        var now = clock.GetUtcNow();
        if (state == SampleState.Allocated)
        {
            samples = samples.Where(x => x.State == SampleState.Allocated && x.Allocation!.Until > now);
        }
        else if (state == SampleState.Available)
        {
            samples = samples.Where(x => x.State == SampleState.Available || (x.State == SampleState.Allocated && x.Allocation!.Until <= now));
        }
        else if (state != SampleState.Unspecified)
        {
            samples = samples.Where(x => x.State == state);
        }

        if (unit is not null)
        {
            samples = samples.Where(x => x.StorageUnits.Contains(unit));
        }

        if (donor != "")
        {
            samples = samples.Where(x => x.DonorPseudonym == donor);
        }

        var page = await Paging.PageAsync(
            samples, Keyset.ByName<Sample>(x => x.Id),
            new PageRequest(request.PageSize, request.PageToken, Collection, PageRequest.FilterOf(organisation, collection, material, source, state, unit, donor)),
            context.CancellationToken);
        var response = new V1.ListSamplesResponse { NextPageToken = page.NextPageToken };
        response.Samples.Add(page.Items.Select(s => s.ToApi(Caller, now)));
        return response;
    }

    public override Task<V1.Sample> MoveSample(V1.MoveSampleRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var position = SampleMapping.ReadPosition(request.StoragePosition, "storage_position", checks, required: true);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var claim = (await SampleRegistry.ClaimsAsync(scope.Session, [position!.Value], scope.CancellationToken))[0];
            var state = await scope.DecideExistingAsync(
                name, (Sample current) => SampleDecider.Decide(new SampleDecider.Move(scope.Caller, scope.Now, claim), current), request.Etag);
            return state.ToApi(scope.Caller, scope.Now);
        }, context.CancellationToken);
    }

    private Caller Caller => call.Caller ?? throw new InvalidOperationException("Calls are authenticated.");

    private async Task<V1.Sample> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var sample = await query.LoadAsync<Sample>(name, cancellationToken) ?? throw new ResourceNotFoundException(name);
        return sample.ToApi(Caller, clock.GetUtcNow());
    }

    /// <summary>
    /// New material of a donor (a registration, an aliquot, a derivative) is decided on the donor's
    /// consent. The consent stays locked until this transaction commits, so a withdrawal either
    /// comes first and is seen here, or comes after and finds the new sample to hold.
    /// </summary>
    private static Task<Consent?> LockDonorConsentAsync(WriteScope scope, string? consent) =>
        consent is null ? Task.FromResult<Consent?>(null) : scope.LockAsync<Consent>(consent);
}
