package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The OpenAPI document names every endpoint and every answer a client can get from it. */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class OpenApiTest {

    @Test
    void everyEndpointWithEveryAnswer() {
        JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        assertThat(paths).containsKeys("/api/v1/announcements", "/api/v1/announcements/batch",
                "/api/v1/announcements/{eventId}/retraction", "/api/v1/feeds", "/api/v1/feeds/{id}", "/api/v1/feeds/{id}/poll");
        assertThat(doc.getMap("paths.'/api/v1/announcements'.post.responses"))
                .containsKeys("202", "400", "401", "409", "413", "415", "429", "503");
        assertThat(doc.getMap("paths.'/api/v1/announcements/batch'.post.responses"))
                .containsKeys("200", "400", "401", "409", "413", "415", "429", "503");
        assertThat(doc.getMap("paths.'/api/v1/announcements/{eventId}/retraction'.post.responses"))
                .containsKeys("202", "400", "401", "403", "404", "415", "429", "503");
        assertThat(doc.getMap("paths.'/api/v1/feeds'.post.responses")).containsKeys("201", "400", "401", "403", "409", "415", "429");
        assertThat(doc.getMap("paths.'/api/v1/imports/epoch'.post.responses"))
                .containsKeys("200", "400", "401", "403", "413", "415", "429", "503");
        assertThat(doc.getString("paths.'/api/v1/announcements'.post.responses.'503'.headers.Retry-After.description")).isNotBlank();
        assertThat(doc.getList("paths.'/api/v1/announcements'.post.parameters.name")).contains("Idempotency-Key");
        // every field of the announcement has a description
        Map<String, Map<String, Object>> fields = doc.getMap("components.schemas.Announcement.properties");
        assertThat(fields).isNotEmpty();
        fields.forEach((name, field) -> assertThat(field).as(name).containsKey("description"));
    }

    /** Every length and size limit of the request's fields is in its OpenAPI schema (maxLength, maxItems), with the same bound. */
    @Test
    void everyLimitOfTheAnnouncementIsInItsSchema() {
        JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> fields = doc.getMap("components.schemas.Announcement.properties");
        int checked = 0;
        for (java.lang.reflect.RecordComponent c : io.modelwatch.ingest.api.AnnouncementRequest.class.getRecordComponents()) {
            jakarta.validation.constraints.Size size = c.getAccessor().getAnnotation(jakarta.validation.constraints.Size.class);
            if (size == null) {
                continue;
            }
            Map<String, Object> field = fields.get(c.getName());
            assertThat(field).as(c.getName()).isNotNull();
            String bound = java.util.List.class.isAssignableFrom(c.getType()) ? "maxItems" : "maxLength";
            assertThat(field).as(c.getName() + " " + bound).containsEntry(bound, size.max());
            checked++;
        }
        assertThat(checked).as("fields with a limit").isGreaterThan(5);
    }
}
