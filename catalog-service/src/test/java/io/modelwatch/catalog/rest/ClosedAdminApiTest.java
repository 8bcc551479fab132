package io.modelwatch.catalog.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Without MODELWATCH_ADMIN_KEY the admin API is closed: every key is refused (403), the public API works. */
@QuarkusTest
@TestProfile(ClosedAdminApiTest.NoAdminKey.class)
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class ClosedAdminApiTest {

    public static class NoAdminKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modelwatch.admin.key", "");
        }
    }

    @Test
    void everyKeyIsRefusedAndThePublicApiStaysOpen() {
        given().contentType(ContentType.JSON).body("{\"into\": \"b\"}").when().post("/api/v1/models/a/merge")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer test-admin-key").contentType(ContentType.JSON).body("{\"into\": \"b\"}")
                .when().post("/api/v1/models/a/merge")
                .then().statusCode(403).contentType("application/problem+json").body("detail", containsString("closed"));
        given().header("Authorization", "Bearer test-admin-key").when().get("/api/v1/models").then().statusCode(200);
    }
}
