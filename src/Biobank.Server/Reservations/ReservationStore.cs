using Biobank.Domain.Reservations;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using JasperFx.Events.Projections;
using Marten;

namespace Biobank.Server.Reservations;

public static class ReservationStore
{
    /// <summary>
    /// Reservations in the change feed: watched by their instrument, or by an organisation that
    /// booked them or has the instrument in its custody.
    /// </summary>
    public static readonly ChangeFeed.Source Feed = new ChangeFeed.Source<Reservation, ReservationEvent>(
        nameof(Reservation), r => r.Id, r => [r.Id, r.EquipmentId, ResourceNames.Organisation(r.Organisation), ResourceNames.Organisation(r.EquipmentOwner)]);

    /// <summary>
    /// Reservations as inline snapshots with the columns their lists and the no-show sweep filter on;
    /// the instruments' calendar that guards their slots, inline.
    /// </summary>
    public static void ConfigureReservations(this StoreOptions store)
    {
        store.Projections.Add(new FoldProjection<Reservation, ReservationEvent>(), ProjectionLifecycle.Inline);
        store.Projections.Add(
            new EquipmentCalendar(), ProjectionLifecycle.Inline, nameof(EquipmentCalendar),
            rebuild => rebuild.DeleteDataInTableOnTeardown(EquipmentCalendar.Table));
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
