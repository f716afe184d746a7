using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;

namespace Biobank.Server.Tests.Infrastructure;

/// <summary>People of both institutes and a way to register instruments, for the tests of booking.</summary>
public static class Catalogue
{
    public static BiobankClient AnsesManager(this BiobankServerFixture server) => server.ClientFor("marie.facility", "anses", Role.FacilityManager);

    public static BiobankClient InsermManager(this BiobankServerFixture server) => server.ClientFor("jean.facility", "inserm", Role.FacilityManager);

    public static BiobankClient AnsesTechnician(this BiobankServerFixture server, string subject = "alice.tech") =>
        server.ClientFor(subject, "anses", Role.Technician);

    public static BiobankClient InsermTechnician(this BiobankServerFixture server, string subject = "bob.tech") =>
        server.ClientFor(subject, "inserm", Role.Technician);

    public static BiobankClient AnsesBiobankManager(this BiobankServerFixture server) => server.ClientFor("claire.biobank", "anses", Role.BiobankManager);

    public static BiobankClient InsermBiobankManager(this BiobankServerFixture server) => server.ClientFor("paul.biobank", "inserm", Role.BiobankManager);

    /// <summary>Someone of <paramref name="organisation"/> holding <paramref name="role"/>, for servers run as processes.</summary>
    public static Caller Person(string subject, string organisation, string role) =>
        new(subject, organisation, new HashSet<string>(StringComparer.Ordinal) { role });

    /// <summary>Creates a storage unit of the manager's organisation.</summary>
    public static Task<StorageUnit> CreateUnitAsync(
        this BiobankClient manager, StorageUnitKind kind, string site = "", string parent = "", TemperatureBand band = TemperatureBand.Unspecified,
        int rows = 0, int columns = 0) =>
        manager.Storage.CreateStorageUnitAsync(new CreateStorageUnitRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            StorageUnit = new StorageUnit
            {
                DisplayName = $"{kind} {Guid.NewGuid():N}"[..20], Kind = kind, Site = site, Parent = parent, TemperatureBand = band, Rows = rows, Columns = columns,
            },
        }).ResponseAsync;

    /// <summary>A new -80 °C freezer at <paramref name="site"/> holding one box of <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    public static async Task<StorageUnit> CreateBoxAsync(this BiobankClient manager, string site = "sites/anses-maisons-alfort", int rows = 8, int columns = 12)
    {
        var freezer = await manager.CreateUnitAsync(StorageUnitKind.Freezer, site, band: TemperatureBand.Minus80);
        return await manager.CreateUnitAsync(StorageUnitKind.Box, parent: freezer.Name, rows: rows, columns: columns);
    }

    /// <summary>A unique barcode for a test sample.</summary>
    public static string Barcode() => $"BC-{Guid.NewGuid():N}"[..19].ToUpperInvariant();

    /// <summary>Serum of a human donor, 2 mL, collected yesterday, unless told otherwise.</summary>
    public static Sample Serum(string donor = "DON-0001", double millilitres = 2, StoragePosition? position = null) => new()
    {
        Barcode = Barcode(),
        Collection = "EPIDEMIO-AMR",
        SourceKind = SourceKind.Human,
        DonorPseudonym = donor,
        MaterialType = MaterialType.Serum,
        CollectionTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
        Quantity = new Quantity { Value = millilitres, Unit = QuantityUnit.Millilitre },
        ConsentReference = "CONSENT-V3",
        StoragePosition = position,
    };

    public static StoragePosition At(this StorageUnit box, string position) => new() { StorageUnit = box.Name, Position = position };

    /// <summary>Registers <paramref name="sample"/> (serum by default) for the caller's organisation.</summary>
    public static Task<Sample> RegisterSampleAsync(this BiobankClient client, Sample? sample = null) =>
        client.Samples.RegisterSampleAsync(new RegisterSampleRequest { RequestId = BiobankClient.NewRequestId(), Sample = sample ?? Serum() }).ResponseAsync;

    /// <summary>Registers an Anses confocal at Maisons-Alfort with the given rules (defaults otherwise).</summary>
    public static async Task<Biobank.V1.Equipment> RegisterConfocalAsync(this BiobankServerFixture server, BookingRules? rules = null, string site = "sites/anses-maisons-alfort")
    {
        using var manager = server.AnsesManager();
        return await manager.RegisterAsync("Zeiss LSM 980 confocal", EquipmentKind.ConfocalMicroscope, site, rules);
    }

    /// <summary>Registers an instrument of the manager's organisation.</summary>
    public static Task<Biobank.V1.Equipment> RegisterAsync(this BiobankClient manager, string displayName, EquipmentKind kind, string site, BookingRules? rules = null) =>
        manager.Equipment.RegisterEquipmentAsync(new RegisterEquipmentRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Equipment = new Biobank.V1.Equipment { DisplayName = displayName, Kind = kind, Site = site, BookingRules = rules },
        }).ResponseAsync;

    /// <summary>A time a whole number of hours from now, rounded to the hour, days ahead.</summary>
    public static DateTimeOffset Ahead(int days, int hour = 9) =>
        new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(days).AddHours(hour);

    public static TimeInterval Slot(DateTimeOffset start, TimeSpan length) => new()
    {
        StartTime = Timestamp.FromDateTimeOffset(start),
        EndTime = Timestamp.FromDateTimeOffset(start + length),
    };

    public static CreateReservationRequest Booking(string equipment, DateTimeOffset start, TimeSpan length, string purpose = "Imaging of infected organoids") => new()
    {
        RequestId = BiobankClient.NewRequestId(),
        Reservation = new Reservation
        {
            Equipment = equipment,
            Interval = Slot(start, length),
            Purpose = purpose,
            Project = "AMR-2026",
        },
    };
}
