using Biobank.Domain.Access;
using Biobank.Domain.Calendar;
using Biobank.Domain.Failures;

namespace Biobank.Domain.Equipment;

/// <summary>Commands on an instrument and the rules that decide their events.</summary>
public static class EquipmentDecider
{
    public abstract record Command(Caller Caller, DateTimeOffset Now);

    public sealed record Register(
        Caller Caller, DateTimeOffset Now, string EquipmentId, string DisplayName, EquipmentKind Kind,
        string Site, string SiteOrganisation, string TimeZone, BookingRules Rules) : Command(Caller, Now);

    public sealed record UpdateRules(Caller Caller, DateTimeOffset Now, BookingRules Rules) : Command(Caller, Now);

    public sealed record ScheduleMaintenance(Caller Caller, DateTimeOffset Now, string MaintenanceId, Interval Interval, string Reason, bool Exclusive)
        : Command(Caller, Now);

    public sealed record CancelMaintenance(Caller Caller, DateTimeOffset Now, string MaintenanceId, string Reason) : Command(Caller, Now);

    public sealed record SetStatus(Caller Caller, DateTimeOffset Now, EquipmentStatus Status, string Reason) : Command(Caller, Now);

    public sealed record Retire(Caller Caller, DateTimeOffset Now, string Reason) : Command(Caller, Now);

    public static IReadOnlyList<object> Decide(Command command, Instrument? state)
    {
        if (command is Register register)
        {
            return DecideRegister(register, state);
        }

        var instrument = state ?? throw new InvalidOperationException("The handler loads the instrument before deciding.");
        RequireManagerOf(command.Caller, instrument);
        if (instrument.Status == EquipmentStatus.Retired)
        {
            throw new RuleViolationException(
                ErrorReasons.InvalidStateTransition, "The instrument is retired.",
                new Dictionary<string, string> { ["state"] = "RETIRED" });
        }

        return command switch
        {
            UpdateRules c => c.Rules == instrument.Rules ? [] : [new BookingRulesUpdated(instrument.Id, c.Rules, c.Now)],
            ScheduleMaintenance c => [new MaintenanceScheduled(instrument.Id, c.MaintenanceId, c.Interval, c.Reason, c.Exclusive, c.Now)],
            CancelMaintenance c => instrument.Maintenance.Any(m => m.MaintenanceId == c.MaintenanceId)
                ? [new MaintenanceCancelled(instrument.Id, c.MaintenanceId, c.Reason, c.Now)]
                : throw new ResourceNotFoundException($"{instrument.Id}/maintenance/{c.MaintenanceId}"),
            SetStatus c => c.Status == instrument.Status ? [] : [new EquipmentStatusChanged(instrument.Id, c.Status, c.Reason, c.Now)],
            Retire c => [new EquipmentRetired(instrument.Id, c.Reason, c.Now)],
            _ => throw new InvalidOperationException($"Unknown command {command.GetType().Name}."),
        };
    }

    /// <summary>Only the owning organisation's facility managers (or admins) change an instrument.</summary>
    public static void RequireManagerOf(Caller caller, Instrument instrument)
    {
        caller.RequireAnyRole(Role.FacilityManager, Role.Admin);
        caller.RequireOrganisation(instrument.OwnerOrganisation);
    }

    private static IReadOnlyList<object> DecideRegister(Register c, Instrument? state)
    {
        c.Caller.RequireAnyRole(Role.FacilityManager, Role.Admin);
        if (c.SiteOrganisation != c.Caller.Organisation)
        {
            throw new RuleViolationException(
                ErrorReasons.UnknownSite, $"Site '{c.Site}' does not belong to organisation '{c.Caller.Organisation}'.",
                new Dictionary<string, string> { ["site"] = c.Site });
        }

        if (state is not null)
        {
            throw new ResourceAlreadyExistsException(c.EquipmentId, $"Instrument '{c.EquipmentId}' already exists.");
        }

        return [new EquipmentRegistered(c.EquipmentId, c.DisplayName, c.Kind, c.Caller.Organisation, c.Site, c.TimeZone, c.Rules, c.Now)];
    }
}
