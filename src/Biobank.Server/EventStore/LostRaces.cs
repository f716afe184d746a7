using System.Collections.Frozen;
using JasperFx;
using JasperFx.Events;
using Npgsql;

namespace Biobank.Server.EventStore;

/// <summary>
/// Which failures of a change are races it lost to a concurrent writer, to be decided again on the
/// new state: a stream's version moved on, or a guard table (a slot, a barcode, a position) was
/// taken. A unique or exclusion violation of any other constraint is a fault, not a race.
/// </summary>
public static class LostRaces
{
    private static readonly FrozenSet<string> Guards = new[]
    {
        Reservations.EquipmentCalendar.NoDoubleBooking,
        Reservations.EquipmentCalendar.MaintenanceGuard,
        Samples.SampleRegistry.OneSamplePerBarcode,
        Samples.SampleRegistry.OneSamplePerPosition,
        Samples.SampleRegistry.OnePositionPerSample,
        Transfers.OpenTransfers.OneOpenTransferPerItem,
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsLostRace(Exception exception) =>
        exception is ConcurrencyException
            or ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException
            or Marten.Exceptions.StreamLockedException or JasperFx.Events.StreamLockedException
        || exception.FindPostgresError()?.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
        || IsGuardTaken(exception);

    /// <summary>
    /// Whether <paramref name="exception"/> says a guard table's row was taken by another writer. That
    /// writer has committed (PostgreSQL reports the violation only then), so the next attempt sees it.
    /// </summary>
    public static bool IsGuardTaken(Exception exception) =>
        exception.FindPostgresError() is { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation, ConstraintName: { } name }
        && Guards.Contains(name);

    /// <summary>The PostgreSQL error behind <paramref name="exception"/>, however deeply Marten wrapped it.</summary>
    public static PostgresException? FindPostgresError(this Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }
}
