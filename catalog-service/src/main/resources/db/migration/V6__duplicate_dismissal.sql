-- Duplicate suggestions a curator dismissed (GET /api/v1/duplicates leaves them out): one row per pair of entries,
-- the smaller slug first. Merging is the existing admin merge; nothing is merged on a guess.
create table duplicate_dismissal (
    first_slug    text        not null,
    second_slug   text        not null,
    dismissed_at  timestamptz not null,
    primary key (first_slug, second_slug),
    check (first_slug < second_slug)
);
