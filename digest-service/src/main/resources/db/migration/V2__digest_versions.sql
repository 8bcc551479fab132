-- Reviews by kind and period, versioned: regenerating a period adds a version and keeps the old ones.
alter table digest add column kind text not null default 'on-demand';
alter table digest add column period_key text;
alter table digest add column version integer not null default 1;
alter table digest add column title text;
alter table digest add column summary text;
update digest set period_key = period_from || '..' || period_to where period_key is null;
alter table digest alter column period_key set not null;
-- With several replicas, the scheduled review of a period is generated once: this is the backstop of the advisory lock.
alter table digest add constraint digest_one_version unique (kind, period_key, language, version);
create index digest_archive on digest (kind, language, created_at desc);
