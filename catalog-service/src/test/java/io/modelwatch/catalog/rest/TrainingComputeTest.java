package io.modelwatch.catalog.rest;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.modelwatch.catalog.support.CatalogFixture.awaitModel;
import static io.modelwatch.catalog.support.CatalogFixture.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.compute.TrainingCompute;
import io.modelwatch.contract.compute.TrainingComputeParser;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Training compute through the catalog: stored with its provenance, filtered on, exported under Epoch's column name. */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class TrainingComputeTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private List<String> names(String tag, String... query) {
        var request = given().queryParam("tag", tag);
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.when().get("/api/v1/models").then().statusCode(200).extract().jsonPath().getList("items.name", String.class);
    }

    @Test
    void computeIsKeptFilteredAndExported() {
        String tag = "compute-" + UUID.randomUUID();
        String large = unique("Frontier");
        String small = unique("Tiny");
        String undisclosed = unique("Secret");
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers)) {
            TrainingCompute estimated = TrainingComputeParser.parse("3.8×10^25").withNote("Estimated from the hardware and time");
            catalog.announce(UUID.randomUUID().toString(), announcement(large).tags(tag, "epoch-ai").event().withTrainingCompute(estimated));
            catalog.announce(UUID.randomUUID().toString(), announcement(small).tags(tag).event()
                    .withTrainingCompute(TrainingComputeParser.parse("2.1e21 FLOP")));
            catalog.announce(announcement(undisclosed).tags(tag));
            List.of(large, small, undisclosed).forEach(n -> awaitModel(Slugs.of(n), 1));
        }

        var model = given().when().get("/api/v1/models/" + Slugs.of(large)).then().statusCode(200)
                .body("trainingCompute.asWritten", equalTo("3.8×10^25"))
                .body("trainingCompute.note", equalTo("Estimated from the hardware and time"))
                .body("provenance.trainingCompute[0].value.asWritten", equalTo("3.8×10^25")).extract().jsonPath();
        assertThat(model.getDouble("trainingCompute.value")).isEqualTo(3.8e25);
        given().when().get("/api/v1/models/" + Slugs.of(undisclosed)).then().statusCode(200)
                .body("trainingCompute", org.hamcrest.Matchers.nullValue()); // undisclosed: null, never 0

        assertThat(names(tag)).containsExactlyInAnyOrder(large, small, undisclosed);
        assertThat(names(tag, "minCompute", "1e24")).as("undisclosed compute is not 0: it matches no bound").containsExactly(large);
        assertThat(names(tag, "maxCompute", "1e24")).containsExactly(small);
        assertThat(names(tag, "minCompute", "2.1e21", "maxCompute", "3.8 × 10²⁵")).containsExactlyInAnyOrder(large, small);
        given().queryParam("minCompute", "-1").queryParam("maxCompute", "lots").when().get("/api/v1/models").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("minCompute", "maxCompute"));

        given().queryParam("tag", tag).queryParam("minCompute", "1e24").when().get("/api/v1/export.json").then().statusCode(200)
                .body("'Training compute (FLOP)'", contains("3.8E25"));
        var export = given().queryParam("tag", tag).when().get("/api/v1/export.csv").then().statusCode(200).extract();
        assertThat(export.asString().split("\r\n")[0]).contains(",Training compute (FLOP)");
        assertThat(export.header(ExportCredit.HEADER)).as("an export with Epoch AI's rows credits it")
                .startsWith(io.modelwatch.contract.Credits.EPOCH_AI);
        given().queryParam("tag", tag).queryParam("maxCompute", "1e24").when().get("/api/v1/export.json").then().statusCode(200)
                .header(ExportCredit.HEADER, org.hamcrest.Matchers.nullValue());
        given().queryParam("tag", tag).queryParam("minCompute", "1e24").when().get("/api/v1/export.json").then().statusCode(200)
                .header(ExportCredit.HEADER, org.hamcrest.Matchers.startsWith("Epoch AI"));
    }
}
