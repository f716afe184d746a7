using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;

namespace Biobank.Server.Tests.StorageUnits;

public sealed class StorageServiceTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task A_box_inside_a_freezer_takes_its_site_and_temperature_band_and_offers_every_position_free()
    {
        using var manager = server.AnsesBiobankManager();
        var freezer = await manager.CreateUnitAsync(StorageUnitKind.Freezer, "sites/anses-lyon", band: TemperatureBand.Minus80);
        var rack = await manager.CreateUnitAsync(StorageUnitKind.Rack, parent: freezer.Name);
        var box = await manager.CreateUnitAsync(StorageUnitKind.Box, parent: rack.Name, rows: 8, columns: 12);

        var read = await manager.Storage.GetStorageUnitAsync(new GetStorageUnitRequest { Name = box.Name });

        read.Site.ShouldBe("sites/anses-lyon");
        read.Organisation.ShouldBe("organisations/anses");
        read.TemperatureBand.ShouldBe(TemperatureBand.Minus80);
        read.Parent.ShouldBe(rack.Name);
        read.FreePositions.ShouldBe(96);
        read.OccupiedPositions.ShouldBeEmpty();
        var children = await manager.Storage.ListStorageUnitsAsync(new ListStorageUnitsRequest { Parent = rack.Name });
        children.StorageUnits.Select(u => u.Name).ShouldBe([box.Name]);
    }

    [Fact]
    public async Task Free_positions_are_found_row_by_row_in_boxes_of_the_band_at_the_site()
    {
        using var manager = server.AnsesBiobankManager();
        var box = await manager.CreateBoxAsync("sites/anses-nancy", rows: 2, columns: 3);
        var dewar = await manager.CreateUnitAsync(StorageUnitKind.Dewar, "sites/anses-nancy", band: TemperatureBand.Ln2Vapour);
        await manager.CreateUnitAsync(StorageUnitKind.Box, parent: dewar.Name, rows: 9, columns: 9);

        var found = await manager.Storage.FindFreePositionsAsync(new FindFreePositionsRequest
        {
            Site = "sites/anses-nancy", TemperatureBand = TemperatureBand.Minus80, Count = 10,
        });

        found.Positions.ShouldAllBe(p => p.StorageUnit == box.Name);
        found.Positions.Select(p => p.Position).ShouldBe(["A1", "A2", "A3", "B1", "B2", "B3"]);
    }

    [Fact]
    public async Task Every_bad_field_is_reported_and_only_biobank_managers_of_the_sites_organisation_create_units()
    {
        using var manager = server.AnsesBiobankManager();
        using var technician = server.AnsesTechnician();

        var invalid = await Should.ThrowAsync<RpcException>(manager.CreateUnitAsync(StorageUnitKind.Box, "sites/anses-lyon", rows: 27, columns: 0));
        var byTechnician = await Should.ThrowAsync<RpcException>(technician.CreateUnitAsync(StorageUnitKind.Freezer, "sites/anses-lyon", band: TemperatureBand.Minus20));
        var elsewhere = await Should.ThrowAsync<RpcException>(manager.CreateUnitAsync(StorageUnitKind.Freezer, "sites/inserm-marseille", band: TemperatureBand.Minus20));

        invalid.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        invalid.FieldViolations().Select(v => v.Field).ShouldBe(
            ["storage_unit.temperature_band", "storage_unit.rows", "storage_unit.columns"], ignoreOrder: true);
        byTechnician.Reason().ShouldBe("ROLE_REQUIRED");
        elsewhere.Reason().ShouldBe("ORGANISATION_MISMATCH");
    }
}
