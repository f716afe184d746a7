using System.Diagnostics;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Biobank.Server.Tests.Foundation;

public sealed class TelemetryTests(TelemetryTests.TracedServer server) : IClassFixture<TelemetryTests.TracedServer>
{
    [Fact]
    public async Task A_gRPC_call_produces_a_server_span_with_its_database_work_under_it()
    {
        using var client = server.ClientFor("alice", "inserm", Role.Technician);
        var call = new Health.HealthClient(client.Channel).CheckAsync(new HealthCheckRequest());
        await call.ResponseAsync;
        var traceId = (await call.ResponseHeadersAsync).GetValue("x-correlation-id");

        var serverSpan = await server.WaitForSpanAsync(a =>
            a.TraceId.ToHexString() == traceId && a.Kind == ActivityKind.Server);
        serverSpan.DisplayName.ShouldContain("grpc.health.v1.Health/Check");
        var databaseSpans = server.Spans.Where(a => a.TraceId.ToHexString() == traceId && a.Source.Name == "Npgsql").ToList();
        databaseSpans.ShouldNotBeEmpty();
        databaseSpans.ShouldAllBe(span => IsUnder(span, serverSpan));
    }

    private static bool IsUnder(Activity span, Activity ancestor)
    {
        for (var parent = span.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return span.ParentSpanId == ancestor.SpanId;
    }

    public sealed class TracedServer : BiobankServerFixture
    {
        private readonly List<Activity> _spans = [];

        public IReadOnlyList<Activity> Spans
        {
            get
            {
                lock (_spans)
                {
                    return _spans.ToList();
                }
            }
        }

        public async Task<Activity> WaitForSpanAsync(Func<Activity, bool> match)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                if (Spans.FirstOrDefault(match) is { } span)
                {
                    return span;
                }

                await Task.Delay(50);
            }

            throw new TimeoutException("The span was never exported.");
        }

        protected override void ConfigureServer(WebApplicationBuilder builder) =>
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(new LockedList(_spans)));

        /// <summary>The exporter adds from the threads that end spans.</summary>
        private sealed class LockedList(List<Activity> inner) : System.Collections.ObjectModel.Collection<Activity>
        {
            protected override void InsertItem(int index, Activity item)
            {
                lock (inner)
                {
                    inner.Add(item);
                }
            }
        }
    }
}
