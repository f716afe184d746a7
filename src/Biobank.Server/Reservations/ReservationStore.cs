using Biobank.Domain.Reservations;
using Biobank.Server.EventStore;
using JasperFx.Events.Projections;
using Marten;

namespace Biobank.Server.Reservations;

public static class ReservationStore
{
    /// <summary>
    /// Reservations as inline snapshots with the columns their lists and the no-show sweep filter on;
    /// the instruments' calendar that guards their slots, inline; the change feed, by the async daemon.
    /// </summary>
    public static void ConfigureReservations(this StoreOptions store)
    {
        store.Projections.Add(new FoldProjection<Reservation, ReservationEvent>(), ProjectionLifecycle.Inline);
        store.Projections.Add(
            new EquipmentCalendar(), ProjectionLifecycle.Inline, nameof(EquipmentCalendar),
            rebuild => rebuild.DeleteDataInTableOnTeardown(EquipmentCalendar.Table));
        store.Projections.Add(
            new ReservationChanges(store.Serializer()), ProjectionLifecycle.Async, nameof(ReservationChanges),
            rebuild => rebuild.DeleteDataInTableOnTeardown(ReservationChanges.Table));
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
