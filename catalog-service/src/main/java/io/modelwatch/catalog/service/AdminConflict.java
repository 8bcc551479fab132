package io.modelwatch.catalog.service;

/** Why an admin request cannot be done; the resource turns it into a problem. */
public class AdminConflict extends RuntimeException {

    public final boolean notFound;

    AdminConflict(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }
}
