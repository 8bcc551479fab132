package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.modelwatch.platform.DatabaseOutage;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * With PostgreSQL stopped (connections refused), publishers get 503 + Retry-After (problem+json), as with the broker
 * down, never a 500; once it is back, the same announcement is accepted.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class DatabaseDownTest {

    @Test
    void anAnnouncementWhileTheDatabaseIsDownIs503WithRetryAfterAndAcceptedOnceItIsBack() {
        String body = Topic.announcement("Database down " + UUID.randomUUID(), "1");
        DatabaseOutage outage = DatabaseOutage.of(EmbeddedPlatformTestResource.platform());
        outage.stop();
        try {
            given().header("Authorization", "Bearer publisher-a-key").contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/announcements")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                    .body("status", equalTo(503));
        } finally {
            outage.start();
        }
        given().header("Authorization", "Bearer publisher-a-key").contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/announcements")
                .then().statusCode(202);
    }
}
