package io.modelwatch.apikeys;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The key a request presented, for {@link ApiKeyIdentityProvider}. */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
