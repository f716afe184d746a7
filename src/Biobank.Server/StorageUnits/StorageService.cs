using Biobank.Domain.Access;
using Biobank.Domain.Failures;
using Biobank.Domain.StorageUnits;
using Biobank.Server.Api;
using Biobank.Server.Partners;
using Biobank.Server.Samples;
using Biobank.Server.EventStore;
using Grpc.Core;
using Marten;
using Microsoft.Extensions.Options;
using V1 = Biobank.V1;

namespace Biobank.Server.StorageUnits;

/// <summary>biobank.v1.StorageService: storage units and the free positions of their boxes.</summary>
public sealed class StorageService(EventWriter writer, IQuerySession query, IOptions<DirectoryOptions> directory, CallContext call)
    : V1.StorageService.StorageServiceBase
{
    private const string Collection = StorageUnitMapping.Collection;

    private static readonly Keyset<StorageUnit> ByName = Keyset.ByName<StorageUnit>(x => x.Id);

    public override Task<V1.StorageUnit> CreateStorageUnit(V1.CreateStorageUnitRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.NewName(request.StorageUnitId, Collection, "storage_unit_id");
        var unit = request.StorageUnit ?? new V1.StorageUnit();
        if (request.StorageUnit is null)
        {
            checks.Add("storage_unit", "is required");
        }

        var displayName = checks.Required(unit.DisplayName, "storage_unit.display_name");
        var kind = (StorageUnitKind)checks.Enum(unit.Kind, "storage_unit.kind");
        var parent = unit.Parent == "" ? null : checks.Name(unit.Parent, Collection, "storage_unit.parent");
        var site = unit.Site == "" && parent is not null ? null : directory.Value.ReadSite(unit.Site, "storage_unit.site", checks);
        if (unit.TemperatureBand != V1.TemperatureBand.Unspecified || parent is null)
        {
            checks.Enum(unit.TemperatureBand, "storage_unit.temperature_band");
        }

        if (kind == StorageUnitKind.Box)
        {
            if (unit.Rows is < 1 or > GridPosition.MaxRows)
            {
                checks.Add("storage_unit.rows", $"must be 1-{GridPosition.MaxRows} for a box");
            }

            if (unit.Columns is < 1 or > GridPosition.MaxColumns)
            {
                checks.Add("storage_unit.columns", $"must be 1-{GridPosition.MaxColumns} for a box");
            }
        }
        else if (unit.Rows != 0 || unit.Columns != 0)
        {
            checks.Add("storage_unit.rows", "only boxes have a grid of positions");
        }

        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var container = parent is null ? null : await scope.LoadExistingAsync<StorageUnit>(parent);
            var state = await scope.CreateAsync(name, (StorageUnit? current) => StorageUnitDecider.Decide(
                new StorageUnitDecider.Create(
                    scope.Caller, scope.Now, name, displayName, kind, site?.Id, site?.Organisation, container,
                    unit.Rows, unit.Columns, (TemperatureBand)unit.TemperatureBand),
                current));
            return state.ToApi(occupied: 0);
        }, context.CancellationToken);
    }

    public override async Task<V1.StorageUnit> GetStorageUnit(V1.GetStorageUnitRequest request, ServerCallContext context)
    {
        ResourceNames.ParseId(request.Name, Collection, "name");
        var unit = await query.LoadAsync<StorageUnit>(request.Name, context.CancellationToken)
            ?? throw new ResourceNotFoundException(request.Name);
        var occupied = unit.Kind == StorageUnitKind.Box
            ? await SampleRegistry.OccupiedAsync(query, [unit.Id], context.CancellationToken)
            : [];
        var order = unit.Positions().Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var response = unit.ToApi(occupied.Count);

        // Which sample sits where is the custodian's (and auditors') to know; others see only how full a box is.
        if (call.Caller is not { } viewer || (viewer.Organisation != unit.Organisation && !viewer.Has(Role.Auditor)))
        {
            return response;
        }

        response.OccupiedPositions.Add(occupied
            .OrderBy(o => order.GetValueOrDefault(o.Position))
            .Select(o => new V1.PositionOccupancy { Position = o.Position, Sample = o.Sample }));
        return response;
    }

    public override async Task<V1.ListStorageUnitsResponse> ListStorageUnits(V1.ListStorageUnitsRequest request, ServerCallContext context)
    {
        var site = request.Site == "" ? null : ResourceNames.ParseSite(request.Site, "site");
        var parent = request.Parent == "" ? null : $"{Collection}/{ResourceNames.ParseId(request.Parent, Collection, "parent")}";
        var kind = (StorageUnitKind)request.Kind;
        var band = (TemperatureBand)request.TemperatureBand;
        var units = Filter(query.Query<StorageUnit>(), site, kind, band);
        if (parent is not null)
        {
            units = units.Where(x => x.ParentId == parent);
        }

        var page = await Paging.PageAsync(
            units, ByName, new PageRequest(request.PageSize, request.PageToken, Collection, PageRequest.FilterOf(site, parent, kind, band)),
            context.CancellationToken);
        var counts = await SampleRegistry.CountsAsync(query, [.. page.Items.Where(u => u.Kind == StorageUnitKind.Box).Select(u => u.Id)], context.CancellationToken);
        var response = new V1.ListStorageUnitsResponse { NextPageToken = page.NextPageToken };
        response.StorageUnits.Add(page.Items.Select(u => u.ToApi(counts.GetValueOrDefault(u.Id))));
        return response;
    }

    public override async Task<V1.FindFreePositionsResponse> FindFreePositions(V1.FindFreePositionsRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var site = directory.Value.ReadSite(request.Site, "site", checks);
        var band = (TemperatureBand)checks.Enum(request.TemperatureBand, "temperature_band");
        if (request.Count is < 1 or > Paging.MaxPageSize)
        {
            checks.Add("count", $"must be 1-{Paging.MaxPageSize}");
        }

        checks.ThrowIfAny();
        var siteId = site!.Id;
        var response = new V1.FindFreePositionsResponse();

        // Boxes are read a batch at a time, so a site with thousands of boxes is not read whole
        // to find a handful of positions.
        const int BoxesPerBatch = 50;
        string? after = null;
        while (response.Positions.Count < request.Count)
        {
            var boxes = Filter(query.Query<StorageUnit>(), siteId, StorageUnitKind.Box, band);
            var batch = await ByName.Order(after is null ? boxes : ByName.After(boxes, after)).Take(BoxesPerBatch).ToListAsync(context.CancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var occupied = (await SampleRegistry.OccupiedAsync(query, [.. batch.Select(b => b.Id)], context.CancellationToken))
                .Select(o => (o.Box, o.Position))
                .ToHashSet();
            response.Positions.Add(batch
                .SelectMany(box => box.Positions().Where(p => !occupied.Contains((box.Id, p)))
                    .Select(p => new V1.StoragePosition { StorageUnit = box.Id, Position = p }))
                .Take(request.Count - response.Positions.Count));
            after = batch[^1].Id;
        }

        return response;
    }

    private static IQueryable<StorageUnit> Filter(IQueryable<StorageUnit> units, string? site, StorageUnitKind kind, TemperatureBand band)
    {
        if (site is not null)
        {
            units = units.Where(x => x.Site == site);
        }

        if (kind != StorageUnitKind.Unspecified)
        {
            units = units.Where(x => x.Kind == kind);
        }

        if (band != TemperatureBand.Unspecified)
        {
            units = units.Where(x => x.TemperatureBand == band);
        }

        return units;
    }
}
