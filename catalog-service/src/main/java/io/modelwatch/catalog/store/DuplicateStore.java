package io.modelwatch.catalog.store;

import io.modelwatch.catalog.domain.DuplicateCandidates;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the duplicate suggestions read (every entry's slug and name) and the dismissed pairs (duplicate_dismissal). */
@ApplicationScoped
public class DuplicateStore {

    private final Jdbc jdbc;

    public DuplicateStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<DuplicateCandidates.Entry> entries() {
        return jdbc.sql("select slug, name from model", s -> {
            List<DuplicateCandidates.Entry> entries = new ArrayList<>();
            Jdbc.readAll(s.executeQuery(), r -> entries.add(new DuplicateCandidates.Entry(r.getString(1), r.getString(2))));
            return entries;
        });
    }

    /** The dismissed pairs, as {@link DuplicateCandidates#pairKey}. */
    public Set<String> dismissed() {
        return jdbc.sql("select first_slug, second_slug from duplicate_dismissal", s -> {
            Set<String> pairs = new HashSet<>();
            Jdbc.readAll(s.executeQuery(), r -> pairs.add(DuplicateCandidates.pairKey(r.getString(1), r.getString(2))));
            return pairs;
        });
    }

    /** Records a dismissal; false when the pair was already dismissed. */
    public boolean dismiss(String a, String b, Instant now) {
        boolean ordered = a.compareTo(b) < 0;
        return jdbc.sql("insert into duplicate_dismissal (first_slug, second_slug, dismissed_at) values (?, ?, ?) on conflict do nothing", s -> {
            s.setString(1, ordered ? a : b);
            s.setString(2, ordered ? b : a);
            s.setTimestamp(3, Timestamp.from(now));
            return s.executeUpdate() == 1;
        });
    }

    /** Which of the slugs are entries of the catalog. */
    public Set<String> existing(List<String> slugs) {
        return jdbc.sql("select slug from model where slug = any(?)", s -> {
            s.setArray(1, Jdbc.texts(s.getConnection(), slugs));
            Set<String> found = new HashSet<>();
            Jdbc.readAll(s.executeQuery(), r -> found.add(r.getString(1)));
            return found;
        });
    }
}
