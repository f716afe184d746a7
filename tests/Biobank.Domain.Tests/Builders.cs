using Biobank.Domain.Access;
using Biobank.Domain.Equipment;

namespace Biobank.Domain.Tests;

/// <summary>People, instruments and times the decider tests share.</summary>
public static class Builders
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static Caller AnsesManager { get; } = Person("marie", "anses", Role.FacilityManager);

    public static Caller AnsesTechnician { get; } = Person("alice", "anses", Role.Technician);

    public static Caller InsermTechnician { get; } = Person("bob", "inserm", Role.Technician);

    public static Caller InsermManager { get; } = Person("jean", "inserm", Role.FacilityManager);

    public static Caller Person(string subject, string organisation, params string[] roles) =>
        new(subject, organisation, roles.ToHashSet());

    public static EquipmentRegistered Registered(BookingRules? rules = null) => new(
        "equipment/confocal-1", "Zeiss LSM 980", EquipmentKind.ConfocalMicroscope, "anses", "anses-maisons-alfort",
        "Europe/Paris", rules ?? BookingRules.Default, Now.AddDays(-30));

    public static Instrument Confocal(BookingRules? rules = null) => Instrument.Evolve(null, Registered(rules))!;

    public static Interval Hours(int fromHour, int toHour, int daysAhead = 1) =>
        new(Now.Date.AddDays(daysAhead).AddHours(fromHour), Now.Date.AddDays(daysAhead).AddHours(toHour));
}
