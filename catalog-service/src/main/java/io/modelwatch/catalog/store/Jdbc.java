package io.modelwatch.catalog.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The stores' JDBC plumbing: a statement on the connection of the caller's JTA transaction (Agroal hands the
 * transaction's connection to every {@code getConnection} inside it), row loops and array parameters.
 */
@ApplicationScoped
public class Jdbc {

    private final AgroalDataSource dataSource;

    public Jdbc(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface StatementWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    public interface RowBinder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    public <T> T sql(String statement, StatementWork<T> work) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            return work.run(s);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** One JDBC batch of {@code statement}, a row at a time; nothing when there are no rows. */
    public <T> void batch(String statement, Collection<T> rows, RowBinder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        sql(statement, s -> {
            for (T row : rows) {
                binder.bind(s, row);
                s.addBatch();
            }
            s.executeBatch();
            return null;
        });
    }

    /** The rows of a query whose only parameter is a text array, as pairs of their first two columns. */
    public Map<String, String> pairs(String query, Collection<String> keys) {
        Map<String, String> pairs = new HashMap<>();
        if (keys.isEmpty()) {
            return pairs;
        }
        sql(query, s -> {
            s.setArray(1, texts(s.getConnection(), keys));
            try (ResultSet r = s.executeQuery()) {
                readAll(r, row -> pairs.put(row.getString(1), row.getString(2)));
            }
            return null;
        });
        return pairs;
    }

    /** Runs an update whose parameters are all text. */
    public void update(String statement, String... parameters) {
        sql(statement, s -> {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        });
    }

    public static void readAll(ResultSet r, RowReader reader) throws SQLException {
        try (r) {
            while (r.next()) {
                reader.read(r);
            }
        }
    }

    /** The next result set of a multi-statement query, skipping update counts. */
    public static ResultSet nextResultSet(PreparedStatement s, boolean first) throws SQLException {
        boolean isResultSet = first ? s.getResultSet() != null : s.getMoreResults();
        while (!isResultSet) {
            if (s.getUpdateCount() == -1) {
                throw new SQLException("expected another result set");
            }
            isResultSet = s.getMoreResults();
        }
        return s.getResultSet();
    }

    public static Array texts(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(new String[0]));
    }
}
