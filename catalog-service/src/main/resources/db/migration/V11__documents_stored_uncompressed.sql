-- The documents each change writes (the announcement's facts, the revision's snapshot, the entry's snapshot) are kept
-- out of line but not compressed. An Epoch row's documents are about 3.3 KB, over the size at which PostgreSQL
-- compresses a row's values, and this build of PostgreSQL has only pglz: compressing them cost about 45 us of the
-- database's CPU per document (3,000 rows with two such documents: 550-660 ms compressed, 300-370 ms not, on the
-- development machine), three documents per change on the catalog's write path, on two cores that the pipeline
-- already fills (issue 15). The price is disk: those documents take about 1.6 times the space. Only values
-- written from now on are affected.
alter table assertion alter column facts set storage external;
alter table model_revision alter column snapshot set storage external;
alter table model alter column snapshot set storage external;
