-- Writes to one instrument's calendar take the instrument's lock before their row goes in, so
-- transactions inserting overlapping rows never wait on one another inside the exclusion
-- constraint (a knot PostgreSQL breaks only after a second, one transaction at a time): the first
-- commits and each other then finds a committed row at once.
create or replace function biobank.equipment_calendar_lock() returns trigger language plpgsql as $lock$
begin
    perform pg_advisory_xact_lock(hashtextextended(new.equipment_id, 0));
    return new;
end
$lock$;

drop trigger if exists equipment_calendar_lock on biobank.equipment_calendar;
create trigger equipment_calendar_lock
    before insert or update of slot on biobank.equipment_calendar
    for each row
    execute function biobank.equipment_calendar_lock();

-- A loan holds its instrument's calendar as an exclusive maintenance window does: from its approval
-- (which cancelled the bookings it overlaps) to its expected return. The guard of
-- 0002_equipment_calendar.sql now judges a new loan as it judges a new exclusive window: a
-- reservation committed meanwhile in that time fails one of the two, and the write path decides
-- again on the new state.
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
        raise exception 'reservation % overlaps a maintenance, out-of-service or loan period', new.entry_id
            using errcode = 'exclusion_violation', constraint = 'equipment_calendar_maintenance';
    end if;
    if new.kind in ('Maintenance', 'Loan') and new.exclusive and exists (
        select 1 from biobank.equipment_calendar other
        where other.equipment_id = new.equipment_id and other.kind = 'Reservation' and other.slot && new.slot)
    then
        raise exception '% % overlaps a reservation', lower(new.kind), new.entry_id
            using errcode = 'exclusion_violation', constraint = 'equipment_calendar_maintenance';
    end if;
    return null;
end
$guard$;
