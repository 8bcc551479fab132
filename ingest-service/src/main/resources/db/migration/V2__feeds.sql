-- Feeds registered by admins and polled by ingest.
create table feed (
    id                   uuid primary key,
    url                  text        not null unique,
    name                 text        not null,
    organization         text,
    country              text,
    poll_interval_seconds integer    not null,
    -- keep/block rules as JSON: [{"field": "title|content|link|any", "pattern": "<java regex>"}]
    keep_rules           text        not null default '[]',
    block_rules          text        not null default '[]',
    created_by           text        not null,
    created_at           timestamptz not null,
    -- conditional polling
    etag                 text,
    last_modified        text,
    -- state shown to admins
    last_polled_at       timestamptz,
    last_status          text,
    last_http_status     integer,
    last_error           text,
    consecutive_failures integer     not null default 0,
    next_poll_at         timestamptz not null,
    entries_seen         bigint      not null default 0,
    announcements_sent   bigint      not null default 0
);

create index feed_next_poll on feed (next_poll_at);

-- Entries already handled, by GUID, else link, else a hash of title and content.
create table feed_entry (
    feed_id    uuid        not null references feed (id) on delete cascade,
    entry_key  text        not null,
    title      text,
    event_id   uuid,
    seen_at    timestamptz not null,
    primary key (feed_id, entry_key)
);
