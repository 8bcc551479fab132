-- The outbox row names the revision it publishes (aggregate_id = slug, revision) instead of carrying a second copy of
-- its snapshot: the relay reads the snapshot from model_revision (json, stored exactly as written, so the record on
-- catalog.model-changes is byte for byte what the copy was). A revision whose snapshot is null is a tombstone.
-- Rows written before this migration keep their payload and no revision; the relay sends their payload as before.
alter table outbox_event add column revision bigint;
