package io.modelwatch.catalog.store;

import java.sql.SQLException;

/** A database failure; the cause is kept so callers can tell a transient failure from a permanent one. */
public class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
