package io.modelwatch.problem.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads a service's case table and measures what a refused request must leave as it was. */
public final class BadInputs {

    /** The cases of {@code resource} (a classpath resource such as "/bad-inputs.csv"): one a line, '#' lines skipped. */
    public static List<BadInput> read(String resource) {
        List<BadInput> cases = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                BadInputs.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\\|", -1);
                if (c.length != 8) {
                    throw new IllegalStateException("not 8 columns: " + line);
                }
                cases.add(BadInput.of(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** The row count of each of {@code tables} (in the connection's current schema). */
    public static Map<String, Long> rowCounts(DataSource db, String... tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    private BadInputs() {
    }
}
