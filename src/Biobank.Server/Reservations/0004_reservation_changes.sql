-- The reservation change feed (ReservationChanges, an async projection): each change of a
-- reservation at its position in the event store's global sequence, with the reservation as it
-- was right after it. Marten's async daemon writes it in sequence order up to its high-water mark,
-- so a reader that resumes after a position misses nothing and repeats nothing.
create table if not exists biobank.reservation_changes (
    position bigint primary key,
    reservation_id text not null,
    equipment_id text not null,
    organisation text not null,
    equipment_owner text not null,
    change text not null,
    change_time timestamptz not null,
    reservation jsonb not null
);
create index if not exists reservation_changes_equipment on biobank.reservation_changes (equipment_id, position);
create index if not exists reservation_changes_organisation on biobank.reservation_changes (organisation, position);
create index if not exists reservation_changes_owner on biobank.reservation_changes (equipment_owner, position);
create index if not exists reservation_changes_reservation on biobank.reservation_changes (reservation_id, position);
