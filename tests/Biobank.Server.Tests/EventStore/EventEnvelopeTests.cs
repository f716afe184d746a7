using System.Text.Json;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;
using Npgsql;

namespace Biobank.Server.Tests.EventStore;

/// <summary>Every event records who, for which organisation, in which call, and why.</summary>
public sealed class EventEnvelopeTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task An_event_records_the_caller_organisation_roles_correlation_causation_and_request()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var bob = server.ClientFor("bob.lims", "inserm", "lab-system", "technician");
        var booking = Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 2), TimeSpan.FromHours(1));
        var reservation = await bob.Reservations.CreateReservationAsync(booking, new Metadata { { "x-correlation-id", "lims-run-7" } });
        var cancel = new CancelReservationRequest { RequestId = Biobank.Client.BiobankClient.NewRequestId(), Name = reservation.Name, Reason = "Sample lost" };
        await bob.Reservations.CancelReservationAsync(cancel);

        var events = await EventsOfAsync(reservation.Name);

        events.Select(e => e.Type).ShouldBe(["reservation_booked", "reservation_cancelled"]);
        var booked = events[0];
        booked.UserName.ShouldBe("bob.lims");
        booked.CorrelationId.ShouldBe("lims-run-7");
        booked.CausationId.ShouldBe(booking.RequestId);
        booked.Headers["organisation"].ShouldBe("inserm");
        booked.Headers["roles"].ShouldBe("lab-system technician");
        booked.Headers["request_id"].ShouldBe(booking.RequestId);
        events[1].Headers["request_id"].ShouldBe(cancel.RequestId);
        events[1].Data.GetProperty("Reason").GetString().ShouldBe("Sample lost");
    }

    private async Task<List<RecordedEvent>> EventsOfAsync(string stream)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select type, user_name, correlation_id, causation_id, headers, data from biobank.mt_events where stream_id = $1 order by version",
            connection)
        {
            Parameters = { new NpgsqlParameter { Value = stream } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<RecordedEvent>();
        while (await reader.ReadAsync())
        {
            var headers = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(reader.GetString(4))!
                .ToDictionary(h => h.Key, h => h.Value.ToString());
            events.Add(new RecordedEvent(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), headers,
                JsonDocument.Parse(reader.GetString(5)).RootElement));
        }

        return events;
    }

    private sealed record RecordedEvent(
        string Type, string UserName, string CorrelationId, string CausationId, Dictionary<string, string> Headers, JsonElement Data);
}
