using Grpc.Core;
using Npgsql;

namespace Biobank.Benchmarks.Baselines;

/// <summary>
/// The honest minimum behind a bare gRPC method, served by the benchmark's server beside the
/// Biobank services, through the same Kestrel, interceptor and bearer-token authentication, on a
/// pool of its own: a booking here costs the honest minimum plus a gRPC call, and the gap between
/// it and CreateReservation is Biobank's own work.
/// </summary>
public sealed class HonestBookingEndpoint(NpgsqlDataSource dataSource) : HonestBookingService.HonestBookingServiceBase
{
    public override async Task<BookResponse> Book(BookRequest request, ServerCallContext context)
    {
        await using var connection = await dataSource.OpenConnectionAsync(context.CancellationToken);
        return new BookResponse { Reservation = await BookingBaselines.BookHonestlyAsync(connection, request.Instrument, context.CancellationToken) };
    }
}
