package io.modelwatch.catalog.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * V9 makes an outbox row without a revision impossible without losing one: it refuses to run while a row written
 * before V5 (its snapshot in payload) is left in the outbox or among the dead letters, and runs once they are gone.
 * On a schema of its own, migrated to V8 and filled as a catalog before V5 filled it.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class OutboxMigrationTest {

    @Inject
    DataSource dataSource;

    private Flyway flyway(String schema, String target) {
        var config = Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration");
        return (target == null ? config : config.target(target)).load();
    }

    @Test
    void v9RefusesWhileARowWithoutARevisionIsLeftThenRequiresOne() throws Exception {
        String schema = "outbox_v8_" + UUID.randomUUID().toString().replace("-", "");
        flyway(schema, "8").migrate();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try {
                s.execute("insert into " + schema + ".outbox_event (event_id, event_type, aggregate_id, payload, created_at) "
                        + "values (gen_random_uuid(), 'io.modelwatch.catalog.model.changed.v1', 'old-model', '{\"slug\": \"old-model\"}', now())");
                assertThatThrownBy(() -> flyway(schema, null).migrate())
                        .hasStackTraceContaining("V9: outbox_event holds 1 row(s) written before V5 (no revision, the snapshot in payload), "
                                + "which this catalog cannot publish. Start the previous catalog version");
                s.execute("delete from " + schema + ".outbox_event"); // what the relay before V9 did once it had sent them

                s.execute("insert into " + schema + ".outbox_dead_letter (id, event_id, event_type, aggregate_id, payload, "
                        + "payload_bytes, created_at, failed_at, reason) values (1, gen_random_uuid(), 'io.modelwatch.catalog.model.changed.v1', "
                        + "'old-model', '{\"slug\": \"old-model\"}', 21, now(), now(), 'RecordTooLargeException')");
                assertThatThrownBy(() -> flyway(schema, null).migrate())
                        .hasStackTraceContaining("V9: outbox_dead_letter holds 1 row(s) without a revision, whose payload is the only "
                                + "copy of their snapshot. Save that payload elsewhere");
                s.execute("delete from " + schema + ".outbox_dead_letter");

                flyway(schema, null).migrate();
                assertThatThrownBy(() -> s.execute("insert into " + schema + ".outbox_event (event_id, event_type, aggregate_id, "
                        + "created_at) values (gen_random_uuid(), 'io.modelwatch.catalog.model.changed.v1', 'new-model', now())"))
                        .hasMessageContaining("null value in column \"revision\"");
                try (ResultSet r = s.executeQuery("select count(*) from information_schema.columns where table_schema = '" + schema
                        + "' and table_name in ('outbox_event', 'outbox_dead_letter') and column_name = 'payload'")) {
                    r.next();
                    assertThat(r.getInt(1)).as("payload columns left").isZero();
                }
            } finally {
                s.execute("drop schema " + schema + " cascade");
            }
        }
    }
}
