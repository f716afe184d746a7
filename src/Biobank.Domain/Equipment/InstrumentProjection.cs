namespace Biobank.Domain.Equipment;

public sealed class InstrumentProjection() : FoldProjection<Instrument>(
    typeof(EquipmentRegistered), typeof(BookingRulesUpdated), typeof(MaintenanceScheduled), typeof(MaintenanceCancelled),
    typeof(EquipmentStatusChanged), typeof(EquipmentRetired));
