-- Provenance: what each announcement stated. One row per announcement (its facts as JSON) rather than one per
-- field: every non-null field of `facts` is an assertion of that field by `publisher` with `confidence` at
-- `stated_at`. Per-field provenance is derived from these rows (ModelMerger.provenance), and an event costs
-- one insert instead of a dozen, which is what keeps the consumer fast.
create table assertion (
    event_id    text primary key,
    slug        text        not null,
    publisher   text,
    confidence  text,
    stated_at   timestamptz,
    facts       jsonb       not null
);
create index assertion_slug on assertion (slug);

-- Announcements withdrawn by a retraction: if a retracted announcement arrives late, it is never applied.
create table retracted_announcement (
    event_id             text primary key,
    retraction_event_id  text        not null,
    reason               text,
    retracted_at         timestamptz not null
);

-- Every change is a revision; snapshot null means the entry was deleted (last source retracted, or merged away).
create table model_revision (
    slug        text        not null,
    revision    bigint      not null,
    cause       text        not null,
    event_id    text,
    snapshot    jsonb,
    created_at  timestamptz not null,
    primary key (slug, revision)
);

-- Entity resolution: the match key of every name announced (or added by an admin) -> the entry's slug.
create table model_alias (
    name_key    text primary key,
    slug        text        not null,
    name        text        not null,
    added_by    text        not null check (added_by in ('announcement', 'admin')),
    created_at  timestamptz not null
);
create index model_alias_slug on model_alias (slug);

-- A merged-away slug answers with a redirect to the survivor.
create table model_redirect (
    slug        text primary key,
    target      text        not null,
    merged_at   timestamptz not null
);

-- Curated organisations and their aliases (match keys, see MatchKeys.organization).
create table organization (
    name        text primary key,
    country     text check (country ~ '^[A-Z]{2}$'),
    category    text check (category in ('industry', 'academia', 'government', 'collaboration'))
);
create table organization_alias (
    alias_key     text primary key,
    alias         text not null,
    organization  text not null references organization (name)
);

insert into organization (name, country, category) values
    ('OpenAI', 'US', 'industry'),
    ('Google', 'US', 'industry'),
    ('DeepMind', 'GB', 'industry'),
    ('Microsoft', 'US', 'industry'),
    ('Microsoft Research Asia', 'CN', 'industry'),
    ('NVIDIA', 'US', 'industry'),
    ('Meta', 'US', 'industry'),
    ('GitHub', 'US', 'industry'),
    ('Hugging Face', 'US', 'industry'),
    ('EleutherAI', 'US', 'collaboration'),
    ('BigScience', 'FR', 'collaboration'),
    ('HPC-AI Tech', 'SG', 'industry'),
    ('Baidu', 'CN', 'industry'),
    ('Alibaba', 'CN', 'industry'),
    ('Tencent', 'CN', 'industry'),
    ('Huawei', 'CN', 'industry'),
    ('Langboat', 'CN', 'industry'),
    ('Tsinghua University', 'CN', 'academia'),
    ('Institute of Automation, Chinese Academy of Sciences', 'CN', 'academia'),
    ('IDEA Research', 'CN', 'academia'),
    ('Beijing Academy of Artificial Intelligence', 'CN', 'academia');

-- alias_key = MatchKeys.organization(alias): NFKC/NFKD, no diacritics, lower case, letters and digits only.
insert into organization_alias (alias_key, alias, organization) values
    ('googlebrain', 'Google Brain', 'Google'),
    ('googleresearch', 'Google Research', 'Google'),
    ('googleai', 'Google AI', 'Google'),
    ('谷歌', '谷歌', 'Google'),
    ('百度', '百度', 'Baidu'),
    ('baiduresearch', 'Baidu Research', 'Baidu'),
    ('澜舟科技', '澜舟科技', 'Langboat'),
    ('langboattechnology', 'Langboat Technology', 'Langboat'),
    ('alibabadamoacademy', 'Alibaba DAMO Academy', 'Alibaba'),
    ('damoacademy', 'DAMO Academy', 'Alibaba'),
    ('阿里巴巴', '阿里巴巴', 'Alibaba'),
    ('阿里巴巴达摩院', '阿里巴巴达摩院', 'Alibaba'),
    ('腾讯', '腾讯', 'Tencent'),
    ('tencentailab', 'Tencent AI Lab', 'Tencent'),
    ('华为', '华为', 'Huawei'),
    ('huaweicloud', 'Huawei Cloud', 'Huawei'),
    ('华为云', '华为云', 'Huawei'),
    ('清华大学', '清华大学', 'Tsinghua University'),
    ('casia', 'CASIA', 'Institute of Automation, Chinese Academy of Sciences'),
    ('中国科学院自动化研究所', '中国科学院自动化研究所', 'Institute of Automation, Chinese Academy of Sciences'),
    ('idea', 'IDEA', 'IDEA Research'),
    ('internationaldigitaleconomyacademy', 'International Digital Economy Academy', 'IDEA Research'),
    ('baai', 'BAAI', 'Beijing Academy of Artificial Intelligence'),
    ('智源研究院', '智源研究院', 'Beijing Academy of Artificial Intelligence'),
    ('msra', 'MSRA', 'Microsoft Research Asia'),
    ('微软亚洲研究院', '微软亚洲研究院', 'Microsoft Research Asia'),
    ('microsoftresearch', 'Microsoft Research', 'Microsoft'),
    ('微软', '微软', 'Microsoft'),
    ('nvidiaresearch', 'NVIDIA Research', 'NVIDIA'),
    ('metaai', 'Meta AI', 'Meta'),
    ('facebookairesearch', 'Facebook AI Research', 'Meta'),
    ('fair', 'FAIR', 'Meta'),
    ('facebook', 'Facebook', 'Meta'),
    ('hpcaitechnology', 'HPC-AI Technology', 'HPC-AI Tech'),
    ('huggingface', 'HuggingFace', 'Hugging Face');

-- Query columns, kept in step with the snapshot (CatalogModel/CatalogStore): arrays for the filters,
-- `search` for q (names, aliases, organisations, summaries), matched with ILIKE through a trigram index.
alter table model
    add column accessibility  text,
    add column organizations  text[] not null default '{}',
    add column countries      text[] not null default '{}',
    add column modalities     text[] not null default '{}',
    add column tags           text[] not null default '{}',
    add column search         text   not null default '';

-- Trusted extension (PostgreSQL 13+): the database owner may create it. In `public`, so that every service's
-- schema can share one installation; referenced by its qualified name below.
create extension if not exists pg_trgm with schema public;
create index model_search on model using gin (search public.gin_trgm_ops);
create index model_organizations on model using gin (organizations);
create index model_countries on model using gin (countries);
create index model_modalities on model using gin (modalities);
create index model_tags on model using gin (tags);
create index model_parameters on model (parameters);
create index model_kind on model (kind);
