-- Every outbox row names the revision it publishes (V5), and the relay reads nothing else: a row written before V5
-- (no revision, its snapshot in payload) could no longer be published, and a dead letter without a revision holds the
-- only copy of its snapshot. Such rows never left development; rather than drop one, this migration refuses to run
-- while one is left. Then the revision is required and the payload columns, which nothing reads, go.
do $$
declare
    unsent bigint;
    dead bigint;
begin
    select count(*) into unsent from outbox_event where revision is null or payload is not null;
    if unsent > 0 then
        raise exception 'V9: outbox_event holds % row(s) written before V5 (no revision, the snapshot in payload), which '
            'this catalog cannot publish. Start the previous catalog version until its outbox relay has sent them (the '
            'outbox is empty of them), then start this one again.', unsent;
    end if;
    select count(*) into dead from outbox_dead_letter where revision is null or payload is not null;
    if dead > 0 then
        raise exception 'V9: outbox_dead_letter holds % row(s) without a revision, whose payload is the only copy of '
            'their snapshot. Save that payload elsewhere and delete those rows, then start this catalog again.', dead;
    end if;
end $$;

alter table outbox_event alter column revision set not null;
alter table outbox_event drop column payload;
alter table outbox_dead_letter alter column revision set not null;
alter table outbox_dead_letter drop column payload;
