-- The dashboard overview aggregates a period's entries by organisation name and by the month (or, for a date known
-- only to the year, the year) of publication. Both used to be read out of each row's snapshot (jsonb) at query time,
-- which at 50,000 entries was most of the overview's cost. Generated columns keep them in step with the snapshot
-- whatever writes it (no write-path code), computed once per write.

-- The organisations' names as the snapshot states them (curated names where they matched), each once.
create function organization_names(snapshot jsonb) returns text[]
    language sql immutable parallel safe as $$
    select array(select distinct o->>'name' from jsonb_array_elements(
        case when jsonb_typeof(snapshot->'organizations') = 'array' then snapshot->'organizations' else '[]'::jsonb end) o
        order by 1)
$$;

alter table model
    add column organization_names text[] generated always as (organization_names(snapshot)) stored,
    -- 'YYYY-MM' for a date known to the month or day, 'YYYY' for one known only to the year, null when undated.
    add column published_key text generated always as (left(snapshot->>'published', 7)) stored;
