package io.modelwatch.problem;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * Which failures pass: a dependency (PostgreSQL, the broker) that is away, restarting or overloaded, where the same
 * work may succeed later on another connection. The consumers retry them in place instead of dead-lettering, and
 * a request that meets one is answered 503 with Retry-After instead of 500 ({@link ProblemMappers}).
 */
public final class TransientFailures {

    /** SQL states of failures that pass, besides the classes 08 (connection) and 53 (insufficient resources). */
    private static final Set<String> TRANSIENT_STATES = Set.of(
            "25006", // read-only transaction: a replica that was primary, or a failover in progress
            "40001", // serialization failure
            "40003", // statement completion unknown
            "40P01", // deadlock
            "55P03", // lock not available (lock_timeout)
            "57014", // query cancelled (statement_timeout, pg_cancel_backend)
            "57P01", // admin shutdown
            "57P02", // crash shutdown
            "57P03"); // cannot connect now (starting up, shutting down)

    /** Exception types recognised by name: their libraries are not dependencies of this module. */
    private static final Set<String> TRANSIENT_TYPES = Set.of(
            "jakarta.transaction.RollbackException", // a commit that failed: the work is idempotent, it is done again
            "jakarta.transaction.HeuristicMixedException",
            "jakarta.transaction.HeuristicRollbackException",
            "jakarta.transaction.SystemException",
            "org.apache.kafka.common.errors.RetriableException", // the broker is away or electing a leader
            "io.smallrye.mutiny.TimeoutException"); // an awaited send that did not complete in time

    private TransientFailures() {
    }

    /**
     * True when {@code failure} or one of its causes is a connection problem (SQL state 08xxx), insufficient
     * resources (53xxx), one of the states above, JDBC's transient or recoverable exceptions, an I/O failure, a
     * pool that had no connection to give, a failed commit or a retriable broker error. When the chain holds the
     * database's own answer (an SQL state), that answer decides: a commit that failed because the database refused
     * the data (a NUL character, 22021) fails again however often it is retried.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return transientState(sql.getSQLState()) || t instanceof SQLTransientException || t instanceof SQLRecoverableException;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // RejectedExecutionException: work handed to a service that is shutting down (another replica takes it)
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof IOException
                    || t instanceof RejectedExecutionException) {
                return true;
            }
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (TRANSIENT_TYPES.contains(type.getName())) {
                    return true;
                }
            }
            if (t.getClass().getName().contains("AcquisitionTimeout")
                    || (t.getMessage() != null && t.getMessage().contains("Acquisition timeout"))) {
                return true; // Agroal: no connection within the acquisition timeout
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean transientState(String state) {
        return state.startsWith("08") || state.startsWith("53") || TRANSIENT_STATES.contains(state);
    }
}
