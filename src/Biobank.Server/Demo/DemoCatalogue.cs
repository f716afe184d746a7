using Biobank.Domain.Access;
using Google.Protobuf.WellKnownTypes;
using V1 = Biobank.V1;

namespace Biobank.Server.Demo;

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
    ];

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
