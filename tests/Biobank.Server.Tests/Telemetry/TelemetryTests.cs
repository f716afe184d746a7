extern alias BiobankServer;

using System.Diagnostics;
using System.Diagnostics.Metrics;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using BiobankServer::Biobank.Server.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Biobank.Server.Tests.Telemetry;

public sealed class TelemetryTests(TelemetryTests.TracedServer server) : IClassFixture<TelemetryTests.TracedServer>
{
    [Fact]
    public async Task A_gRPC_call_produces_a_server_span_with_its_database_work_under_it()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var client = server.ClientFor("alice", "inserm", Role.Technician);
        var call = client.Equipment.GetEquipmentAsync(new GetEquipmentRequest { Name = confocal.Name });
        await call.ResponseAsync;
        var traceId = (await call.ResponseHeadersAsync).GetValue("x-correlation-id");

        var serverSpan = await server.WaitForSpanAsync(a =>
            a.TraceId.ToHexString() == traceId && a.Kind == ActivityKind.Server);
        serverSpan.DisplayName.ShouldContain("biobank.v1.EquipmentService/GetEquipment");
        var databaseSpans = server.Spans.Where(a => a.TraceId.ToHexString() == traceId && a.Source.Name == "Npgsql").ToList();
        databaseSpans.ShouldNotBeEmpty();
        databaseSpans.ShouldAllBe(span => IsUnder(span, serverSpan));
    }

    [Fact]
    public async Task Booking_outcomes_are_counted_by_state_and_by_refusal_reason()
    {
        var outcomes = new List<string>();
        using var listener = new MeterListener();
        var meter = server.Service<BiobankMetrics>().Meter;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter && instrument.Name == "biobank.reservation.bookings")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (outcomes)
            {
                outcomes.Add(tags.ToArray().Single(t => t.Key == "outcome").Value!.ToString()!);
            }
        });
        listener.Start();
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.ClientFor("alice", "anses", Role.Technician);
        var booking = Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 2), TimeSpan.FromHours(1));

        await alice.Reservations.CreateReservationAsync(booking);
        await Should.ThrowAsync<Grpc.Core.RpcException>(alice.Reservations.CreateReservationAsync(
            Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 2), TimeSpan.FromHours(1))).ResponseAsync);

        lock (outcomes)
        {
            outcomes.ShouldBe(["Confirmed", "SLOT_UNAVAILABLE"]);
        }
    }

    /// <summary>Whether <paramref name="ancestor"/> is on the chain of parents of <paramref name="span"/> among the exported spans.</summary>
    private bool IsUnder(Activity span, Activity ancestor)
    {
        var bySpanId = server.Spans.Where(s => s.TraceId == span.TraceId).ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; parent != default; parent = bySpanId.TryGetValue(parent, out var next) ? next.ParentSpanId : default)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
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
