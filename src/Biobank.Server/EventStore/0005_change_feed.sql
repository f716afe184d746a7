-- The change feed (ChangeFeed, an async projection) behind every Watch method: each change of a
-- watched resource at its position in the event store's global sequence, with the resource as it
-- was right after it and the subjects a watcher follows it by (resource names: its own, the
-- organisations involved, the instrument or the items it concerns). Marten's async daemon writes it
-- in sequence order up to its high-water mark, so a reader that resumes after a position misses
-- nothing and repeats nothing. It takes over the reservation change feed, positions kept; the daemon then replays
-- the events into it from the start, and finds the reservations' rows already there.
create table if not exists biobank.change_feed (
    position bigint primary key,
    kind text not null,
    resource text not null,
    subjects text[] not null,
    change text not null,
    change_time timestamptz not null,
    state jsonb not null
);
create index if not exists change_feed_subjects on biobank.change_feed using gin (subjects);
create index if not exists change_feed_resource on biobank.change_feed (kind, resource, position);

insert into biobank.change_feed (position, kind, resource, subjects, change, change_time, state)
select position, 'Reservation', reservation_id,
       array[reservation_id, equipment_id, 'organisations/' || organisation, 'organisations/' || equipment_owner],
       change, change_time, reservation
from biobank.reservation_changes
on conflict (position) do nothing;

drop table biobank.reservation_changes;
