-- The rows of imported files, by the name each row gives its model, per source (Epoch AI's file): which import last
-- held each, so that an import reports the rows earlier files had and it no longer has. Reported, never deleted.
create table imported_row (
    source        text not null,
    name          text not null,
    last_import   uuid not null,
    last_snapshot date not null,
    primary key (source, name)
);
