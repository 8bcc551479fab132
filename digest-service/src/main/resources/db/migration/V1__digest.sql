-- The digest's own read model of the catalog, fed by catalog.model-changes (latest revision wins).
create table model (
    slug             text primary key,
    revision         bigint      not null,
    kind             text        not null,
    name             text        not null,
    published_start  date,
    parameters       bigint,
    snapshot         jsonb       not null,
    updated_at       timestamptz not null
);
create index model_published_start on model (published_start);

create table processed_event (
    event_id      text primary key,
    processed_at  timestamptz not null
);

-- Reviews as generated: the JSON document is kept whole, so a review reads the same later.
create table digest (
    id            uuid primary key,
    period_from   date        not null,
    period_to     date        not null,
    language      text        not null,
    content       jsonb       not null,
    created_at    timestamptz not null
);
