using Biobank.Client;
using Biobank.V1;
using Microsoft.AspNetCore.Builder;

namespace Biobank.Server.Tests.Infrastructure;

/// <summary>A server whose no-show sweep runs every 100 ms, for tests that move the clock past grace periods.</summary>
public sealed class SweepingServerFixture : BiobankServerFixture
{
    protected override void ConfigureServer(WebApplicationBuilder builder) =>
        builder.Configuration["Reservations:NoShowSweepInterval"] = "00:00:00.100";

    /// <summary>Polls the reservation (bounded) until the server's background work brings it to <paramref name="state"/>.</summary>
    public static async Task<Reservation> WaitForStateAsync(BiobankClient client, string name, ReservationState state)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var reservation = await client.Reservations.GetReservationAsync(new GetReservationRequest { Name = name });
            if (reservation.State == state)
            {
                return reservation;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{name} never became {state}.");
    }
}
