package io.modelwatch.system;

import static io.restassured.RestAssured.given;

import io.modelwatch.contract.Slugs;
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
 * (read in their tables every {@code bench.poll-ms}, 100 ms: the figures are up to that late; both by the slugs the
 * renamed rows get, computed with the contract's {@code Slugs}, the code ingest uses; the digest once the catalog has
 * them all). First the shipped file (952 rows) as a
 * warm-up, then {@code bench.epoch-rounds} (6) measured rounds, and the median of each figure over them.
 * Each round also prints the CPU each service's JVM, this JVM (the broker and the bench) and PostgreSQL used until the
 * digest had every entry, and how much of each JVM's was its JIT compiler threads ({@link ProcessCpu}, from /proc).
 * The reads are kept cheap and not too frequent because they are not free: this bench used to scan both model tables
 * every 20 ms, which took about 2 s of PostgreSQL's CPU per round once the catalog held 30,000 entries, on a machine
 * whose two cores the pipeline already fills.
 */
@Tag("bench")
class EpochImportBench {

    private static final int ROWS = Integer.getInteger("bench.epoch-rows", 3_000);
    private static final int ROUNDS = Integer.getInteger("bench.epoch-rounds", 6);
    private static final long POLL_MILLIS = Long.getLong("bench.poll-ms", 100);
    private static final String KEY = "epoch-bench-key-" + UUID.randomUUID();

    /**
     * The shipped rows, {@code rows} of them (repeated as needed), each model renamed "X (suffix i)"; the slugs of the
     * new names are added to {@code slugs}.
     */
    static byte[] renamed(String csv, int rows, String suffix, List<String> slugs) throws Exception {
        List<CSVRecord> records;
        List<String> header;
        try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))) {
            header = parser.getHeaderNames();
            records = parser.getRecords();
        }
        int model = header.indexOf("Model");
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (int i = 0; i < rows; i++) {
                String[] values = records.get(i % records.size()).values().clone();
                values[model] = values[model].strip() + " (" + suffix + " " + i + ")";
                slugs.add(Slugs.of(values[model]));
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
            ProcessCpu.Meter cpu = ProcessCpu.Meter.forPipeline(services, db, "broker, bench");
            round(services, db, cpu, shipped.getBytes(StandardCharsets.UTF_8), "warm-up: the shipped file", null);
            List<long[]> measured = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                List<String> slugs = new ArrayList<>();
                byte[] csv = renamed(shipped, ROWS, "bench " + UUID.randomUUID(), slugs);
                measured.add(round(services, db, cpu, csv, "round " + round, slugs));
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

    /**
     * Posts {@code csv} and waits until all its entries are in both tables: the entries with {@code slugs}, or with
     * {@code null} (the shipped file) the catalog's Epoch entries, 952.
     */
    private static long[] round(Pipeline services, Connection db, ProcessCpu.Meter cpu, byte[] csv, String what,
                                List<String> slugs) throws Exception {
        int expected = slugs == null ? 952 : slugs.size();
        cpu.reset();
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
            if (inCatalog < 0 && countInCatalog(db, slugs) >= expected) {
                inCatalog = System.nanoTime();
                if (slugs == null) {
                    slugs = epochSlugs(db);
                }
            }
            if (inCatalog >= 0 && inDigest < 0 && inDigest(db, slugs) >= expected) {
                inDigest = System.nanoTime();
            }
            Thread.sleep(POLL_MILLIS);
        }
        if (inCatalog < 0 || inDigest < 0) {
            throw new AssertionError(what + ": not all " + expected + " entries arrived within 300 s (catalog "
                    + countInCatalog(db, slugs) + ", digest " + (inCatalog < 0 ? "not read" : inDigest(db, slugs)) + ")");
        }
        System.out.printf("EpochImportBench %s: %d rows (%d accepted, %d unchanged); answer %d ms (server %d ms), all in the"
                        + " catalog %d ms, all in the digest's read model %d ms after the post%n", what, report.getInt("rows"),
                report.getInt("accepted"), report.getInt("unchanged"), (answered - started) / 1_000_000, report.getLong("millis"),
                (inCatalog - started) / 1_000_000, (inDigest - started) / 1_000_000);
        System.out.printf("EpochImportBench %s: CPU until then: %s%n", what, cpu.since());
        return new long[] {(answered - started) / 1_000_000, (inCatalog - started) / 1_000_000, (inDigest - started) / 1_000_000};
    }

    /** The slugs of the catalog's Epoch entries (a scan: for the warm-up only). */
    private static List<String> epochSlugs(Connection db) throws Exception {
        List<String> slugs = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("select slug from catalog.model where snapshot -> 'tags' @> '[\"epoch-ai\"]'");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                slugs.add(rows.getString(1));
            }
        }
        return slugs;
    }

    /** How many of {@code slugs} the catalog holds (read by its unique key), or with {@code null} how many Epoch entries. */
    private static long countInCatalog(Connection db, List<String> slugs) throws Exception {
        if (slugs == null) {
            return epochSlugs(db).size();
        }
        return count(db, "select count(*) from catalog.model where slug = any(?)", slugs);
    }

    /** How many of {@code slugs} the digest's read model holds (read by its primary key). */
    private static long inDigest(Connection db, List<String> slugs) throws Exception {
        return count(db, "select count(*) from digest.model where slug = any(?)", slugs);
    }

    private static long count(Connection db, String query, List<String> slugs) throws Exception {
        try (PreparedStatement s = db.prepareStatement(query)) {
            s.setArray(1, db.createArrayOf("text", slugs.toArray()));
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
