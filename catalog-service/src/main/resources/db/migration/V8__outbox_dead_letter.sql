-- Changes the outbox relay can never send (larger than the broker takes, unserialisable): moved here with the reason,
-- so the changes after them keep flowing. The snapshot stays in model_revision (slug, revision); rows written before
-- V5 keep their payload here. Listed by GET /api/v1/admin/outbox/dead-letters.
create table outbox_dead_letter (
    id            bigint primary key,   -- the outbox row's id
    event_id      uuid        not null unique,
    event_type    text        not null,
    aggregate_id  text        not null,
    revision      bigint,
    payload       json,
    payload_bytes bigint      not null,
    created_at    timestamptz not null,
    failed_at     timestamptz not null,
    reason        text        not null
);
