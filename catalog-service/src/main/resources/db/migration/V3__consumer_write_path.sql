-- The consumer writes every announcement's facts and every revision's snapshot once and reads them back only as
-- whole documents (no jsonb operator or index touches them): json keeps them as written and costs PostgreSQL no
-- conversion on insert, which the batch write path (CatalogStore.write) feels at thousands of rows per batch.
-- model.snapshot stays jsonb: the statistics and organisation queries take it apart.
alter table assertion alter column facts type json using facts::json;
alter table model_revision alter column snapshot type json using snapshot::json;
