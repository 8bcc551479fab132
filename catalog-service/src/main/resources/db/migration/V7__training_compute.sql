-- Training compute (FLOP), the filter column of minCompute/maxCompute; the whole value (as written, approximate, note)
-- is in the snapshot like every field. Null: undisclosed (never 0).
alter table model add column training_compute double precision check (training_compute > 0);
create index model_training_compute on model (training_compute);
