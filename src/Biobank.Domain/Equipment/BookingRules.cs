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

    /// <summary>Longest duration or horizon a rule may name.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366 * 2);

    /// <summary>Longest buffer kept after a reservation.</summary>
    public static readonly TimeSpan LongestBuffer = TimeSpan.FromDays(7);

    /// <summary>Longest grace before a reservation nobody checked in becomes a no-show.</summary>
    public static readonly TimeSpan LongestNoShowGrace = TimeSpan.FromDays(1);
}
