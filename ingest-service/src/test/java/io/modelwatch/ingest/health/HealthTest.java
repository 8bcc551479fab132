package io.modelwatch.ingest.health;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Readiness depends on the broker and the database, liveness on neither: a pod whose broker is away stops taking
 * traffic but is not restarted for it.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class HealthTest {

    static final String KAFKA = "Kafka connection health check";
    static final String DATABASE = "Database connections health check";

    @Test
    void readinessChecksTheBrokerAndTheDatabaseAndLivenessNeither() {
        when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(KAFKA, DATABASE));
        when().get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", not(hasItem(KAFKA)))
                .body("checks.name", not(hasItem(DATABASE)));
    }
}
