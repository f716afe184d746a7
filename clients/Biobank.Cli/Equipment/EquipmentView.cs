using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Values;
using Biobank.V1;

namespace Biobank.Cli.Equipment;

/// <summary>How instruments and their rules read on the screen.</summary>
public static class EquipmentView
{
    public static Table List(IEnumerable<V1.Equipment> instruments)
    {
        var table = new Table("instrument", "name", "kind", "owner", "site", "status");
        foreach (var e in instruments)
        {
            table.Row(Names.Id(e.Name), e.DisplayName, Words.Of(e.Kind), Names.Id(e.OwnerOrganisation), Names.Id(e.Site), Status(e.Status));
        }

        return table;
    }

    public static Cell Status(EquipmentStatus status) =>
        new(Words.Of(status), status == EquipmentStatus.InService ? Tone.Good : Tone.Bad);

    public static void Details(Screen screen, V1.Equipment e, TimeZoneInfo zone)
    {
        screen.Line(e.DisplayName, Tone.Strong);
        screen.Fields(
            ("instrument", Names.Id(e.Name)),
            ("kind", Words.Of(e.Kind)),
            ("owner", Names.Id(e.OwnerOrganisation)),
            ("site", $"{Names.Id(e.Site)} ({e.TimeZone})"),
            ("status", Status(e.Status)),
            ("status reason", e.StatusReason));
        screen.Line();
        Rules(screen, e.BookingRules);
        if (e.MaintenanceWindows.Count > 0)
        {
            screen.Line();
            screen.Table(Maintenance(e, zone));
        }
    }

    public static void Rules(Screen screen, BookingRules? rules)
    {
        rules ??= new BookingRules();
        screen.Fields(
            ("shortest booking", Or(rules.MinDuration, "15 min")),
            ("longest booking", Or(rules.MaxDuration, "8 h")),
            ("booking horizon", Or(rules.BookingHorizon, "90 d")),
            ("minimum notice", Or(rules.MinimumNotice, "none")),
            ("buffer after", Or(rules.Buffer, "none")),
            ("no-show after", Or(rules.NoShowGrace, "30 min")),
            ("approval", rules.CrossOrganisationApproval ? "bookings by the other organisation wait for approval" : "none"),
            ("qualification", rules.QualificationRequired ? "required" : "not required"));
    }

    public static Table Maintenance(V1.Equipment e, TimeZoneInfo zone)
    {
        var table = new Table("maintenance", "when", "reason");
        foreach (var window in e.MaintenanceWindows)
        {
            table.Row(window.MaintenanceId, Times.ShowInterval(window.Interval, zone), window.Reason);
        }

        return table;
    }

    private static string Or(Google.Protobuf.WellKnownTypes.Duration? duration, string fallback) =>
        duration is null ? $"{fallback} (default)" : Durations.Show(duration);
}
