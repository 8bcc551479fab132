package io.modelwatch.ingest.bench;

import static io.restassured.RestAssured.given;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a measurement, run only with {@code mvn -B -pl ingest-service -am -Pbench test -Dtest=EpochImportBench
 * -Dsurefire.failIfNoSpecifiedTests=false}. Posts an Epoch-shaped file of {@code bench.epoch-rows} (3,000) rows (the
 * shipped rows, renamed to be distinct on every round) to POST /api/v1/imports/epoch and prints the time until the
 * answer, that is until the broker has acknowledged every row; first the shipped file as it is (952 rows), then a
 * warm-up round, then the measured rounds. The catalog's side (until all are in the catalog) is not measured here.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("bench")
class EpochImportBench {

    private static final int ROWS = Integer.getInteger("bench.epoch-rows", 3_000);
    private static final int ROUNDS = Integer.getInteger("bench.epoch-rounds", 3);

    private static byte[] renamed(String csv, int rows, String suffix) throws Exception {
        StringBuilder out = new StringBuilder();
        var records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(csv))
                .getRecords();
        var header = CSVFormat.RFC4180.builder().setHeader().get().parse(new java.io.StringReader(csv)).getHeaderNames();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (int i = 0; i < rows; i++) {
                CSVRecord r = records.get(i % records.size());
                String[] values = r.values().clone();
                values[0] = values[0] + " (" + suffix + " " + i + ")";
                printer.printRecord((Object[]) values);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long post(byte[] csv, int expected, String what) {
        long started = System.nanoTime();
        JsonPath report = given().header("Authorization", "Bearer test-key").contentType("text/csv").body(csv)
                .when().post("/api/v1/imports/epoch").then().statusCode(200).extract().jsonPath();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("EpochImportBench %s: %d rows, %d accepted (%d unchanged), %d refused: %d ms (server %d ms)%n", what,
                report.getInt("rows"), report.getInt("accepted"), report.getInt("unchanged"), report.getInt("refused"), millis,
                report.getLong("millis"));
        if (report.getInt("accepted") != expected) {
            throw new AssertionError("expected " + expected + " accepted: " + report.getList("refusals"));
        }
        return millis;
    }

    @Test
    void importTimes() throws Exception {
        String shipped = Files.readString(Path.of("../demo/epoch/notable_ai_models.csv"), StandardCharsets.UTF_8).replace("\uFEFF", "");
        post(shipped.getBytes(StandardCharsets.UTF_8), 952, "shipped file");
        post(shipped.getBytes(StandardCharsets.UTF_8), 952, "shipped file again");
        post(renamed(shipped, ROWS, "warm " + UUID.randomUUID()), ROWS, "warm-up");
        for (int round = 1; round <= ROUNDS; round++) {
            post(renamed(shipped, ROWS, "bench " + UUID.randomUUID()), ROWS, "round " + round);
        }
    }
}
