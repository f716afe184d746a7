-- The chaining of 0010_event_chain.sql done in the trigger itself instead of through a second
-- function it called: the same previous hash, the same content, the same hash, with one function
-- call and one statement less per appended event. The function, left to 0010's backfill of the
-- events recorded before it, goes.
create or replace function biobank.chain_appended_event() returns trigger language plpgsql as $appended$
declare
    previous bytea;
begin
    -- Marten's tombstones (sequence numbers of failed appends) belong to no stream and are not chained.
    if new.stream_id = 'mt_tombstone' then
        return null;
    end if;
    select c.hash into previous from biobank.event_chain c
    where c.stream_id = new.stream_id and c.version < new.version
    order by c.version desc, c.seq_id desc limit 1;
    insert into biobank.event_chain (seq_id, stream_id, version, previous_hash, hash)
    values (new.seq_id, new.stream_id, new.version, previous, sha256(coalesce(previous, ''::bytea) || biobank.event_content(new)));
    return null;
end
$appended$;

drop function if exists biobank.chain_event(biobank.mt_events);
