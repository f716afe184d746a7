-- Every instrument's busy intervals, kept by EquipmentCalendar (an inline projection) in the
-- transaction of the events that change them. PostgreSQL is the last word on double booking.
create extension if not exists btree_gist;

create table if not exists biobank.equipment_calendar (
    entry_id text primary key,
    equipment_id text not null,
    kind text not null,
    slot tstzrange not null,
    buffer interval not null default interval '0',
    organisation text not null,
    exclusive boolean not null default false,
    recorded_at timestamptz not null default '-infinity'
);
-- A database made before migrations were recorded may hold the table without the last columns.
alter table biobank.equipment_calendar add column if not exists exclusive boolean not null default false;
alter table biobank.equipment_calendar add column if not exists recorded_at timestamptz not null default '-infinity';
comment on table biobank.equipment_calendar is null;

-- Two reservations of one instrument whose slots (interval plus buffer) overlap cannot both commit,
-- whichever server process wrote them.
do $$
begin
    if not exists (select 1 from pg_constraint where conname = 'equipment_calendar_no_double_booking') then
        alter table biobank.equipment_calendar add constraint equipment_calendar_no_double_booking
            exclude using gist (equipment_id with =, slot with &&) where (kind = 'Reservation');
    end if;
end
$$;
create index if not exists equipment_calendar_equipment_slot on biobank.equipment_calendar using gist (equipment_id, slot);

-- Maintenance and out-of-service periods are not in the exclusion constraint (maintenance may
-- knowingly overlap the bookings it leaves alone), so this trigger guards them at commit, under a
-- per-instrument advisory lock that makes the later of two concurrent transactions see the earlier
-- one. A reservation may not overlap an exclusive maintenance window (one that cancelled the
-- bookings it overlaps), nor a maintenance or out-of-service period recorded before the
-- reservation's slot was; an exclusive maintenance window may not overlap a reservation. It fails
-- as the exclusion constraint does (23P01), naming equipment_calendar_maintenance, so the write
-- path decides again on the new state. Judged at commit on rows still as they were written, by when
-- each was recorded, the same events replayed in one transaction (a rebuild) raise no false conflict.
create or replace function biobank.equipment_calendar_guard() returns trigger language plpgsql as $guard$
begin
    -- A row removed or moved later in the transaction is judged as it is now, by its own trigger,
    -- and a slot that only shrank (an early check-out) cannot create an overlap.
    if not exists (select 1 from biobank.equipment_calendar c where c.entry_id = new.entry_id and c.slot = new.slot)
        or (tg_op = 'UPDATE' and old.slot @> new.slot)
    then
        return null;
    end if;
    perform pg_advisory_xact_lock(hashtextextended(new.equipment_id, 0));
    if new.kind = 'Reservation' and exists (
        select 1 from biobank.equipment_calendar other
        where other.equipment_id = new.equipment_id and other.kind <> 'Reservation' and other.slot && new.slot
          and (other.exclusive or other.recorded_at <= new.recorded_at))
    then
        raise exception 'reservation % overlaps a maintenance or out-of-service period', new.entry_id
            using errcode = 'exclusion_violation', constraint = 'equipment_calendar_maintenance';
    end if;
    if new.kind = 'Maintenance' and new.exclusive and exists (
        select 1 from biobank.equipment_calendar other
        where other.equipment_id = new.equipment_id and other.kind = 'Reservation' and other.slot && new.slot)
    then
        raise exception 'maintenance % overlaps a reservation', new.entry_id
            using errcode = 'exclusion_violation', constraint = 'equipment_calendar_maintenance';
    end if;
    return null;
end
$guard$;

drop trigger if exists equipment_calendar_guard on biobank.equipment_calendar;
create constraint trigger equipment_calendar_guard
    after insert or update of slot on biobank.equipment_calendar
    deferrable initially deferred
    for each row
    when (new.kind <> 'OutOfService')
    execute function biobank.equipment_calendar_guard();
