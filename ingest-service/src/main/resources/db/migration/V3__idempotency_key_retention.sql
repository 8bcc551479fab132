-- Idempotency-Keys are kept for modelwatch.ingest.idempotency.retention (24 h), then deleted by age.
create index idempotency_key_created_at on idempotency_key (created_at);
