package io.modelwatch.apikeys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The keys a service accepts; a service provides them as a CDI bean (without one, {@link AdminKey} applies). A presented
 * key is hashed and compared with every configured hash in constant time, so the time an answer takes says nothing
 * about how close a guess was. No key at all closes the API: then every presented key is refused with {@link #closed()}.
 */
public final class ApiKeys {

    private final List<ApiKey> keys;
    private final String closed;

    private ApiKeys(List<ApiKey> keys, String closed) {
        this.keys = keys;
        this.closed = closed;
    }

    /** These keys (at least one); names and keys must be unique. */
    public static ApiKeys of(Collection<ApiKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("No API key is given; ApiKeys.none(why) is a closed API");
        }
        List<ApiKey> checked = new ArrayList<>();
        for (ApiKey key : keys) {
            for (ApiKey earlier : checked) {
                if (earlier.name().equals(key.name())) {
                    throw new IllegalStateException("Two API keys are named '" + key.name() + "'");
                }
                if (earlier.sameKeyAs(key)) {
                    throw new IllegalStateException("API keys '" + earlier.name() + "' and '" + key.name() + "' are the same key");
                }
            }
            checked.add(key);
        }
        return new ApiKeys(List.copyOf(checked), null);
    }

    /** No key: the API is closed, and {@code why} is what a caller with a key is told (403). */
    public static ApiKeys none(String why) {
        return new ApiKeys(List.of(), why);
    }

    /** Why no key is accepted, when none is configured. */
    public Optional<String> closed() {
        return Optional.ofNullable(closed);
    }

    /** The configured key that {@code presented} is. */
    public Optional<ApiKey> find(String presented) {
        byte[] hash = ApiKey.sha256(presented);
        ApiKey found = null;
        for (ApiKey key : keys) { // every key is compared: no early exit
            if (key.matches(hash)) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }
}
