-- The entry's snapshot is kept out of line but not compressed, as in the catalog (its V11): with only pglz in this
-- build of PostgreSQL, compressing a 3.3 KB Epoch snapshot cost about 45 us of the database's CPU per write, on two
-- cores that the pipeline already fills (issue 15). The price is disk (about 1.6 times for such snapshots). Only
-- values written from now on are affected.
alter table model alter column snapshot set storage external;
