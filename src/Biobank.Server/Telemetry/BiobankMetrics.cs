using System.Diagnostics.Metrics;

namespace Biobank.Server.Telemetry;

/// <summary>Biobank's business counters, on a meter of this host's own (so hosts sharing a process count apart).</summary>
public sealed class BiobankMetrics
{
    public BiobankMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(BiobankTelemetry.MeterName);
        ReservationBookings = Meter.CreateCounter<long>(
            "biobank.reservation.bookings", description: "Booking requests answered, by outcome (state booked or reason refused).");
    }

    public Meter Meter { get; }

    /// <summary>Answers to booking requests, tagged <c>outcome</c>: the state booked, or the reason refused.</summary>
    public Counter<long> ReservationBookings { get; }
}
