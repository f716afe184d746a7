-- An instrument's reservations are found through the index of the exclusion constraint that keeps
-- them apart (0002_equipment_calendar.sql); the index over every kind of entry is narrowed to the
-- other kinds (maintenance windows, out-of-service periods, loans), so a booking maintains one GiST
-- index instead of two. Readers ask for each kind through its own index (EquipmentCalendar), as
-- the guard trigger of 0007_calendar_locks_and_loans.sql already does.
create index if not exists equipment_calendar_other_kinds
    on biobank.equipment_calendar using gist (equipment_id, slot) where kind <> 'Reservation';
drop index if exists biobank.equipment_calendar_equipment_slot;
