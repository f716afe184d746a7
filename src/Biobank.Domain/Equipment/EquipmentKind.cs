namespace Biobank.Domain.Equipment;

/// <summary>Kinds of instrument; the same names as <c>biobank.v1.EquipmentKind</c>.</summary>
public enum EquipmentKind
{
    Unspecified = 0,
    ConfocalMicroscope = 1,
    ElectronMicroscope = 2,
    Sequencer = 3,
    MassSpectrometer = 4,
    FlowCytometer = 5,
    Bsl3Suite = 6,
    PcrSystem = 7,
    BiosafetyCabinet = 8,
    CellSorter = 9,
    NmrSpectrometer = 10,
}

/// <summary>Whether an instrument can be booked; the same names as <c>biobank.v1.EquipmentStatus</c>.</summary>
public enum EquipmentStatus
{
    Unspecified = 0,
    InService = 1,
    OutOfService = 2,
    Retired = 3,
    /// <summary>Lent: with the carrier, between its sites.</summary>
    InTransit = 4,
    /// <summary>Lent and never received.</summary>
    Lost = 5,
}
