package io.modelwatch.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * One key a service accepts: its name (the principal, e.g. the publisher recorded on what it sends), its roles and the
 * SHA-256 of the key. Only the hash is kept, also when the key was configured in plain text.
 */
public final class ApiKey {

    private final String name;
    private final Set<String> roles;
    private final byte[] sha256;

    private ApiKey(String name, Set<String> roles, byte[] sha256) {
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("An API key needs a name");
        }
        this.name = name;
        this.roles = Set.copyOf(roles);
        this.sha256 = sha256;
    }

    /** A key configured by its SHA-256, as 64 hex digits ({@code echo -n "$KEY" | sha256sum}). */
    public static ApiKey hashed(String name, String sha256Hex, String... roles) {
        String hex = sha256Hex == null ? "" : sha256Hex.strip().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalStateException("The sha256 of API key '" + name + "' is not 64 hex digits");
        }
        return new ApiKey(name, Set.of(roles), HexFormat.of().parseHex(hex));
    }

    /** A key configured in plain text; it is hashed here and not kept. */
    public static ApiKey plain(String name, String key, String... roles) {
        return new ApiKey(name, Set.of(roles), sha256(key));
    }

    public String name() {
        return name;
    }

    public Set<String> roles() {
        return roles;
    }

    /** Whether {@code hash} is this key's SHA-256, compared in constant time. */
    boolean matches(byte[] hash) {
        return MessageDigest.isEqual(sha256, hash);
    }

    boolean sameKeyAs(ApiKey other) {
        return matches(other.sha256);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Without the hash. */
    @Override
    public String toString() {
        return "ApiKey[" + name + ", " + roles + "]";
    }
}
