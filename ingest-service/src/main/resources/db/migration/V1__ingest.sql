-- Every accepted announcement: who published it (only they or an admin may retract it), its slug (the
-- retraction is keyed by it) and, once retracted, the retraction's own event id (a repeated retraction
-- re-sends the same event).
create table announcement (
    event_id            uuid primary key,
    slug                text        not null,
    publisher           text        not null,
    announced_at        timestamptz not null,
    retraction_event_id uuid,
    retraction_reason   text,
    retracted_by        text,
    retracted_at        timestamptz
);

-- Idempotency-Key: one row per (API key name, idempotency key) with the SHA-256 of the request body.
-- The event ids of an idempotent request are derived from (key name, idempotency key, line), so a retry
-- finds the same announcement rows.
create table idempotency_key (
    key_name        text        not null,
    idempotency_key text        not null,
    endpoint        text        not null,
    body_sha256     text        not null,
    created_at      timestamptz not null,
    primary key (key_name, idempotency_key)
);
