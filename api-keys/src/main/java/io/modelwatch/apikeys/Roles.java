package io.modelwatch.apikeys;

/**
 * The roles an API key can have, for {@code @RolesAllowed}. A publisher announces and retracts what it published; an
 * admin may do anything, so an endpoint that a publisher key may not call needs {@link #ADMIN}.
 */
public final class Roles {

    public static final String PUBLISHER = "publisher";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
