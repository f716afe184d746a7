-- Which sample has which barcode and which box position, kept by SampleRegistry (an inline
-- projection) in the transaction of the events that register, place, move and dispose of samples.
-- Their keys make PostgreSQL the last word when two registrations or placements race.

-- Every barcode ever given to a sample, per organisation: a disposed sample keeps its barcode, so
-- labels in old records never point to a new container.
create table if not exists biobank.sample_barcodes (
    organisation text not null,
    barcode text not null,
    sample_id text not null,
    constraint sample_barcodes_pkey primary key (organisation, barcode)
);
comment on table biobank.sample_barcodes is null;

-- One sample per position, and one position per sample.
create table if not exists biobank.sample_positions (
    storage_unit text not null,
    position text not null,
    sample_id text not null,
    constraint sample_positions_pkey primary key (storage_unit, position),
    constraint sample_positions_sample_id_key unique (sample_id)
);
comment on table biobank.sample_positions is null;
