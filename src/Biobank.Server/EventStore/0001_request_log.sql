-- The responses of applied changes (RequestLog), stored in the transaction of their events, by
-- caller and request id: a retried request is answered again and applied at most once.
create schema if not exists biobank;

create table if not exists biobank.request_log (
    request_id text not null,
    organisation text not null,
    subject text not null default '',
    method text not null,
    request_hash bytea not null,
    response bytea not null,
    recorded_at timestamptz not null default now()
);
comment on table biobank.request_log is null;

-- A database made before request ids belonged to their caller keyed the log by request id alone.
alter table biobank.request_log add column if not exists subject text not null default '';
alter table biobank.request_log drop constraint if exists request_log_pkey;
alter table biobank.request_log drop constraint if exists request_log_caller_request;
alter table biobank.request_log add constraint request_log_caller_request primary key (organisation, subject, request_id);
