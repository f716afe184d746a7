using Biobank.Domain.Equipment;
using Biobank.Domain.Qualifications;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using Google.Protobuf.WellKnownTypes;
using V1 = Biobank.V1;

namespace Biobank.Server.Equipment;

/// <summary>Instruments and qualifications between their domain state and the API.</summary>
public static class EquipmentMapping
{
    public static V1.Equipment ToApi(this Instrument instrument)
    {
        var equipment = new V1.Equipment
        {
            Name = instrument.Id,
            DisplayName = instrument.DisplayName,
            Kind = (V1.EquipmentKind)instrument.Kind,
            OwnerOrganisation = ResourceNames.Organisation(instrument.OwnerOrganisation),
            CustodianOrganisation = ResourceNames.Organisation(instrument.Custodian),
            Transfer = instrument.Transfer ?? "",
            Loan = instrument.Loan ?? "",
            Site = ResourceNames.Site(instrument.Site),
            TimeZone = instrument.TimeZone,
            BookingRules = instrument.Rules.ToApi(),
            Status = (V1.EquipmentStatus)instrument.Status,
            StatusReason = instrument.StatusReason,
            CreateTime = Timestamp.FromDateTimeOffset(instrument.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(instrument.UpdateTime),
            Etag = Etags.Format(instrument.Version),
        };
        equipment.MaintenanceWindows.Add(instrument.Maintenance.Select(m => m.ToApi()));
        return equipment;
    }

    public static V1.MaintenanceWindow ToApi(this MaintenanceWindow window) => new()
    {
        MaintenanceId = window.MaintenanceId,
        Interval = window.Interval.ToApi(),
        Reason = window.Reason,
    };

    public static V1.BookingRules ToApi(this BookingRules rules) => new()
    {
        MinDuration = Duration.FromTimeSpan(rules.MinDuration),
        MaxDuration = Duration.FromTimeSpan(rules.MaxDuration),
        BookingHorizon = Duration.FromTimeSpan(rules.BookingHorizon),
        MinimumNotice = Duration.FromTimeSpan(rules.MinimumNotice),
        CrossOrganisationApproval = rules.CrossOrganisationApproval,
        QualificationRequired = rules.QualificationRequired,
        Buffer = Duration.FromTimeSpan(rules.Buffer),
        NoShowGrace = Duration.FromTimeSpan(rules.NoShowGrace),
    };

    /// <summary>The rules a request names, unset durations taking their defaults, with a violation per inconsistent rule.</summary>
    public static BookingRules Read(V1.BookingRules? rules, string field, RequestChecks checks)
    {
        var defaults = BookingRules.Default;
        if (rules is null)
        {
            return defaults;
        }

        var read = new BookingRules(
            RequestChecks.Duration(rules.MinDuration, defaults.MinDuration),
            RequestChecks.Duration(rules.MaxDuration, defaults.MaxDuration),
            RequestChecks.Duration(rules.BookingHorizon, defaults.BookingHorizon),
            RequestChecks.Duration(rules.MinimumNotice, defaults.MinimumNotice),
            rules.CrossOrganisationApproval,
            rules.QualificationRequired,
            RequestChecks.Duration(rules.Buffer, defaults.Buffer),
            RequestChecks.Duration(rules.NoShowGrace, defaults.NoShowGrace));
        void Check(bool ok, string name, string description)
        {
            if (!ok)
            {
                checks.Add($"{field}.{name}", description);
            }
        }

        Check(read.MinDuration > TimeSpan.Zero && read.MinDuration <= BookingRules.Longest, "min_duration", "must be positive and at most two years");
        Check(read.MaxDuration >= read.MinDuration && read.MaxDuration <= BookingRules.Longest, "max_duration", "must be at least min_duration and at most two years");
        Check(read.BookingHorizon > TimeSpan.Zero && read.BookingHorizon <= BookingRules.Longest, "booking_horizon", "must be positive and at most two years");
        Check(read.MinimumNotice >= TimeSpan.Zero && read.MinimumNotice < read.BookingHorizon, "minimum_notice", "must not be negative and must be shorter than booking_horizon");
        Check(read.Buffer >= TimeSpan.Zero && read.Buffer <= BookingRules.LongestBuffer, "buffer", "must not be negative and at most seven days");
        Check(read.NoShowGrace > TimeSpan.Zero && read.NoShowGrace <= BookingRules.LongestNoShowGrace, "no_show_grace", "must be positive and at most one day");
        return read;
    }

    public static V1.Qualification ToApi(this Qualification qualification)
    {
        var api = new V1.Qualification
        {
            Name = qualification.Id,
            Person = qualification.Person,
            PersonOrganisation = ResourceNames.Organisation(qualification.PersonOrganisation),
            Equipment = qualification.EquipmentId ?? "",
            EquipmentKind = (V1.EquipmentKind)(qualification.Kind ?? EquipmentKind.Unspecified),
            GrantingOrganisation = ResourceNames.Organisation(qualification.GrantingOrganisation),
            Revoked = qualification.Revoked,
            CreateTime = Timestamp.FromDateTimeOffset(qualification.CreateTime),
            Etag = Etags.Format(qualification.Version),
        };
        if (qualification.ExpireTime is { } expiry)
        {
            api.ExpireTime = Timestamp.FromDateTimeOffset(expiry);
        }

        return api;
    }
}
