package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The validation contract at the door: issue 16's inputs, each refused with the field named and nothing sent. */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class ValidationContractTest {

    private static final String KEY = "Bearer test-key";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private ValidatableResponse post(String body) {
        return given().header("Authorization", KEY).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/announcements").then();
    }

    private static String with(String field) {
        return "{\"name\": \"Door " + UUID.randomUUID() + "\", \"organizations\": [{\"name\": \"Example Lab\"}], " + field + "}";
    }

    private void refusedNaming(String body, String field) {
        long before = Topic.endOffset(bootstrapServers);
        post(body).statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }

    @Test
    void aTypoInAFieldNameIsRefusedAndNamed() {
        refusedNaming(with("\"paramters\": \"7B\""), "paramters");
        post(with("\"paramters\": \"7B\"")).body("errors[0].message", containsString("parameters"))
                .body("errors[0].message", not(containsString("io.modelwatch")));
    }

    @Test
    void twoToTheSixtyFourPlusOneIsNotOne() {
        refusedNaming(with("\"parameters\": 18446744073709551617"), "parameters");
        refusedNaming(with("\"parameters\": 1000000000000000"), "parameters");
    }

    @Test
    void controlAndBidiCharactersAndBadLinksAreRefused() {
        refusedNaming("{\"name\": \"Bad\\u0000Name\", \"organizations\": [{\"name\": \"Example Lab\"}]}", "name");
        refusedNaming("{\"name\": \"Bad\\r\\nName\", \"organizations\": [{\"name\": \"Example Lab\"}]}", "name");
        refusedNaming("{\"name\": \"Bad\\u202eName\", \"organizations\": [{\"name\": \"Example Lab\"}]}", "name");
        refusedNaming(with("\"links\": {\"paper\": \"javascript:alert(1)\"}"), "links.paper");
        refusedNaming(with("\"source\": {\"url\": \"data:text/html,x\"}"), "source.url");
    }

    @Test
    void datesFrom1900ToAYearAhead() {
        refusedNaming(with("\"published\": \"0000\""), "published");
        refusedNaming(with("\"published\": \"2999-01\""), "published");
    }

    @Test
    void javaInternalsDoNotLeak() {
        post(with("\"tags\": \"one\"")).statusCode(400).body("errors[0].field", equalTo("tags"))
                .body("errors[0].message", equalTo("must be a list"));
        post("{\"name\": \"x\", \"organizations\": \"Example Lab\"}").statusCode(400)
                .body("errors[0].field", equalTo("organizations")).body(not(containsString("java.")));
    }

    @Test
    void hostileJsonIsA400NotA500() {
        long before = Topic.endOffset(bootstrapServers);
        post(with("\"parameters\": " + "[".repeat(2000) + "]".repeat(2000))).statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("nesting"));
        post(with("\"parameters\": " + "9".repeat(1500))).statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("digits"));
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }

    @Test
    void aMebibyteNameIsRefusedAndNeverA503() {
        String name = "x".repeat(1 << 20);
        given().header("Authorization", KEY).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"organizations\": [{\"name\": \"Example Lab\"}]}")
                .when().post("/api/v1/announcements").then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(413)))
                .contentType("application/problem+json");
    }

    @Test
    void theTextIsStoredInNfc() {
        String name = "Cafe\u0301 " + UUID.randomUUID();
        String eventId = post("{\"name\": \"" + name + "\", \"organizations\": [{\"name\": \"Example Lab\"}]}")
                .statusCode(202).extract().path("eventId");
        String value = Topic.withId(bootstrapServers, eventId).get(0).value();
        assertThat(value).contains("Caf\u00e9 ").doesNotContain("Cafe\u0301");
    }
}
