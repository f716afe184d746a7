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
    public const string MeterName = "Biobank";

    public static IServiceCollection AddBiobankTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddNpgsql()
                .AddSource("Marten"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Marten")
                .AddMeter("Npgsql")
                .AddMeter(MeterName));

        services.AddSingleton<BiobankMetrics>();
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
