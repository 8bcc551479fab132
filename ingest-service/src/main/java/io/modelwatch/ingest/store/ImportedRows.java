package io.modelwatch.ingest.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** {@code imported_row}: which import of a source last held each row (by the name the row gives its model). */
@ApplicationScoped
public class ImportedRows {

    private final EntityManager entities;

    public ImportedRows(EntityManager entities) {
        this.entities = entities;
    }

    /** Records that import {@code importId}, of the file of {@code snapshot}, holds the rows named {@code names}. */
    @Transactional
    public void held(String source, UUID importId, LocalDate snapshot, Collection<String> names) {
        if (names.isEmpty()) {
            return;
        }
        entities.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("insert into imported_row (source, name, last_import,"
                    + " last_snapshot) select ?, n, ?, ? from unnest(?::text[]) as n on conflict (source, name)"
                    + " do update set last_import = excluded.last_import, last_snapshot = excluded.last_snapshot")) {
                upsert.setString(1, source);
                upsert.setObject(2, importId);
                upsert.setDate(3, Date.valueOf(snapshot));
                upsert.setArray(4, connection.createArrayOf("text", names.toArray(String[]::new)));
                upsert.executeUpdate();
            }
        });
    }

    /** The rows earlier imports of {@code source} held and import {@code importId} does not, by name. */
    @Transactional
    public List<String> missing(String source, UUID importId) {
        return entities.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select name from imported_row where source = ? and last_import <> ? order by name")) {
                select.setString(1, source);
                select.setObject(2, importId);
                List<String> names = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                return names;
            }
        });
    }
}
