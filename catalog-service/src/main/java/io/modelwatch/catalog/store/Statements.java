package io.modelwatch.catalog.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** Several statements, sent in one round trip (PgJDBC sends a multi-statement query as one pipeline). */
public final class Statements {

    /** One statement and its parameters: text, a timestamp, or an {@link ArrayParameter}. */
    public record Statement(String sql, Object[] parameters) {

        /** Binds the parameters from {@code index} on; returns the next free index. */
        public int bind(PreparedStatement s, int index) throws SQLException {
            for (Object p : parameters) {
                if (p instanceof ArrayParameter a) {
                    s.setArray(index, s.getConnection().createArrayOf(a.type(), a.values()));
                } else if (p instanceof Timestamp t) {
                    s.setTimestamp(index, t);
                } else {
                    s.setString(index, (String) p);
                }
                index++;
            }
            return index;
        }
    }

    /** An array parameter, made once a connection is at hand. */
    record ArrayParameter(String type, String[] values) {
    }

    private final Jdbc jdbc;
    private final List<Statement> statements = new ArrayList<>();

    Statements(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void add(String statement, Object... values) {
        statements.add(new Statement(statement, values));
    }

    /** The statements, in the order they run. */
    public List<Statement> list() {
        return List.copyOf(statements);
    }

    /** All of them in one round trip, on the connection of the caller's transaction. */
    public void execute() {
        if (statements.isEmpty()) {
            return;
        }
        jdbc.sql(String.join("; ", statements.stream().map(Statement::sql).toList()), s -> {
            int n = 1;
            for (Statement statement : statements) {
                n = statement.bind(s, n);
            }
            s.execute();
            while (s.getMoreResults() || s.getUpdateCount() != -1) {
                // every statement's outcome read; a failure has already been thrown by execute
            }
            return null;
        });
    }

    static <T> ArrayParameter texts(Collection<T> rows, Function<T, String> f) {
        return typed("text", rows, f);
    }

    /** Elements go as text and are parsed by the server as {@code type} (timestamps as ISO instants). */
    static <T> ArrayParameter typed(String type, Collection<T> rows, Function<T, ?> f) {
        String[] values = new String[rows.size()];
        int i = 0;
        for (T row : rows) {
            Object v = f.apply(row);
            values[i++] = v == null ? null : v instanceof Instant instant ? instant.toString() : v.toString();
        }
        return new ArrayParameter(type, values);
    }
}
