using Biobank.Domain.Failures;
using Biobank.Domain.Samples;
using Biobank.Server.Api;
using Biobank.Server.Storage;
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

        var portions = request.Aliquots.Select((a, i) => Portion.Read(a, $"aliquots[{i}]", checks)).ToList();
        Portion.CheckDistinct(portions, "aliquots", checks);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var parent = await scope.LoadExistingAsync<Sample>(name);
            SampleDecider.RequireCustodian(scope.Caller, parent);
            await RequireDonorConsentAsync(scope, parent.Organisation, parent.Collection, parent.DonorPseudonym);
            var made = await PrepareAsync(scope, portions);
            var after = await scope.DecideAsync<Sample>(name, s => SampleDecider.Decide(
                new SampleDecider.Aliquot(scope.Caller, scope.Now, made), s!), request.Etag);
            var response = new V1.AliquotSampleResponse { Parent = after.ToApi(scope.Caller, scope.Now) };
            foreach (var portion in made)
            {
                var child = await scope.DecideAsync<Sample>(portion.SampleId, s => SampleDecider.Offspring(after, portion, after.MaterialType, scope.Now, s));
                response.Aliquots.Add(child.ToApi(scope.Caller, scope.Now));
            }

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

        var portion = Portion.Read(request.Derivative ?? new V1.SamplePortion(), "derivative", checks);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var parent = await scope.LoadExistingAsync<Sample>(name);
            SampleDecider.RequireCustodian(scope.Caller, parent);
            await RequireDonorConsentAsync(scope, parent.Organisation, parent.Collection, parent.DonorPseudonym);
            var made = (await PrepareAsync(scope, [portion]))[0];
            var after = await scope.DecideAsync<Sample>(name, s => SampleDecider.Decide(
                new SampleDecider.Derive(scope.Caller, scope.Now, taken, material, made), s!), request.Etag);
            var derivative = await scope.DecideAsync<Sample>(made.SampleId, s => SampleDecider.Offspring(after, made, material, scope.Now, s));
            return new V1.DeriveSampleResponse { Parent = after.ToApi(scope.Caller, scope.Now), Derivative = derivative.ToApi(scope.Caller, scope.Now) };
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
        return Decide(request, request.RequestId, name, scope => new SampleDecider.Use(scope.Caller, scope.Now, quantity, purpose, project), context, request.Etag);
    }

    public override Task<V1.Sample> CheckOutSample(V1.CheckOutSampleRequest request, ServerCallContext context) =>
        Decide(request, request.RequestId, CheckedName(request.Name), scope => new SampleDecider.CheckOut(scope.Caller, scope.Now), context, request.Etag);

    public override Task<V1.Sample> CheckInSample(V1.CheckInSampleRequest request, ServerCallContext context) =>
        Decide(request, request.RequestId, CheckedName(request.Name), scope => new SampleDecider.CheckIn(scope.Caller, scope.Now), context, request.Etag);

    public override Task<V1.Sample> PlaceHold(V1.PlaceHoldRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var kind = (HoldKind)checks.Enum(request.Kind, "kind");
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return Decide(
            request, request.RequestId, name,
            scope => new SampleDecider.PlaceHold(scope.Caller, scope.Now, Guid.CreateVersion7().ToString(), kind, reason), context, request.Etag);
    }

    public override Task<V1.Sample> LiftHold(V1.LiftHoldRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var hold = checks.Required(request.HoldId, "hold_id", 64);
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return Decide(request, request.RequestId, name, scope => new SampleDecider.LiftHold(scope.Caller, scope.Now, hold, reason), context, request.Etag);
    }

    public override Task<V1.Sample> DisposeSample(V1.DisposeSampleRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var method = checks.Required(request.Method, "method", 100);
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return Decide(request, request.RequestId, name, scope => new SampleDecider.Dispose(scope.Caller, scope.Now, method, reason), context, request.Etag);
    }

    public override async Task<V1.SampleLineage> GetSampleLineage(V1.GetSampleLineageRequest request, ServerCallContext context)
    {
        var name = CheckedName(request.Name);
        var sample = await query.LoadAsync<Sample>(name, context.CancellationToken) ?? throw new ResourceNotFoundException(name);
        var lineage = new V1.SampleLineage { Sample = sample.ToApi(Caller, clock.GetUtcNow()) };
        for (var (parentId, depth) = (sample.ParentId, 0); parentId is not null && depth < SampleFamily.MaxGenerations; depth++)
        {
            var parent = await query.LoadAsync<Sample>(parentId, context.CancellationToken);
            if (parent is null)
            {
                break;
            }

            lineage.Ancestors.Add(parent.ToApi(Caller, clock.GetUtcNow()));
            parentId = parent.ParentId;
        }

        lineage.Descendants.Add((await SampleFamily.DescendantsAsync(query, [sample.Id], context.CancellationToken)).Select(s => s.ToApi(Caller, clock.GetUtcNow())));
        return lineage;
    }

    private static string CheckedName(string name)
    {
        ResourceNames.ParseId(name, Collection, "name");
        return name;
    }

    /// <summary>Names, free barcodes and claimed positions of new containers, before the parent decides.</summary>
    private async Task<IReadOnlyList<SampleDecider.Portion>> PrepareAsync(WriteScope scope, IReadOnlyList<Portion> portions)
    {
        await RequireFreeBarcodesAsync(scope, [.. portions.Select(p => p.Barcode)]);
        var placed = portions.Where(p => p.Position is not null).ToList();
        var claimed = await placements.ClaimAllAsync(scope, [.. placed.Select(p => (p.Position!, p.Name))]);
        var placedByName = placed.Zip(claimed).ToDictionary(x => x.First.Name, x => x.Second);
        return [.. portions.Select(p => new SampleDecider.Portion(p.Name, p.Barcode, p.Quantity, placedByName.GetValueOrDefault(p.Name)))];
    }

    private Task<V1.Sample> Decide(
        Google.Protobuf.IMessage request, string requestId, string name, Func<WriteScope, SampleDecider.Command> command,
        ServerCallContext context, string etag = "") =>
        writer.ExecuteAsync(request, requestId, async scope =>
        {
            var state = await scope.DecideExistingAsync<Sample>(
                name, s => SampleDecider.Decide(command(scope), s), etag);
            return state.ToApi(scope.Caller, scope.Now);
        }, context.CancellationToken);

    /// <summary>A new container asked for in a request, its form checked.</summary>
    private sealed record Portion(string Name, string Barcode, Domain.Samples.Quantity Quantity, SamplePlacements.Requested? Position)
    {
        public static Portion Read(V1.SamplePortion portion, string field, RequestChecks checks) => new(
            checks.NewName(portion.SampleId, Collection, $"{field}.sample_id"),
            checks.Required(portion.Barcode, $"{field}.barcode", 64),
            SampleMapping.ReadQuantity(portion.Quantity, $"{field}.quantity", checks),
            SamplePlacements.Read(portion.StoragePosition, $"{field}.storage_position", checks));

        /// <summary>Two new containers cannot share a name, a barcode or a position.</summary>
        public static void CheckDistinct(IReadOnlyList<Portion> portions, string field, RequestChecks checks)
        {
            if (portions.Select(p => p.Name).Distinct().Count() != portions.Count)
            {
                checks.Add(field, "sample ids must be distinct");
            }

            if (portions.Select(p => p.Barcode).Distinct().Count() != portions.Count)
            {
                checks.Add(field, "barcodes must be distinct");
            }

            var positions = portions.Where(p => p.Position is not null).Select(p => (p.Position!.StorageUnit, p.Position.Position)).ToList();
            if (positions.Distinct().Count() != positions.Count)
            {
                checks.Add(field, "positions must be distinct");
            }
        }
    }
}
