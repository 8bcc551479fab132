-- The catalog: one row per model, its current snapshot (what catalog.model-changes carries) plus the
-- columns that queries filter and sort on.
create table model (
    slug             text primary key,
    revision         bigint      not null,
    kind             text        not null,
    name             text        not null,
    published_start  date,
    parameters       bigint check (parameters > 0),
    announcements    integer     not null,
    snapshot         jsonb       not null,
    updated_at       timestamptz not null
);
create index model_published_start on model (published_start);

-- Consumer idempotence: a CloudEvent id is recorded in the same transaction as its effect.
create table processed_event (
    event_id      text primary key,
    event_type    text        not null,
    processed_at  timestamptz not null
);

-- Transactional outbox for catalog.model-changes: written with the change, published by the relay.
create table outbox_event (
    id            bigserial primary key,
    event_id      uuid        not null unique,
    event_type    text        not null,
    aggregate_id  text        not null,
    payload       json,          -- json, not jsonb: the snapshot goes out exactly as written
    created_at    timestamptz not null
);
