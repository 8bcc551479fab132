package io.modelwatch.apikeys;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <key>} and has {@link ApiKeyIdentityProvider} check the key. A request without
 * such a header is anonymous: an endpoint that needs a key answers it 401 ({@link SecurityProblemMappers}). The
 * services authenticate lazily ({@code quarkus.http.auth.proactive=false}), so a key is checked only where one is needed.
 */
@ApplicationScoped
public class BearerKeyMechanism implements HttpAuthenticationMechanism {

    static final String SCHEME = "Bearer";

    private final WrongKeyThrottle throttle;

    public BearerKeyMechanism(WrongKeyThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
            return Uni.createFrom().nullItem();
        }
        String key = header.substring(SCHEME.length() + 1).strip();
        if (key.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String client = context.request().remoteAddress() == null ? "unknown" : context.request().remoteAddress().hostAddress();
        long wait = throttle.retryAfterSeconds(client);
        if (wait > 0) {
            return Uni.createFrom().failure(new AuthenticationFailedException(new WrongKeyThrottle.Throttled(wait)));
        }
        return identityProviderManager.authenticate(new ApiKeyAuthenticationRequest(key))
                .onFailure(AuthenticationFailedException.class).invoke(() -> throttle.wrongKey(client));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", SCHEME));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
