using Biobank.Domain.Reservations;
using Biobank.Server.Calendar;
using JasperFx.Events.Projections;
using Marten;

namespace Biobank.Server.Reservations;

public static class ReservationStore
{
    /// <summary>Reservations as inline snapshots, and the instruments' calendar that guards their slots.</summary>
    public static void ConfigureReservations(this StoreOptions store)
    {
        store.Projections.Add<ReservationProjection>(ProjectionLifecycle.Inline);
        store.Projections.Add(new EquipmentCalendarProjection(), ProjectionLifecycle.Inline);
        store.Storage.ExtendedSchemaObjects.Add(EquipmentCalendar.Schema);
        store.Schema.For<Reservation>()
            .Duplicate(x => x.EquipmentId)
            .Duplicate(x => x.Organisation)
            .Duplicate(x => x.EquipmentOwner)
            .Duplicate(x => x.Interval.Start)
            .Duplicate(x => x.SeriesId!)
            .Duplicate(x => x.State)
            .Duplicate(x => x.NoShowDue);
    }
}
