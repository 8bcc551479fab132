-- The read model's training compute (FLOP), for reviews that rank or compare training runs; null: undisclosed.
alter table model add column training_compute double precision;
