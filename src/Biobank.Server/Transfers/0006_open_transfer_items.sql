-- Which open transfer each item is in (OpenTransfers, an inline projection), written in the
-- transaction of the transfer events that open and close it. Its key keeps an item to one open
-- transfer: of two requests racing for one item, the second to commit fails here and, decided
-- again, finds the first's transfer.
create table if not exists biobank.open_transfer_items (
    item text primary key,
    transfer_id text not null
);
create index if not exists open_transfer_items_transfer on biobank.open_transfer_items (transfer_id);
