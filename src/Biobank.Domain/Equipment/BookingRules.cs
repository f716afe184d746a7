using Biobank.Domain.Failures;

namespace Biobank.Domain.Equipment;

/// <summary>The rules every reservation of an instrument must follow.</summary>
public sealed record BookingRules(
    TimeSpan MinDuration,
    TimeSpan MaxDuration,
    TimeSpan BookingHorizon,
    TimeSpan MinimumNotice,
    bool CrossOrganisationApproval,
    bool QualificationRequired,
    TimeSpan Buffer,
    TimeSpan NoShowGrace)
{
    public static BookingRules Default { get; } = new(
        MinDuration: TimeSpan.FromMinutes(15),
        MaxDuration: TimeSpan.FromHours(8),
        BookingHorizon: TimeSpan.FromDays(90),
        MinimumNotice: TimeSpan.Zero,
        CrossOrganisationApproval: false,
        QualificationRequired: false,
        Buffer: TimeSpan.Zero,
        NoShowGrace: TimeSpan.FromMinutes(30));

    /// <summary>Longest duration, horizon, buffer or grace a rule may name.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366 * 2);

    /// <summary>One violation per inconsistent rule, named under <paramref name="field"/>.</summary>
    public IReadOnlyList<FieldViolation> Violations(string field)
    {
        var violations = new List<FieldViolation>();
        void Check(bool ok, string name, string description)
        {
            if (!ok)
            {
                violations.Add(new FieldViolation($"{field}.{name}", description));
            }
        }

        Check(MinDuration > TimeSpan.Zero && MinDuration <= Longest, "min_duration", "must be positive and at most two years");
        Check(MaxDuration >= MinDuration && MaxDuration <= Longest, "max_duration", "must be at least min_duration and at most two years");
        Check(BookingHorizon > TimeSpan.Zero && BookingHorizon <= Longest, "booking_horizon", "must be positive and at most two years");
        Check(MinimumNotice >= TimeSpan.Zero && MinimumNotice < BookingHorizon, "minimum_notice", "must not be negative and must be shorter than booking_horizon");
        Check(Buffer >= TimeSpan.Zero && Buffer <= TimeSpan.FromDays(7), "buffer", "must not be negative and at most seven days");
        Check(NoShowGrace > TimeSpan.Zero && NoShowGrace <= TimeSpan.FromDays(1), "no_show_grace", "must be positive and at most one day");
        return violations;
    }
}
