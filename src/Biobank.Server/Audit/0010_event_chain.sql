-- Tamper evidence of the event store. Every event of a stream is chained to the one before it:
-- its hash is SHA-256 over the previous event's hash and the event's canonical content and
-- envelope (event_content below). The hashes live in biobank.event_chain, written by a trigger
-- in the transaction that appends the event, so no writer can skip it; Marten's own table keeps
-- the shape Marten expects. Events and their hashes are append-only: UPDATE, DELETE and TRUNCATE
-- are refused for every role. Only a table owner disabling the triggers can rewrite history, and
-- VerifyIntegrity (AuditService) then finds the first broken link.
create table if not exists biobank.event_chain (
    seq_id bigint primary key,
    stream_id varchar not null,
    version bigint not null,
    previous_hash bytea,
    hash bytea not null
);
create index if not exists event_chain_stream on biobank.event_chain (stream_id, version);

-- The canonical content of an event: jsonb renders objects with sorted keys and normalised
-- numbers, and the time is written in UTC whatever the session's time zone.
create or replace function biobank.event_content(e biobank.mt_events) returns bytea
language sql stable as $content$
    select convert_to(jsonb_build_array(
        e.id::text, e.stream_id, e.version, e.seq_id, e.type,
        to_char(e.timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        e.tenant_id, e.data, e.headers, e.correlation_id, e.causation_id, e.user_name)::text, 'UTF8')
$content$;

-- Chains one event to the latest event of its stream before it. Marten's tombstones (sequence
-- numbers of failed appends) belong to no stream and are not chained.
create or replace function biobank.chain_event(e biobank.mt_events) returns void
language plpgsql as $chain$
declare
    previous bytea;
begin
    if e.stream_id = 'mt_tombstone' then
        return;
    end if;
    select c.hash into previous from biobank.event_chain c
    where c.stream_id = e.stream_id and c.version < e.version
    order by c.version desc, c.seq_id desc limit 1;
    insert into biobank.event_chain (seq_id, stream_id, version, previous_hash, hash)
    values (e.seq_id, e.stream_id, e.version, previous, sha256(coalesce(previous, ''::bytea) || biobank.event_content(e)));
end
$chain$;

create or replace function biobank.chain_appended_event() returns trigger language plpgsql as $appended$
begin
    perform biobank.chain_event(new);
    return null;
end
$appended$;

drop trigger if exists event_chain_append on biobank.mt_events;
create trigger event_chain_append
    after insert on biobank.mt_events
    for each row
    execute function biobank.chain_appended_event();

create or replace function biobank.refuse_history_change() returns trigger language plpgsql as $refuse$
begin
    raise exception 'events are append-only: % on %.% is refused', tg_op, tg_table_schema, tg_table_name
        using errcode = 'insufficient_privilege';
end
$refuse$;

drop trigger if exists events_append_only on biobank.mt_events;
create trigger events_append_only
    before update or delete on biobank.mt_events
    for each row
    execute function biobank.refuse_history_change();
drop trigger if exists events_no_truncate on biobank.mt_events;
create trigger events_no_truncate
    before truncate on biobank.mt_events
    for each statement
    execute function biobank.refuse_history_change();
drop trigger if exists event_chain_append_only on biobank.event_chain;
create trigger event_chain_append_only
    before update or delete on biobank.event_chain
    for each row
    execute function biobank.refuse_history_change();
drop trigger if exists event_chain_no_truncate on biobank.event_chain;
create trigger event_chain_no_truncate
    before truncate on biobank.event_chain
    for each statement
    execute function biobank.refuse_history_change();

-- The events recorded before this migration, chained in the order of their streams' versions.
do $backfill$
declare
    e biobank.mt_events;
begin
    for e in
        select * from biobank.mt_events m
        where not exists (select 1 from biobank.event_chain c where c.seq_id = m.seq_id)
        order by m.stream_id, m.version, m.seq_id
    loop
        perform biobank.chain_event(e);
    end loop;
end
$backfill$;
