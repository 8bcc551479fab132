-- The W3C trace context (traceparent, tracestate) of what caused each outbox row, so the relay's record on
-- catalog.model-changes continues the trace of the announcement (or admin request) behind the change.
alter table outbox_event add column traceparent text;
alter table outbox_event add column tracestate text;
