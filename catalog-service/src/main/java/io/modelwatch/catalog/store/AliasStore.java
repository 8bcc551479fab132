package io.modelwatch.catalog.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The model aliases (table model_alias): which entry each match key resolves to, and who added it. */
@ApplicationScoped
public class AliasStore {

    public record AliasRow(String nameKey, String slug, String name, String addedBy) {
    }

    private final Jdbc jdbc;

    public AliasStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, String> aliasSlugs(Collection<String> keys) {
        return jdbc.pairs("select name_key, slug from model_alias where name_key = any(?)", keys);
    }

    /** Inserts the aliases whose key is still free; a concurrent replica's insert of the same key wins. */
    public void insertAliases(Collection<AliasRow> aliases, Instant now) {
        jdbc.batch("insert into model_alias (name_key, slug, name, added_by, created_at) values (?, ?, ?, ?, ?) on conflict do nothing",
                aliases, (s, a) -> {
                    s.setString(1, a.nameKey());
                    s.setString(2, a.slug());
                    s.setString(3, a.name());
                    s.setString(4, a.addedBy());
                    s.setTimestamp(5, Timestamp.from(now));
                });
    }

    /** An alias an announcement added becomes the admin's, under the name the admin gave. */
    public void adopt(String nameKey, String name) {
        jdbc.update("update model_alias set added_by = 'admin', name = ? where name_key = ?", name, nameKey);
    }

    public List<AliasRow> aliasesOf(String slug) {
        return jdbc.sql("select name_key, slug, name, added_by from model_alias where slug = ? order by name", s -> {
            s.setString(1, slug);
            List<AliasRow> rows = new ArrayList<>();
            Jdbc.readAll(s.executeQuery(), r -> rows.add(new AliasRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4))));
            return rows;
        });
    }

    public Map<String, List<String>> adminAliases(Collection<String> slugs) {
        Map<String, List<String>> bySlug = new HashMap<>();
        jdbc.sql("select slug, name from model_alias where added_by = 'admin' and slug = any(?)", s -> {
            s.setArray(1, Jdbc.texts(s.getConnection(), slugs));
            Jdbc.readAll(s.executeQuery(), r -> bySlug.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2)));
            return null;
        });
        return bySlug;
    }

    public void moveAliases(String from, String to) {
        jdbc.update("update model_alias set slug = ? where slug = ?", to, from);
    }
}
