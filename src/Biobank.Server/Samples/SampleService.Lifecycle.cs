using Biobank.Domain.Failures;
using Biobank.Domain.Samples;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using Grpc.Core;
using Marten;
using V1 = Biobank.V1;

namespace Biobank.Server.Samples;

/// <summary>What happens to a sample after registration: splits, derivatives, use, check-out, holds, disposal, lineage.</summary>
public sealed partial class SampleService
{
    /// <summary>A 384-well plate is the largest split a single request makes.</summary>
    private const int MaxAliquots = 384;

    public override Task<V1.AliquotSampleResponse> AliquotSample(V1.AliquotSampleRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        if (request.Aliquots.Count is < 1 or > MaxAliquots)
        {
            checks.Add("aliquots", $"must hold 1-{MaxAliquots} aliquots");
        }

        var portions = request.Aliquots.Select((a, i) => NewContainer.Read(a, $"aliquots[{i}]", checks)).ToList();
        NewContainer.CheckDistinct(portions, "aliquots", checks);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var (made, holder, consent) = await SplitFactsAsync(scope, name, portions);
            var offspring = await SplitAsync(scope, name, request.Etag, new SampleDecider.Aliquot(scope.Caller, scope.Now, made, holder, consent));
            var response = new V1.AliquotSampleResponse { Parent = offspring.Parent.ToApi(scope.Caller, scope.Now) };
            response.Aliquots.Add(offspring.Children.Select(c => c.ToApi(scope.Caller, scope.Now)));
            return response;
        }, context.CancellationToken);
    }

    public override Task<V1.DeriveSampleResponse> DeriveSample(V1.DeriveSampleRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var taken = SampleMapping.ReadQuantity(request.Taken, "taken", checks);
        var material = (MaterialType)checks.Enum(request.MaterialType, "material_type");
        if (request.Derivative is null)
        {
            checks.Add("derivative", "is required");
        }

        var portion = NewContainer.Read(request.Derivative ?? new V1.SamplePortion(), "derivative", checks);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var (made, holder, consent) = await SplitFactsAsync(scope, name, [portion]);
            var offspring = await SplitAsync(
                scope, name, request.Etag, new SampleDecider.Derive(scope.Caller, scope.Now, taken, material, made[0], holder, consent));
            return new V1.DeriveSampleResponse
            {
                Parent = offspring.Parent.ToApi(scope.Caller, scope.Now), Derivative = offspring.Children[0].ToApi(scope.Caller, scope.Now),
            };
        }, context.CancellationToken);
    }

    public override Task<V1.Sample> RecordSampleUse(V1.RecordSampleUseRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var quantity = SampleMapping.ReadQuantity(request.Quantity, "quantity", checks);
        var purpose = checks.Required(request.Purpose, "purpose", 500);
        var project = checks.Optional(request.Project, "project", 64);
        checks.ThrowIfAny();
        return DecideAsync(request, request.RequestId, name, request.Etag, scope => new SampleDecider.Use(scope.Caller, scope.Now, quantity, purpose, project), context);
    }

    public override Task<V1.Sample> CheckOutSample(V1.CheckOutSampleRequest request, ServerCallContext context) =>
        DecideAsync(request, request.RequestId, ResourceNames.Parse(request.Name, Collection), request.Etag, scope => new SampleDecider.CheckOut(scope.Caller, scope.Now), context);

    public override Task<V1.Sample> CheckInSample(V1.CheckInSampleRequest request, ServerCallContext context) =>
        DecideAsync(request, request.RequestId, ResourceNames.Parse(request.Name, Collection), request.Etag, scope => new SampleDecider.CheckIn(scope.Caller, scope.Now), context);

    public override Task<V1.Sample> PlaceHold(V1.PlaceHoldRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var kind = (HoldKind)checks.Enum(request.Kind, "kind");
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return DecideAsync(
            request, request.RequestId, name, request.Etag,
            scope => new SampleDecider.PlaceHold(scope.Caller, scope.Now, Guid.CreateVersion7().ToString(), kind, reason), context);
    }

    public override Task<V1.Sample> LiftHold(V1.LiftHoldRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var hold = checks.Required(request.HoldId, "hold_id", 64);
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return DecideAsync(request, request.RequestId, name, request.Etag, scope => new SampleDecider.LiftHold(scope.Caller, scope.Now, hold, reason), context);
    }

    public override Task<V1.Sample> DisposeSample(V1.DisposeSampleRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var method = checks.Required(request.Method, "method", 100);
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return DecideAsync(request, request.RequestId, name, request.Etag, scope => new SampleDecider.Dispose(scope.Caller, scope.Now, method, reason), context);
    }

    public override async Task<V1.SampleLineage> GetSampleLineage(V1.GetSampleLineageRequest request, ServerCallContext context)
    {
        var name = ResourceNames.Parse(request.Name, Collection);
        var now = clock.GetUtcNow();
        var sample = await query.LoadAsync<Sample>(name, context.CancellationToken) ?? throw new ResourceNotFoundException(name);
        var lineage = new V1.SampleLineage { Sample = sample.ToApi(Caller, now) };
        for (var (parentId, depth) = (sample.ParentId, 0); parentId is not null && depth < Sample.MaxGenerations; depth++)
        {
            var parent = await query.LoadAsync<Sample>(parentId, context.CancellationToken);
            if (parent is null)
            {
                break;
            }

            lineage.Ancestors.Add(parent.ToApi(Caller, now));
            parentId = parent.ParentId;
        }

        lineage.Descendants.Add((await SampleFamily.DescendantsAsync(query, [sample.Id], context.CancellationToken)).Select(s => s.ToApi(Caller, now)));
        return lineage;
    }

    /// <summary>
    /// What a split reads of the store: the positions asked for, a sample already labelled with
    /// one of the new barcodes, and the donor's consent, locked.
    /// </summary>
    private static async Task<(IReadOnlyList<Portion> Portions, string? BarcodeHolder, Domain.Consents.Consent? Consent)> SplitFactsAsync(
        WriteScope scope, string parent, IReadOnlyList<NewContainer> containers)
    {
        var sample = await scope.LoadExistingAsync<Sample>(parent);
        var holder = await SampleRegistry.HolderOfAnyAsync(scope.Session, scope.Caller.Organisation, [.. containers.Select(c => c.Barcode)], scope.CancellationToken);
        var claims = await SampleRegistry.ClaimsAsync(
            scope.Session, [.. containers.Where(c => c.Position is not null).Select(c => c.Position!.Value)], scope.CancellationToken);
        var claimed = containers.Where(c => c.Position is not null).Zip(claims).ToDictionary(x => x.First.Name, x => x.Second);
        var consent = await LockDonorConsentAsync(scope, sample.DonorConsent);
        return ([.. containers.Select(c => new Portion(c.Name, c.Barcode, c.Quantity, claimed.GetValueOrDefault(c.Name)))], holder, consent);
    }

    /// <summary>Decides the split on the parent and starts each new container's stream, in one transaction.</summary>
    private static async Task<(Sample Parent, IReadOnlyList<Sample> Children)> SplitAsync(
        WriteScope scope, string parent, string etag, SampleDecider.Command split)
    {
        Offspring? offspring = null;
        var after = await scope.DecideExistingAsync(parent, (Sample current) =>
        {
            offspring = SampleDecider.Split(split, current);
            return offspring.ParentEvents;
        }, etag);
        var children = new List<Sample>();
        foreach (var child in offspring!.Children)
        {
            children.Add(await scope.StartAsync<Sample, SampleEvent>(child.SampleId, child));
        }

        return (after, children);
    }

    private Task<V1.Sample> DecideAsync(
        Google.Protobuf.IMessage request, string requestId, string name, string etag, Func<WriteScope, SampleDecider.Command> command,
        ServerCallContext context) =>
        writer.ExecuteAsync(request, requestId, async scope =>
        {
            var state = await scope.DecideExistingAsync(name, (Sample current) => SampleDecider.Decide(command(scope), current), etag);
            return state.ToApi(scope.Caller, scope.Now);
        }, context.CancellationToken);

    /// <summary>A new container asked for in a request, its form checked.</summary>
    private sealed record NewContainer(string Name, string Barcode, Quantity Quantity, (string StorageUnit, string Position)? Position)
    {
        public static NewContainer Read(V1.SamplePortion portion, string field, RequestChecks checks) => new(
            checks.NewName(portion.SampleId, Collection, $"{field}.sample_id"),
            checks.Required(portion.Barcode, $"{field}.barcode", 64),
            SampleMapping.ReadQuantity(portion.Quantity, $"{field}.quantity", checks),
            SampleMapping.ReadPosition(portion.StoragePosition, $"{field}.storage_position", checks));

        /// <summary>Two new containers cannot share a name, a barcode or a position.</summary>
        public static void CheckDistinct(IReadOnlyList<NewContainer> containers, string field, RequestChecks checks)
        {
            if (containers.Select(c => c.Name).Distinct().Count() != containers.Count)
            {
                checks.Add(field, "sample ids must be distinct");
            }

            if (containers.Select(c => c.Barcode).Distinct().Count() != containers.Count)
            {
                checks.Add(field, "barcodes must be distinct");
            }

            var positions = containers.Where(c => c.Position is not null).Select(c => c.Position!.Value).ToList();
            if (positions.Distinct().Count() != positions.Count)
            {
                checks.Add(field, "positions must be distinct");
            }
        }
    }
}
