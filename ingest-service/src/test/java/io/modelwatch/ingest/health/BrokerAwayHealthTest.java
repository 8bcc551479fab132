package io.modelwatch.ingest.health;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the broker unreachable, the service is not ready, but alive: nothing restarts it for the broker's absence. */
@QuarkusTest
@TestProfile(BrokerAwayHealthTest.BrokerAway.class)
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
class BrokerAwayHealthTest {

    /** Nothing listens on port 1. */
    public static class BrokerAway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:1",
                    "mp.messaging.outgoing.model-releases.bootstrap.servers", "127.0.0.1:1");
        }
    }

    @Test
    void theServiceIsNotReadyButAlive() {
        when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == '" + HealthTest.KAFKA + "' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == '" + HealthTest.DATABASE + "' }.status", equalTo("UP"));
        when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
