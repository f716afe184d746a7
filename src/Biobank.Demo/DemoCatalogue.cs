using Biobank.Domain.Access;
using Google.Protobuf.WellKnownTypes;
using V1 = Biobank.V1;

namespace Biobank.Demo;

/// <summary>
/// What the demo puts in the partnership: the people of both institutes, the instruments their
/// facility managers share, who is qualified for what, and a typical week of bookings. Bookings are
/// tied to a weekday, not to an offset from today, so any date always gets the same bookings and a
/// seed run on another day repeats the dates it shares with earlier runs exactly.
/// </summary>
public static class DemoCatalogue
{
    public static readonly Caller AnsesFacilityManager = Person("claire.moreau", "anses", Role.FacilityManager);
    public static readonly Caller InsermFacilityManager = Person("thomas.girard", "inserm", Role.FacilityManager);

    private static readonly Caller MarieDupont = Person("marie.dupont", "anses", Role.Technician);
    private static readonly Caller JulienPetit = Person("julien.petit", "anses", Role.Technician);
    private static readonly Caller PloufraganLims = Person("lims.ploufragan", "anses", Role.LabSystem);
    private static readonly Caller LucasMartin = Person("lucas.martin", "inserm", Role.Technician);
    private static readonly Caller CamilleRousseau = Person("camille.rousseau", "inserm", Role.Technician);
    private static readonly Caller NadiaHoarau = Person("nadia.hoarau", "inserm", Role.Technician);

    public static readonly Caller AnsesBiobankManager = Person("sophie.lambert", "anses", Role.BiobankManager);
    public static readonly Caller InsermBiobankManager = Person("helene.bernard", "inserm", Role.BiobankManager);

    /// <summary>The site time zone weekdays are counted in (every site but La Réunion is in it).</summary>
    public const string HomeTimeZone = "Europe/Paris";

    public static IReadOnlyList<DemoInstrument> Instruments { get; } =
    [
        new("anses-ma-lsm980", "Zeiss LSM 980 Airyscan 2 confocal (Maisons-Alfort, building H)",
            V1.EquipmentKind.ConfocalMicroscope, "anses-maisons-alfort", AnsesFacilityManager,
            Rules(min: Minutes(30), max: Hours(4), horizon: Days(30), notice: Hours(2), buffer: Minutes(15), grace: Minutes(20))),
        new("anses-ma-bsl3", "BSL-3 suite of the animal health laboratory (Maisons-Alfort)",
            V1.EquipmentKind.Bsl3Suite, "anses-maisons-alfort", AnsesFacilityManager,
            Rules(min: Hours(2), max: Hours(8), horizon: Days(60), notice: Hours(48), buffer: Hours(1), grace: Minutes(30),
                approval: true, qualification: true)),
        new("anses-lyon-orbitrap", "Thermo Orbitrap Exploris 480 LC-MS/MS (Lyon, residues unit)",
            V1.EquipmentKind.MassSpectrometer, "anses-lyon", AnsesFacilityManager,
            Rules(min: Hours(2), max: Hours(24), horizon: Days(45), notice: Hours(24), buffer: Minutes(30), grace: Minutes(30), approval: true)),
        new("anses-ploufragan-miseq", "Illumina MiSeq sequencer (Ploufragan, viral genetics)",
            V1.EquipmentKind.Sequencer, "anses-ploufragan", AnsesFacilityManager,
            Rules(min: Hours(8), max: Hours(56), horizon: Days(60), notice: Hours(24), buffer: Hours(1), grace: Hours(1), approval: true)),
        new("anses-ploufragan-quantstudio", "Applied Biosystems QuantStudio 5 real-time PCR (Ploufragan)",
            V1.EquipmentKind.PcrSystem, "anses-ploufragan", AnsesFacilityManager,
            Rules(min: Minutes(30), max: Hours(3), horizon: Days(14), notice: TimeSpan.Zero, buffer: TimeSpan.Zero, grace: Minutes(15))),
        new("anses-nancy-cytoflex", "Beckman Coulter CytoFLEX S flow cytometer (Nancy)",
            V1.EquipmentKind.FlowCytometer, "anses-nancy", AnsesFacilityManager,
            Rules(min: Minutes(30), max: Hours(4), horizon: Days(30), notice: Hours(2), buffer: Minutes(15), grace: Minutes(20))),
        new("inserm-cochin-novaseq", "Illumina NovaSeq 6000 sequencer (Genom'IC, Institut Cochin)",
            V1.EquipmentKind.Sequencer, "inserm-paris-cochin", InsermFacilityManager,
            Rules(min: Hours(12), max: Hours(48), horizon: Days(90), notice: Hours(72), buffer: Hours(2), grace: Hours(1),
                approval: true, qualification: true)),
        new("inserm-cochin-sp8", "Leica TCS SP8 confocal (Imag'IC, Institut Cochin)",
            V1.EquipmentKind.ConfocalMicroscope, "inserm-paris-cochin", InsermFacilityManager,
            Rules(min: Minutes(30), max: Hours(4), horizon: Days(28), notice: TimeSpan.Zero, buffer: Minutes(15), grace: Minutes(20))),
        new("inserm-cochin-aria", "BD FACSAria III cell sorter (CYBIO, Institut Cochin)",
            V1.EquipmentKind.CellSorter, "inserm-paris-cochin", InsermFacilityManager,
            Rules(min: Hours(1), max: Hours(6), horizon: Days(30), notice: Hours(4), buffer: Minutes(30), grace: Minutes(30),
                approval: true, qualification: true)),
        new("inserm-marseille-fortessa", "BD LSRFortessa X-20 flow cytometer (Timone, Marseille)",
            V1.EquipmentKind.FlowCytometer, "inserm-marseille", InsermFacilityManager,
            Rules(min: Minutes(30), max: Hours(4), horizon: Days(30), notice: TimeSpan.Zero, buffer: Minutes(15), grace: Minutes(20))),
        new("inserm-marseille-timstof", "Bruker timsTOF Pro 2 mass spectrometer (Marseille Protéomique)",
            V1.EquipmentKind.MassSpectrometer, "inserm-marseille", InsermFacilityManager,
            Rules(min: Hours(2), max: Hours(24), horizon: Days(60), notice: Hours(24), buffer: Hours(1), grace: Minutes(30), approval: true)),
        new("inserm-reunion-cfx96", "Bio-Rad CFX96 Touch real-time PCR (CIC 1410, Saint-Pierre)",
            V1.EquipmentKind.PcrSystem, "inserm-la-reunion", InsermFacilityManager,
            Rules(min: Minutes(30), max: Hours(3), horizon: Days(14), notice: TimeSpan.Zero, buffer: TimeSpan.Zero, grace: Minutes(15))),
        new(FieldSequencer, "Oxford Nanopore MinION Mk1D portable sequencer (Nancy, field unit)",
            V1.EquipmentKind.Sequencer, "anses-nancy", AnsesFacilityManager,
            Rules(min: Hours(1), max: Hours(48), horizon: Days(60), notice: Hours(2), buffer: Minutes(30), grace: Minutes(30))),
    ];

    /// <summary>The instrument Anses lends for field campaigns: the demo lends it to La Réunion.</summary>
    private const string FieldSequencer = "anses-nancy-minion";

    /// <summary>The material transfer agreement under which Anses sends material to Inserm.</summary>
    public static DemoAgreement Agreement { get; } = new(
        "mta-anses-inserm-2026", AnsesBiobankManager, "anses", "inserm",
        [V1.PermittedUse.GeneralResearch, V1.PermittedUse.GeneticResearch],
        [V1.MaterialType.Serum, V1.MaterialType.WholeBlood, V1.MaterialType.Dna, V1.MaterialType.BacterialIsolate],
        [V1.SourceKind.Human, V1.SourceKind.Animal, V1.SourceKind.Isolate],
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero),
        "MTA-ANSES-INSERM-2026-001", "ABSCH-IRCC-FR-263875");

    /// <summary>
    /// Two shipments from the Anses freezer to Institut Cochin under the agreement: farmers' sera for
    /// the One Health AMR sequencing, received into the last Inserm box; and veterinary isolates,
    /// still with the carrier.
    /// </summary>
    public static IReadOnlyList<DemoShipment> Shipments => Shelves.Shipments;

    /// <summary>The field sequencer lent to Inserm's site on La Réunion for the arbovirus campaign, received there.</summary>
    public static DemoLoan Loan { get; } = new(
        "demo-loan-minion", FieldSequencer, NadiaHoarau, AnsesFacilityManager, "inserm-la-reunion", LoanDays: 90, "DENGUE-OI", "Air France Cargo");

    /// <summary>
    /// Qualifications granted by the owning organisation's facility manager, including to people of
    /// the partner institute for the BSL-3 suite and the cell sorter.
    /// </summary>
    public static IReadOnlyList<DemoQualification> Qualifications { get; } =
    [
        new(AnsesFacilityManager, MarieDupont, Kind: V1.EquipmentKind.Bsl3Suite),
        new(AnsesFacilityManager, LucasMartin, Equipment: "anses-ma-bsl3"),
        new(InsermFacilityManager, LucasMartin, Kind: V1.EquipmentKind.CellSorter),
        new(InsermFacilityManager, MarieDupont, Equipment: "inserm-cochin-aria"),
        new(InsermFacilityManager, CamilleRousseau, Kind: V1.EquipmentKind.Sequencer),
    ];

    /// <summary>The one maintenance window: on the Anses confocal, on a morning the week leaves free.</summary>
    public static DemoMaintenance Maintenance { get; } = new(
        "anses-ma-lsm980", DayOfWeek.Thursday, new TimeOnly(8, 0), Hours(4),
        "Preventive maintenance: laser alignment and objective cleaning by the Zeiss service engineer");

    /// <summary>A working week of both institutes, in the instruments' local time.</summary>
    public static IReadOnlyList<DemoBooking> Week { get; } =
    [
        new("confocal-organoids", DayOfWeek.Monday, "anses-ma-lsm980", MarieDupont, new(9, 0), Hours(3),
            "Imaging of Listeria-infected intestinal organoids", "LISTERIA-ORG"),
        new("confocal-organelles", DayOfWeek.Monday, "anses-ma-lsm980", LucasMartin, new(14, 0), Hours(2),
            "Replication organelles in fixed coronavirus-infected cells", "CORONA-ORGANELLES"),
        new("sp8-macrophages", DayOfWeek.Monday, "inserm-cochin-sp8", LucasMartin, new(10, 0), Hours(2),
            "Macrophage polarisation, fixed samples", "MACRO-POL"),
        new("qpcr-h5-swabs", DayOfWeek.Monday, "anses-ploufragan-quantstudio", PloufraganLims, new(8, 30), Hours(2),
            "RT-qPCR screening for avian influenza H5 in poultry swabs", "AVIAN-FLU-SURV"),
        new("qpcr-dengue", DayOfWeek.Monday, "inserm-reunion-cfx96", NadiaHoarau, new(9, 0), Minutes(90),
            "Dengue virus RT-qPCR on patient sera", "DENGUE-OI"),

        new("bsl3-brucella", DayOfWeek.Tuesday, "anses-ma-bsl3", MarieDupont, new(8, 0), Hours(6),
            "Culture of Brucella isolates for whole-genome sequencing", "BRUCELLA-WGS"),
        new("orbitrap-phospho", DayOfWeek.Tuesday, "anses-lyon-orbitrap", CamilleRousseau, new(9, 0), Hours(8),
            "Phosphoproteomics of infected macrophages", "PHOSPHO-MAC"),
        new("fortessa-swine", DayOfWeek.Tuesday, "inserm-marseille-fortessa", JulienPetit, new(14, 0), Hours(3),
            "Immunophenotyping of pig PBMCs after vaccination", "SWINE-VAX"),
        new("aria-bcells", DayOfWeek.Tuesday, "inserm-cochin-aria", LucasMartin, new(9, 0), Hours(4),
            "Sorting of antigen-specific memory B cells", "BCELL-REPERTOIRE"),

        new("aria-salmonella", DayOfWeek.Wednesday, "inserm-cochin-aria", MarieDupont, new(14, 0), Hours(3),
            "Sorting of Salmonella-infected porcine macrophages", "SALMO-HOST", ApprovedByOwner: true),
        new("cytoflex-foxes", DayOfWeek.Wednesday, "anses-nancy-cytoflex", JulienPetit, new(9, 0), Hours(2),
            "Lymphocyte counts of foxes after oral rabies vaccination", "RABIES-WILD"),
        new("novaseq-esbl", DayOfWeek.Wednesday, "inserm-cochin-novaseq", CamilleRousseau, new(8, 0), Hours(44),
            "Whole-genome sequencing of ESBL-producing E. coli from humans, animals and rivers", "AMR-ONEHEALTH"),

        new("confocal-airway", DayOfWeek.Thursday, "anses-ma-lsm980", JulienPetit, new(14, 0), Hours(2),
            "Calcium imaging of bovine airway epithelium", "BOVINE-RSV"),
        new("bsl3-h5n1", DayOfWeek.Thursday, "anses-ma-bsl3", LucasMartin, new(9, 0), Hours(5),
            "Neutralisation assays with highly pathogenic avian influenza H5N1", "H5N1-NEUT"),
        new("miseq-asf", DayOfWeek.Thursday, "anses-ploufragan-miseq", PloufraganLims, new(17, 0), Hours(40),
            "Genomic surveillance of African swine fever virus", "ASF-GENOMICS"),
        new("timstof-plasma", DayOfWeek.Thursday, "inserm-marseille-timstof", CamilleRousseau, new(10, 0), Hours(6),
            "Plasma proteome of a long COVID cohort", "LONGCOVID-PROT"),

        new("orbitrap-honey", DayOfWeek.Friday, "anses-lyon-orbitrap", MarieDupont, new(8, 0), Hours(10),
            "Multi-residue antibiotic screening in honey", "RESIDUES-2026"),
        new("sp8-biofilms", DayOfWeek.Friday, "inserm-cochin-sp8", MarieDupont, new(13, 0), Hours(3),
            "Imaging of Pseudomonas biofilms on food-processing surfaces", "BIOFILM-FOOD"),
        new("qpcr-west-nile", DayOfWeek.Friday, "anses-ploufragan-quantstudio", LucasMartin, new(10, 0), Minutes(90),
            "West Nile virus RT-qPCR in mosquito pools", "WNV-VECTORS"),
        new("aria-listeria", DayOfWeek.Friday, "inserm-cochin-aria", MarieDupont, new(10, 0), Hours(2),
            "Sorting of Listeria-infected epithelial cells", "LISTERIA-ORG"),
        new("qpcr-leptospira", DayOfWeek.Friday, "inserm-reunion-cfx96", NadiaHoarau, new(9, 0), Hours(2),
            "Leptospira qPCR in rodent kidneys", "LEPTO-OI"),
    ];

    /// <summary>One -80 °C freezer per institute, each with two racks of three 8 × 12 boxes.</summary>
    public static IReadOnlyList<DemoFreezer> Freezers { get; } =
    [
        new("anses-ma-f80-01", "Freezer -80 °C F1 (Maisons-Alfort, building H, room 112)", "anses-maisons-alfort", AnsesBiobankManager, Racks: 2, BoxesPerRack: 3),
        new("inserm-cochin-f80-01", "Freezer -80 °C CRB-3 (Institut Cochin, biological resource centre)", "inserm-paris-cochin", InsermBiobankManager, Racks: 2, BoxesPerRack: 3),
    ];

    /// <summary>
    /// The donors' consents: farmers of the Anses livestock-carriage study, and the long COVID
    /// cohort and One Health AMR patients of Inserm. Donors are pseudonym codes, never names.
    /// </summary>
    public static IReadOnlyList<DemoConsent> Consents { get; } =
    [
        .. Donors("ANS-D", 1, 16).Select(d => new DemoConsent(AnsesBiobankManager, d, "AMR-FARMERS", "v2.1-2025",
            [V1.PermittedUse.GeneralResearch, V1.PermittedUse.GeneticResearch, V1.PermittedUse.PartnerSharing])),
        .. Donors("INS-D", 1, 16).Select(d => new DemoConsent(InsermBiobankManager, d, "LONGCOVID-PROT", "v3.0-2024",
            [V1.PermittedUse.GeneralResearch, V1.PermittedUse.PartnerSharing])),
        .. Donors("INS-D", 17, 8).Select(d => new DemoConsent(InsermBiobankManager, d, "AMR-ONEHEALTH", "v1.2-2025",
            [V1.PermittedUse.GeneralResearch, V1.PermittedUse.GeneticResearch, V1.PermittedUse.PartnerSharing, V1.PermittedUse.CommercialUse])),
    ];

    /// <summary>
    /// The primary samples, registered by a technician of each institute into the boxes of its
    /// freezer, box after box and row by row. Collection times are fixed dates, so every run sends
    /// the same registrations.
    /// </summary>
    public static IReadOnlyList<DemoSample> Samples => Shelves.Samples;

    /// <summary>A few sera and plasmas split into 0.25 mL aliquots, placed after the primary samples.</summary>
    public static IReadOnlyList<DemoAliquoting> Aliquotings => Shelves.Aliquotings;

    private static Caller Person(string subject, string organisation, string role) =>
        new(subject, organisation, new HashSet<string>(StringComparer.Ordinal) { role });

    private static V1.BookingRules Rules(
        TimeSpan min, TimeSpan max, TimeSpan horizon, TimeSpan notice, TimeSpan buffer, TimeSpan grace,
        bool approval = false, bool qualification = false) => new()
    {
        MinDuration = Duration.FromTimeSpan(min),
        MaxDuration = Duration.FromTimeSpan(max),
        BookingHorizon = Duration.FromTimeSpan(horizon),
        MinimumNotice = Duration.FromTimeSpan(notice),
        Buffer = Duration.FromTimeSpan(buffer),
        NoShowGrace = Duration.FromTimeSpan(grace),
        CrossOrganisationApproval = approval,
        QualificationRequired = qualification,
    };

    private static TimeSpan Minutes(int minutes) => TimeSpan.FromMinutes(minutes);

    private static TimeSpan Hours(int hours) => TimeSpan.FromHours(hours);

    private static TimeSpan Days(int days) => TimeSpan.FromDays(days);

    private static IEnumerable<string> Donors(string prefix, int first, int count) =>
        Enumerable.Range(first, count).Select(n => $"{prefix}-{n:0000}");

    /// <summary>Built once, after the people and freezers above are.</summary>
    private static class Shelves
    {
        public static readonly IReadOnlyList<DemoSample> Samples;
        public static readonly IReadOnlyList<DemoAliquoting> Aliquotings;
        public static readonly IReadOnlyList<DemoShipment> Shipments;

        static Shelves()
        {
            var anses = new DemoShelf(Freezers[0], MarieDupont, "ANS");
            var collected = new DateTimeOffset(2025, 9, 1, 8, 30, 0, TimeSpan.FromHours(2));
            foreach (var (donor, i) in Donors("ANS-D", 1, 16).Select((d, i) => (d, i)))
            {
                var day = collected.AddDays(i * 3);
                anses.Human("AMR-FARMERS", donor, V1.MaterialType.Serum, day, Ml(2), "SER-SST-A-B-C-A-M");
                anses.Human("AMR-FARMERS", donor, V1.MaterialType.WholeBlood, day, Ml(4), "BLD-PED-A-N-N-A-M");
                anses.Human("AMR-FARMERS", donor, V1.MaterialType.Dna, day.AddDays(14), Micrograms(20), "");
            }

            string[] poultry = ["Gallus gallus domesticus", "Anas platyrhynchos domesticus"];
            for (var i = 0; i < 40; i++)
            {
                anses.Animal("AVIAN-FLU-SURV", $"ANS-A-AV-{i + 1:0000}", poultry[i % 2], V1.MaterialType.Swab, collected.AddDays(20 + (i / 8)), Ml(1));
            }

            for (var i = 0; i < 24; i++)
            {
                anses.Animal("SWINE-VAX", $"ANS-A-SW-{i + 1:0000}", "Sus scrofa domesticus", V1.MaterialType.Serum, collected.AddDays(35 + (i / 12 * 28)), Ml(2));
            }

            for (var i = 0; i < 16; i++)
            {
                anses.Animal("RABIES-WILD", $"ANS-A-VV-{i + 1:0000}", "Vulpes vulpes", V1.MaterialType.Serum, collected.AddDays(50 + i), Ml(1));
            }

            for (var i = 0; i < 12; i++)
            {
                anses.Environment("AMR-RIVERS", V1.MaterialType.Water, collected.AddDays(60 + (i * 7)), Ml(1.5));
            }

            for (var i = 0; i < 8; i++)
            {
                anses.Environment("AMR-RIVERS", V1.MaterialType.Soil, collected.AddDays(61 + (i * 7)), Milligrams(500));
            }

            string[] veterinary = ["Escherichia coli", "Klebsiella pneumoniae", "Salmonella enterica", "Staphylococcus aureus"];
            for (var i = 0; i < 40; i++)
            {
                anses.Isolate("RESAPATH-AMR", veterinary[i % 4], collected.AddDays(10 + (i * 2)));
            }

            var inserm = new DemoShelf(Freezers[1], LucasMartin, "INS");
            collected = new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.FromHours(2));
            foreach (var visit in (int[])[0, 6])
            {
                foreach (var (donor, i) in Donors("INS-D", 1, 16).Select((d, i) => (d, i)))
                {
                    var day = collected.AddDays(i).AddMonths(visit);
                    inserm.Human("LONGCOVID-PROT", donor, V1.MaterialType.Serum, day, Ml(1.5), "SER-SST-A-B-C-A-M");
                    inserm.Human("LONGCOVID-PROT", donor, V1.MaterialType.Plasma, day, Ml(2), "PL1-PED-A-B-C-A-M");
                }
            }

            foreach (var (donor, i) in Donors("INS-D", 17, 8).Select((d, i) => (d, i)))
            {
                inserm.Human("AMR-ONEHEALTH", donor, V1.MaterialType.WholeBlood, collected.AddDays(40 + i), Ml(4), "BLD-PED-A-N-N-A-M");
                inserm.Human("AMR-ONEHEALTH", donor, V1.MaterialType.Dna, collected.AddDays(55 + i), Micrograms(15), "");
            }

            for (var i = 0; i < 16; i++)
            {
                inserm.Animal("MACRO-POL", $"INS-M-{i + 1:0000}", "Mus musculus", V1.MaterialType.TissueFrozen, collected.AddDays(70 + (i / 4)), Milligrams(30));
            }

            for (var i = 0; i < 12; i++)
            {
                inserm.Environment("AMR-ONEHEALTH", V1.MaterialType.Water, collected.AddDays(45 + (i * 5)), Ml(1.5));
            }

            string[] clinical = ["Escherichia coli", "Klebsiella pneumoniae", "Enterobacter cloacae", "Pseudomonas aeruginosa"];
            for (var i = 0; i < 40; i++)
            {
                inserm.Isolate("AMR-ONEHEALTH", clinical[i % 4], collected.AddDays(30 + i));
            }

            // Aliquots follow every primary sample in the boxes, so adding one never moves another.
            var aliquotings = new List<DemoAliquoting>();
            aliquotings.AddRange(anses.Placed.Where(s => s.Sample.Collection == "SWINE-VAX").Take(4).Select(s => anses.Split(s, 4)));
            aliquotings.AddRange(inserm.Placed.Where(s => s.Sample.MaterialType == V1.MaterialType.Plasma).Take(4).Select(s => inserm.Split(s, 6)));
            Samples = [.. anses.Placed, .. inserm.Placed];
            Aliquotings = aliquotings;

            var receivingBox = $"storageUnits/{Freezers[1].Boxes[^1]}";
            var farmersSera = anses.Placed.Where(s => s.Sample.Collection == "AMR-FARMERS" && s.Sample.MaterialType == V1.MaterialType.Serum).TakeLast(4);
            Shipments =
            [
                new("demo-shipment-farmers-sera", LucasMartin, [.. farmersSera.Select(s => s.Id)], "anses-maisons-alfort", "inserm-paris-cochin",
                    V1.PermittedUse.GeneticResearch, "AMR-ONEHEALTH", "World Courier", V1.Packaging.Un3373CategoryB,
                    [.. Enumerable.Range(1, 4).Select(i => new V1.StoragePosition { StorageUnit = receivingBox, Position = $"A{i}" })]),
                new("demo-shipment-resapath-isolates", MarieDupont, [.. anses.Placed.Where(s => s.Sample.Collection == "RESAPATH-AMR").TakeLast(6).Select(s => s.Id)],
                    "anses-maisons-alfort", "inserm-paris-cochin", V1.PermittedUse.GeneralResearch, "AMR-ONEHEALTH", "Biologistic", V1.Packaging.Un3373CategoryB, null),
            ];
        }

        private static V1.Quantity Ml(double value) => new() { Value = value, Unit = V1.QuantityUnit.Millilitre };

        private static V1.Quantity Micrograms(double value) => new() { Value = value, Unit = V1.QuantityUnit.Microgram };

        private static V1.Quantity Milligrams(double value) => new() { Value = value, Unit = V1.QuantityUnit.Milligram };
    }

    /// <summary>Hands out the ids, barcodes and next free box positions of one institute's samples.</summary>
    private sealed class DemoShelf(DemoFreezer freezer, Caller technician, string prefix)
    {
        private const double AliquotMillilitres = 0.25;
        private int _next;

        public List<DemoSample> Placed { get; } = [];

        public void Human(string collection, string donor, V1.MaterialType material, DateTimeOffset collected, V1.Quantity quantity, string sprec) =>
            Add(collection, V1.SourceKind.Human, donor, "", material, collected, quantity, sprec);

        public void Animal(string collection, string animal, string species, V1.MaterialType material, DateTimeOffset collected, V1.Quantity quantity) =>
            Add(collection, V1.SourceKind.Animal, animal, species, material, collected, quantity, "");

        public void Environment(string collection, V1.MaterialType material, DateTimeOffset collected, V1.Quantity quantity) =>
            Add(collection, V1.SourceKind.Environment, "", "", material, collected, quantity, "");

        /// <summary>A glycerol stock of a bacterial isolate kept for antibiotic-resistance work.</summary>
        public void Isolate(string collection, string species, DateTimeOffset collected) =>
            Add(collection, V1.SourceKind.Isolate, "", species, V1.MaterialType.BacterialIsolate, collected, new V1.Quantity { Value = 1, Unit = V1.QuantityUnit.Millilitre }, "");

        public DemoAliquoting Split(DemoSample parent, int count) =>
            new(parent.Id, technician, [.. Enumerable.Range(1, count).Select(i =>
            {
                var (id, barcode, position) = NextPosition();
                return new V1.SamplePortion
                {
                    SampleId = id,
                    Barcode = barcode,
                    Quantity = new V1.Quantity { Value = AliquotMillilitres, Unit = V1.QuantityUnit.Millilitre },
                    StoragePosition = position,
                };
            })]);

        private void Add(
            string collection, V1.SourceKind source, string donor, string species, V1.MaterialType material, DateTimeOffset collected, V1.Quantity quantity, string sprec)
        {
            var (id, barcode, position) = NextPosition();
            Placed.Add(new DemoSample(id, technician, new V1.Sample
            {
                Barcode = barcode,
                Collection = collection,
                SourceKind = source,
                DonorPseudonym = donor,
                Species = species,
                MaterialType = material,
                CollectionTime = Timestamp.FromDateTimeOffset(collected),
                Quantity = quantity,
                SprecCode = sprec,
                StoragePosition = position,
            }));
        }

        private (string Id, string Barcode, V1.StoragePosition Position) NextPosition()
        {
            var n = _next++;
            var box = freezer.Boxes[n / DemoFreezer.BoxPositions];
            var cell = n % DemoFreezer.BoxPositions;
            var position = $"{(char)('A' + (cell / DemoFreezer.BoxColumns))}{(cell % DemoFreezer.BoxColumns) + 1}";
            return ($"{prefix.ToLowerInvariant()}-demo-{n + 1:00000}", $"{prefix}-{n + 1:000000}", new V1.StoragePosition { StorageUnit = $"storageUnits/{box}", Position = position });
        }
    }
}

/// <summary>An instrument the demo registers, by its owning organisation's facility manager.</summary>
public sealed record DemoInstrument(string Id, string DisplayName, V1.EquipmentKind Kind, string Site, Caller Manager, V1.BookingRules Rules);

/// <summary>A qualification for one instrument (<paramref name="Equipment"/>) or a kind of instrument.</summary>
public sealed record DemoQualification(Caller GrantedBy, Caller Person, string? Equipment = null, V1.EquipmentKind Kind = V1.EquipmentKind.Unspecified)
{
    /// <summary>Stable while the catalogue is: names the grant in its request id.</summary>
    public string Key => $"{GrantedBy.Organisation}/{Person.Organisation}/{Person.Subject}/{Equipment ?? Kind.ToString()}";
}

/// <summary>A maintenance window on a weekday, in the instrument's local time.</summary>
public sealed record DemoMaintenance(string Equipment, DayOfWeek Day, TimeOnly Start, TimeSpan Length, string Reason);

/// <summary>
/// A booking made every week on <paramref name="Day"/> at <paramref name="Start"/> local time.
/// <paramref name="ApprovedByOwner"/>: the owning organisation's facility manager approves it.
/// </summary>
public sealed record DemoBooking(
    string Key, DayOfWeek Day, string Equipment, Caller Booker, TimeOnly Start, TimeSpan Length, string Purpose, string Project,
    bool ApprovedByOwner = false);

/// <summary>
/// A -80 °C freezer at <paramref name="Site"/>, created by the organisation's biobank manager, with
/// <paramref name="Racks"/> racks of <paramref name="BoxesPerRack"/> boxes of 8 × 12 positions.
/// </summary>
public sealed record DemoFreezer(string Id, string DisplayName, string Site, Caller Manager, int Racks, int BoxesPerRack)
{
    public const int BoxRows = 8;
    public const int BoxColumns = 12;
    public const int BoxPositions = BoxRows * BoxColumns;

    public string RackId(int rack) => $"{Id}-r{rack}";

    /// <summary>The ids of the boxes, rack by rack.</summary>
    public IReadOnlyList<string> Boxes => [.. Enumerable.Range(1, Racks).SelectMany(r => Enumerable.Range(1, BoxesPerRack).Select(b => $"{RackId(r)}-b{b}"))];
}

/// <summary>A donor's consent for a collection, recorded by the organisation's biobank manager.</summary>
public sealed record DemoConsent(Caller RecordedBy, string Donor, string Collection, string DocumentVersion, IReadOnlyList<V1.PermittedUse> Uses);

/// <summary>
/// A primary sample the <paramref name="Registrar"/> registers as <paramref name="Id"/>; a human
/// sample's consent reference is filled in from the donor's recorded consent.
/// </summary>
public sealed record DemoSample(string Id, Caller Registrar, V1.Sample Sample);

/// <summary>A sample split by <paramref name="By"/> into placed aliquots.</summary>
public sealed record DemoAliquoting(string Parent, Caller By, IReadOnlyList<V1.SamplePortion> Aliquots);

/// <summary>A material transfer agreement the <paramref name="RecordedBy"/> biobank manager registers.</summary>
public sealed record DemoAgreement(
    string Id, Caller RecordedBy, string Provider, string Recipient, IReadOnlyList<V1.PermittedUse> Purposes, IReadOnlyList<V1.MaterialType> Materials,
    IReadOnlyList<V1.SourceKind> Sources, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, string ExternalReference, string AccessAndBenefitSharingReference);

/// <summary>
/// Samples sent from Anses to Inserm: requested by <paramref name="RequestedBy"/>, approved and
/// dispatched by the Anses biobank manager, and received into <paramref name="ReceivedInto"/>
/// (one position per sample, in order) by the requester, or left with the carrier when null.
/// </summary>
public sealed record DemoShipment(
    string Id, Caller RequestedBy, IReadOnlyList<string> Samples, string FromSite, string ToSite, V1.PermittedUse Purpose, string Project,
    string Carrier, V1.Packaging Packaging, IReadOnlyList<V1.StoragePosition>? ReceivedInto);

/// <summary>An instrument lent for <paramref name="LoanDays"/> days: asked for and received by <paramref name="Borrower"/>, approved and dispatched by <paramref name="Lender"/>.</summary>
public sealed record DemoLoan(string Id, string Equipment, Caller Borrower, Caller Lender, string ToSite, int LoanDays, string Project, string Carrier);
