-- Outgoing webhooks (issue 7): registered by admins, each call signed with the webhook's secret and retried with backoff.
create table webhook (
    id          uuid primary key,
    url         text        not null,
    events      text[]      not null,   -- digest.published, model.added
    secret      text        not null,
    created_at  timestamptz not null
);

-- The webhook outbox: recorded in the transaction of the event, sent by WebhookSender (same state machine as delivery).
create table webhook_call (
    id               uuid primary key,
    webhook_id       uuid        not null references webhook (id) on delete cascade,
    event            text        not null,
    payload          text        not null,
    state            text        not null,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    lease_until      timestamptz,
    last_error       text,
    created_at       timestamptz not null,
    delivered_at     timestamptz
);
create index webhook_call_due on webhook_call (next_attempt_at) where state in ('pending', 'sending');
