-- Subscribers and the mail outbox (issue 7). A subscriber receives nothing but the confirmation until confirmed.
create table subscriber (
    id               uuid primary key,
    email            text        not null,
    email_key        text        not null,   -- lower-cased address, one subscription per address
    language         text        not null,
    frequency        text        not null,   -- a review kind: weekly, monthly, quarterly, half-year, yearly
    topics           jsonb       not null,   -- {"countries": [], "modalities": [], "kinds": []}; empty = everything
    status           text        not null,   -- pending, confirmed, unsubscribed
    created_at       timestamptz not null,
    confirmed_at     timestamptz,
    unsubscribed_at  timestamptz,
    hard_bounces     integer     not null default 0,
    soft_bounces     integer     not null default 0,
    suppressed_at    timestamptz,            -- set after too many hard bounces: nothing is sent any more
    constraint subscriber_email unique (email_key)
);
create index subscriber_audience on subscriber (frequency, language) where status = 'confirmed' and suppressed_at is null;

-- One row per mail to send. State machine: pending -> sending (claimed, with a lease) -> sent | pending again with a later
-- next_attempt_at (temporary failure) | failed (permanent, or too many attempts) | skipped (nothing to send any more).
create table delivery (
    id               uuid primary key,
    type             text        not null,   -- confirmation, welcome, digest
    subscriber_id    uuid        not null references subscriber (id) on delete cascade,
    digest_id        uuid        references digest (id),
    message_id       text        not null,   -- deterministic per (review, subscriber) for digests: a resend is recognisable
    state            text        not null,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    lease_until      timestamptz,
    last_error       text,
    created_at       timestamptz not null,
    sent_at          timestamptz,
    constraint delivery_message_id unique (message_id)
);
create unique index delivery_one_digest on delivery (digest_id, subscriber_id) where type = 'digest';
create unique index delivery_one_welcome on delivery (subscriber_id) where type = 'welcome';
create index delivery_due on delivery (next_attempt_at) where state in ('pending', 'sending');

create table bounce (
    id             uuid primary key,
    subscriber_id  uuid        not null references subscriber (id) on delete cascade,
    kind           text        not null,   -- soft, hard
    reason         text,
    received_at    timestamptz not null
);
