package io.modelwatch.digest.rest;

import static io.restassured.RestAssured.given;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Behind the ingress, every request comes from the proxy's address; the per-client limits must count the client the
 * trusted proxy names in X-Forwarded-For, or one busy client (or 20 sign-ups) would hold up everyone. Quarkus does it:
 * {@code quarkus.http.proxy.*} with the proxy's address as trusted, as deploy/k8s sets them for the digest.
 */
@QuarkusTest
@TestProfile(ClientBehindProxyTest.BehindTrustedProxy.class)
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class ClientBehindProxyTest {

    /** The test's own requests come from 127.0.0.1: the trusted proxy here. */
    public static class BehindTrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

    @Inject
    DigestResource api;

    private static io.restassured.response.ValidatableResponse ask(String client) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body("{\"from\": \"1900-01-01\", \"to\": \"1900-01-01\"}").post("/api/v1/digests").then();
    }

    @Test
    void eachForwardedClientHasItsOwnLimit() {
        api.resetLimits(2);
        try {
            ask("203.0.113.7").statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            ask("203.0.113.7").statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            ask("203.0.113.7").statusCode(429).header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
            // another client behind the same proxy is not held up
            ask("203.0.113.8").statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        } finally {
            api.resetLimits(0);
        }
    }
}
