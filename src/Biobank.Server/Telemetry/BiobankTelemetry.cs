using System.Diagnostics;
using System.Diagnostics.Metrics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Biobank.Server.Telemetry;

/// <summary>Traces and metrics: gRPC server calls, Npgsql, Marten and Biobank's own business counters.</summary>
public static class BiobankTelemetry
{
    public const string ServiceName = "biobank-server";
    public const string SourceName = "Biobank";

    public static readonly ActivitySource Source = new(SourceName);
    public static readonly Meter Meter = new(SourceName);

    /// <summary>Answers to booking requests, tagged <c>outcome</c>: the state booked, or the reason refused.</summary>
    public static readonly Counter<long> ReservationBookings = Meter.CreateCounter<long>(
        "biobank.reservation.bookings", description: "Booking requests answered, by outcome (state booked or reason refused).");

    public static IServiceCollection AddBiobankTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddNpgsql()
                .AddSource("Marten")
                .AddSource(SourceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Marten")
                .AddMeter("Npgsql")
                .AddMeter(SourceName));

        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
