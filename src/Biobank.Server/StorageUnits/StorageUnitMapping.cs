using Biobank.Domain.StorageUnits;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using Google.Protobuf.WellKnownTypes;
using V1 = Biobank.V1;

namespace Biobank.Server.StorageUnits;

/// <summary>Storage units between their domain state and the API.</summary>
public static class StorageUnitMapping
{
    public const string Collection = "storageUnits";

    public static V1.StorageUnit ToApi(this StorageUnit unit, int occupied) => new()
    {
        Name = unit.Id,
        DisplayName = unit.DisplayName,
        Kind = (V1.StorageUnitKind)unit.Kind,
        Site = ResourceNames.Site(unit.Site),
        Organisation = ResourceNames.Organisation(unit.Organisation),
        Parent = unit.ParentId ?? "",
        Rows = unit.Rows,
        Columns = unit.Columns,
        TemperatureBand = (V1.TemperatureBand)unit.TemperatureBand,
        FreePositions = unit.Capacity - occupied,
        CreateTime = Timestamp.FromDateTimeOffset(unit.CreateTime),
        UpdateTime = Timestamp.FromDateTimeOffset(unit.UpdateTime),
        Etag = Etags.Format(unit.Version),
    };
}
