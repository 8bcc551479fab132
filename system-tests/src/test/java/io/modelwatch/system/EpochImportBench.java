package io.modelwatch.system;

import static io.restassured.RestAssured.given;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.PlatformEndpoints;
import io.restassured.path.json.JsonPath;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a measurement (issue 15), run only with {@code mvn -B -Pbench -pl system-tests -am package
 * -Dtest=EpochImportBench -Dsurefire.failIfNoSpecifiedTests=false}. The three packaged services on the embedded platform;
 * an Epoch-shaped file of {@code bench.epoch-rows} (3,000) rows (the shipped rows, renamed to be distinct in every round)
 * is posted to ingest's {@code POST /api/v1/imports/epoch}, and the bench prints the time until the answer (every row
 * acknowledged by the broker), until all its entries are in the catalog, and until all are in the digest's read model
 * (both read in their tables every {@code bench.poll-ms}, 100 ms: the figures are up to that late). First the shipped file
 * (952 rows) as a warm-up, then {@code bench.epoch-rounds} (6) measured rounds, and the median of each figure over them.
 * The tables are read no more often because the reading is not free: each read scans both model tables, and every 20 ms
 * (as this bench did before) it took about 2 s of PostgreSQL's CPU per round once the catalog held 30,000 entries, on a
 * machine whose two cores the pipeline already fills.
 */
@Tag("bench")
class EpochImportBench {

    private static final int ROWS = Integer.getInteger("bench.epoch-rows", 3_000);
    private static final int ROUNDS = Integer.getInteger("bench.epoch-rounds", 6);
    private static final long POLL_MILLIS = Long.getLong("bench.poll-ms", 100);
    private static final String KEY = "epoch-bench-key-" + UUID.randomUUID();

    /** The shipped rows, {@code rows} of them (repeated as needed), each model renamed "X (suffix i)". */
    static byte[] renamed(String csv, int rows, String suffix) throws Exception {
        List<CSVRecord> records;
        List<String> header;
        try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))) {
            header = parser.getHeaderNames();
            records = parser.getRecords();
        }
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (int i = 0; i < rows; i++) {
                String[] values = records.get(i % records.size()).values().clone();
                values[header.indexOf("Model")] = values[header.indexOf("Model")].strip() + " (" + suffix + " " + i + ")";
                printer.printRecord((Object[]) values);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fromPostToCatalogAndDigest() throws Exception {
        PlatformEndpoints platform = EmbeddedPlatformTestResource.platform();
        String shipped = Files.readString(Path.of("../demo/epoch/notable_ai_models.csv"), StandardCharsets.UTF_8).replace("\uFEFF", "");
        try (Pipeline services = Pipeline.start(platform, KEY, "epoch-bench", Map.of(), Map.of());
             Connection db = DriverManager.getConnection(platform.jdbcUrl(), platform.username(), platform.password())) {
            round(services, db, shipped.getBytes(StandardCharsets.UTF_8), "warm-up: the shipped file", "", 952);
            List<long[]> measured = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                String suffix = "bench " + UUID.randomUUID();
                measured.add(round(services, db, renamed(shipped, ROWS, suffix), "round " + round, "(" + suffix + " ", ROWS));
            }
            System.out.printf("EpochImportBench median of the %d rounds: answer %d ms, all in the catalog %d ms, all in the digest's"
                    + " read model %d ms after the post (target: 5,000 ms)%n", ROUNDS, median(measured, 0), median(measured, 1),
                    median(measured, 2));
        }
    }

    private static long median(List<long[]> rounds, int figure) {
        long[] values = rounds.stream().mapToLong(r -> r[figure]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** Posts {@code csv} and waits until {@code expected} entries whose names hold {@code marker} are in both tables. */
    private static long[] round(Pipeline services, Connection db, byte[] csv, String what, String marker, int expected)
            throws Exception {
        long started = System.nanoTime();
        JsonPath report = given().baseUri(services.ingest().url()).header("Authorization", "Bearer " + KEY)
                .contentType("text/csv").body(csv).when().post("/api/v1/imports/epoch").then().statusCode(200).extract().jsonPath();
        long answered = System.nanoTime();
        if (report.getInt("accepted") != expected) {
            throw new AssertionError(what + ": expected " + expected + " accepted: " + report.getList("refusals"));
        }
        long inCatalog = -1;
        long inDigest = -1;
        long deadline = started + 300_000_000_000L;
        while ((inCatalog < 0 || inDigest < 0) && System.nanoTime() < deadline) {
            if (inCatalog < 0 && count(db, "catalog", marker) >= expected) {
                inCatalog = System.nanoTime();
            }
            if (inDigest < 0 && count(db, "digest", marker) >= expected) {
                inDigest = System.nanoTime();
            }
            Thread.sleep(POLL_MILLIS);
        }
        if (inCatalog < 0 || inDigest < 0) {
            throw new AssertionError(what + ": not all " + expected + " entries arrived within 300 s (catalog "
                    + count(db, "catalog", marker) + ", digest " + count(db, "digest", marker) + ")");
        }
        System.out.printf("EpochImportBench %s: %d rows (%d accepted, %d unchanged); answer %d ms (server %d ms), all in the"
                        + " catalog %d ms, all in the digest's read model %d ms after the post%n", what, report.getInt("rows"),
                report.getInt("accepted"), report.getInt("unchanged"), (answered - started) / 1_000_000, report.getLong("millis"),
                (inCatalog - started) / 1_000_000, (inDigest - started) / 1_000_000);
        return new long[] {(answered - started) / 1_000_000, (inCatalog - started) / 1_000_000, (inDigest - started) / 1_000_000};
    }

    /** Entries of {@code schema}'s model table whose name holds {@code marker} (the Epoch entries for ""). */
    private static long count(Connection db, String schema, String marker) throws Exception {
        try (PreparedStatement s = db.prepareStatement("select count(*) from " + schema + ".model where "
                + (marker.isEmpty() ? "snapshot -> 'tags' @> '[\"epoch-ai\"]'" : "strpos(name, ?) > 0"))) {
            if (!marker.isEmpty()) {
                s.setString(1, marker);
            }
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
