package io.modelwatch.catalog.messaging;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.modelwatch.catalog.support.CatalogFixture.awaitModel;
import static io.modelwatch.catalog.support.CatalogFixture.unique;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.Topics;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import io.modelwatch.platform.DatabaseOutage;
import io.modelwatch.platform.PlatformEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import static org.awaitility.Awaitility.await;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The database drops the catalog's connections (pg_terminate_backend: SQLState 57P01, then broken pooled
 * connections) while announcements flow: every announcement is still applied exactly once, none is
 * dead-lettered, nothing is skipped.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class DatabaseFailureTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private int terminateCatalogConnections(Connection own) throws Exception {
        try (Statement s = own.createStatement(); ResultSet r = s.executeQuery(
                "select count(pg_terminate_backend(pid)) from pg_stat_activity where usename = current_user "
                        + "and datname = current_database() and pid <> pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void droppedConnectionsAreRetriedWithoutSkippingOrDeadLettering() throws Exception {
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers);
             Connection own = DriverManager.getConnection(jdbcUrl, username, password)) {
            List<String> slugs = new ArrayList<>();
            int terminated = 0;
            for (int i = 0; i < 40; i++) {
                String name = unique("Survivor");
                slugs.add(Slugs.of(name));
                catalog.announce(announcement(name).parameters((i + 1) + "B"));
                if (i % 8 == 0) {
                    terminated += terminateCatalogConnections(own);
                }
            }
            terminated += terminateCatalogConnections(own);
            assertThat(terminated).as("connections dropped under the catalog").isPositive();
            for (int i = 0; i < slugs.size(); i++) {
                awaitModel(slugs.get(i), 1);
                var entry = when().get("/api/v1/models/" + slugs.get(i)).then().statusCode(200).extract().jsonPath();
                assertThat(entry.getLong("revision")).isEqualTo(1);
                assertThat(entry.getLong("parameters.value")).isEqualTo((i + 1) * 1_000_000_000L);
            }
            assertThat(catalog.records(Topics.MODEL_RELEASES_DLQ))
                    .noneMatch(r -> slugs.contains(r.key()));
        }
    }

    /**
     * PostgreSQL stops (connections refused, pg_ctl stop) while announcements wait on the topic, and comes back
     * 8 s later: every announcement is applied exactly once, its change reaches catalog.model-changes, and none is
     * dead-lettered.
     */
    @Test
    void aStoppedDatabaseDelaysTheBacklogButLosesAndDeadLettersNothing() throws Exception {
        PlatformEndpoints platform = new PlatformEndpoints(bootstrapServers, jdbcUrl, username, password);
        DatabaseOutage outage = DatabaseOutage.of(platform);
        String prefix = unique("Outage");
        int count = 300;
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers)) {
            outage.stop();
            try {
                for (int i = 0; i < count; i++) {
                    catalog.announce(announcement(prefix + " " + i).parameters((i + 1) + "B"));
                }
                Thread.sleep(8_000);
            } finally {
                outage.start();
            }
            String slugPrefix = Slugs.of(prefix + " 0").replaceFirst("-0$", "-");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> count(
                    "select count(*) from model where slug like '" + slugPrefix + "%' and announcements = 1") == count);
            assertThat(count("select count(*) from model where slug like '" + slugPrefix + "%'")).isEqualTo(count);
            assertThat(catalog.records(Topics.MODEL_RELEASES_DLQ)).noneMatch(r -> r.key() != null && r.key().startsWith(slugPrefix));
            await().atMost(Duration.ofSeconds(60)).until(() -> catalog.records(Topics.MODEL_CHANGES).stream()
                    .map(r -> r.key()).filter(k -> k != null && k.startsWith(slugPrefix)).distinct().count() == count);
        }
    }

    private long count(String query) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl + "?currentSchema=catalog", username, password);
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
