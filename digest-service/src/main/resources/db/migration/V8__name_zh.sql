-- The model's Chinese display name (the contract's nameZh), which zh-CN reviews, mails and feeds show before a Chinese
-- alias or a curated name, and by which a reference model can be asked for; null: none given. Snapshots received
-- before this column existed carry it already when their producer sent it.
alter table model add column name_zh text;
update model set name_zh = snapshot ->> 'nameZh' where snapshot ? 'nameZh';
create index model_name_zh on model (name_zh) where name_zh is not null;
