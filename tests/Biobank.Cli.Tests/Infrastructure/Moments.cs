using System.Globalization;

namespace Biobank.Cli.Tests.Infrastructure;

/// <summary>Times as a person in Paris types them at the bench.</summary>
public static class Moments
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The first quarter hour at or after <paramref name="instant"/>.</summary>
    public static DateTimeOffset NextQuarter(DateTimeOffset instant)
    {
        var quarter = TimeSpan.FromMinutes(15).Ticks;
        return new DateTimeOffset((instant.UtcTicks + quarter - 1) / quarter * quarter, TimeSpan.Zero);
    }

    /// <summary>"2027-03-02 09:00" in Paris.</summary>
    public static string Local(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Paris).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Paris).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
