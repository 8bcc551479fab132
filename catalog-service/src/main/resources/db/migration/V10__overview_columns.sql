-- The dashboard overview aggregates a period's entries by organisation name and by the month (or, for a date known
-- only to the year, the year) of publication. Both used to be read out of each row's snapshot (jsonb) at query time,
-- which at 50,000 entries was most of the overview's cost. Like the other query columns (V2), ChangeWriter writes them
-- with the snapshot; this fills them for the rows already there.
alter table model
    -- the organisations' names as the snapshot states them (curated names where they matched), each once
    add column organization_names text[] not null default '{}',
    -- 'YYYY-MM' for a date known to the month or day, 'YYYY' for one known only to the year, null when undated
    add column published_key text;

update model set
    organization_names = array(select distinct o->>'name' from jsonb_array_elements(
        case when jsonb_typeof(snapshot->'organizations') = 'array' then snapshot->'organizations' else '[]'::jsonb end) o
        where o->>'name' is not null),
    published_key = left(snapshot->>'published', 7);
