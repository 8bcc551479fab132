-- The ledger keeps one row per accepted request (a single announcement, a batch, a feed entry) instead of one row
-- per announcement: a batch of 5,000 lines was 5,000 rows and 5,000 entries in a random-UUID index, most of
-- PostgreSQL's work on the batch path. The event id of the announcement at position p of a request (0, 1, ... in
-- the order of its accepted lines) is the request's id with its last 16 bits set to first_index + p, so a retraction
-- finds the request by the event id with those bits cleared, and the slug at that position.
create table accepted_request (
    id           uuid primary key,              -- last 16 bits zero
    first_index  integer     not null default 0, -- the last 16 bits of the event id of slugs[1]
    publisher    text        not null,          -- only they (or an admin) may retract the announcements
    announced_at timestamptz not null,          -- the announcedAt of every announcement of the request
    slugs        text[]      not null           -- by position; a retraction is keyed by the slug
);

-- A retraction, recorded under its own event id: a repeated retraction re-sends the same event.
create table retraction (
    announcement_event_id uuid primary key,
    event_id              uuid        not null unique,
    slug                  text        not null,
    reason                text,
    retracted_by          text        not null,
    retracted_at          timestamptz not null
);

-- Announcements accepted before: each becomes a request of one, whose first_index is its event id's last 16 bits
-- (so its event id stays what the publisher was told).
insert into accepted_request (id, first_index, publisher, announced_at, slugs)
select overlay(event_id::text placing '0000' from 33 for 4)::uuid,
       ('x' || right(event_id::text, 4))::bit(16)::integer,
       publisher, announced_at, array[slug]
from announcement;

insert into retraction (announcement_event_id, event_id, slug, reason, retracted_by, retracted_at)
select event_id, retraction_event_id, slug, retraction_reason, retracted_by, retracted_at
from announcement
where retraction_event_id is not null;

drop table announcement;
