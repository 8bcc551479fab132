package io.modelwatch.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * V4 turns the ledger's rows of one announcement each into requests: an announcement accepted before keeps its event
 * id (what its publisher was told), is found by it as the ledger finds one, and keeps its retraction. Run on a schema
 * of its own, migrated to V3, filled as V3 filled it, then migrated on.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class LedgerMigrationTest {

    @Inject
    DataSource dataSource;

    @Test
    void announcementsAcceptedBeforeV4KeepTheirEventIdsAndRetractions() throws Exception {
        String schema = "ledger_v3_" + UUID.randomUUID().toString().replace("-", "");
        Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration").target("3").load().migrate();
        UUID kept = UUID.randomUUID();
        UUID retracted = UUID.randomUUID();
        UUID retraction = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into " + schema + ".announcement (event_id, slug, publisher, announced_at) values ('"
                    + kept + "', 'kept-model', 'publisher-a', '2026-11-01T10:00:00.123456Z')");
            s.execute("insert into " + schema + ".announcement (event_id, slug, publisher, announced_at, retraction_event_id,"
                    + " retraction_reason, retracted_by, retracted_at) values ('" + retracted + "', 'gone-model', 'publisher-b',"
                    + " '2026-11-02T10:00:00Z', '" + retraction + "', 'by mistake', 'an-admin', '2026-11-03T10:00:00Z')");
        }

        Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration").load().migrate();

        try (Connection c = dataSource.getConnection()) {
            assertThat(lookUp(c, schema, kept)).isEqualTo("publisher-a kept-model 2026-11-01 10:00:00.123456+00");
            assertThat(lookUp(c, schema, retracted)).isEqualTo("publisher-b gone-model 2026-11-02 10:00:00+00");
            // a neighbour of a migrated announcement is none
            assertThat(lookUp(c, schema, new UUID(kept.getMostSignificantBits(), kept.getLeastSignificantBits() ^ 1))).isNull();
            try (PreparedStatement select = c.prepareStatement("select event_id, slug, reason, retracted_by from " + schema
                    + ".retraction where announcement_event_id = ?")) {
                select.setObject(1, retracted);
                try (ResultSet row = select.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getObject(1, UUID.class)).isEqualTo(retraction);
                    assertThat(row.getString(2) + " " + row.getString(3) + " " + row.getString(4)).isEqualTo("gone-model by mistake an-admin");
                    assertThat(row.next()).isFalse();
                }
            }
            try (Statement s = c.createStatement(); ResultSet count = s.executeQuery("select count(*) from " + schema + ".retraction")) {
                count.next();
                assertThat(count.getInt(1)).isEqualTo(1);
            }
            try (Statement s = c.createStatement()) {
                s.execute("drop schema " + schema + " cascade");
            }
        }
    }

    /** What the ledger reads for a retraction (same statement), as "publisher slug announced_at", or null. */
    private static String lookUp(Connection c, String schema, UUID eventId) throws Exception {
        try (PreparedStatement select = c.prepareStatement("select publisher, slugs[? - first_index + 1], announced_at::text from "
                + schema + ".accepted_request where id = ?")) {
            select.setInt(1, (int) (eventId.getLeastSignificantBits() & 0xFFFF));
            select.setObject(2, AnnouncementLedger.requestOf(eventId));
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getString(2) != null ? row.getString(1) + " " + row.getString(2) + " " + row.getString(3) : null;
            }
        }
    }
}
