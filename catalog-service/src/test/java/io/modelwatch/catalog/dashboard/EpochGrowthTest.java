package io.modelwatch.catalog.dashboard;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.contract.Credits;
import io.modelwatch.contract.compute.TrainingComputeParser;
import io.modelwatch.contract.trend.GrowthTrend;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The growth of training compute that the dashboard states for Epoch AI's shipped notable-models file equals the one
 * computed straight from the CSV: the file read here by its own path (Commons CSV, the README's traps: BOM, Model or
 * System, quoted newlines, empty cells), its rows with compute sent as ingest would, under a tag of this run only.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class EpochGrowthTest {

    static final Path EPOCH = Path.of("../demo/epoch/notable_ai_models.csv");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** One row as the CSV states it: name, publication date (null when empty), compute as written. */
    record Row(String name, LocalDate published, String compute) {
    }

    static List<Row> rowsWithCompute() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(EPOCH, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            Map<String, Integer> header = new java.util.HashMap<>();
            csv.getHeaderMap().forEach((k, v) -> header.put(k.replace("\uFEFF", "").strip(), v));
            int name = header.containsKey("Model") ? header.get("Model") : header.get("System");
            int date = header.get("Publication date");
            int compute = header.get("Training compute (FLOP)");
            for (CSVRecord r : csv) {
                String flop = r.get(compute).strip();
                if (flop.isEmpty()) {
                    continue;
                }
                String published = r.get(date).strip();
                rows.add(new Row(r.get(name).strip(), published.isEmpty() ? null : LocalDate.parse(published), flop));
            }
        }
        return rows;
    }

    @Test
    void theDashboardsComputeGrowthSince2010IsTheOneComputedFromTheCsv() throws Exception {
        List<Row> rows = rowsWithCompute();
        assertThat(rows).as("the shipped file has rows with compute").hasSizeGreaterThan(100);
        String tag = "epoch-growth-" + UUID.randomUUID();
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers)) {
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                // A name of this run (its row number keeps every row its own entry), tagged as an import tags it.
                var a = announcement("g" + run + "r" + i + " " + row.name()).tags(tag, Credits.EPOCH_AI_TAG);
                if (row.published() != null) {
                    a.published(row.published().toString());
                }
                catalog.announce(UUID.randomUUID().toString(), a.event().withTrainingCompute(TrainingComputeParser.parse(row.compute())));
            }
        }
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> given().queryParam("tag", tag)
                .when().get("/api/v1/stats/summary").then().statusCode(200).extract().jsonPath().getLong("releases") == rows.size());

        LocalDate from = LocalDate.of(2010, 1, 1);
        List<GrowthTrend.Point> points = rows.stream().filter(r -> r.published() != null)
                .map(r -> new GrowthTrend.Point(r.published(), Double.parseDouble(r.compute()))).toList();
        long since2010 = rows.stream().filter(r -> r.published() != null && !r.published().isBefore(from)).count();
        GrowthTrend.Growth expected = GrowthTrend.fit(points, from, GrowthTrend.SEED).orElseThrow();

        JsonPath api = given().queryParam("tag", tag).queryParam("measure", "compute").queryParam("from", "2010")
                .queryParam("lang", "en").when().get("/api/v1/stats/growth").then().statusCode(200).extract().jsonPath();
        assertThat(api.getInt("n")).isEqualTo(expected.n()).isEqualTo((int) since2010);
        assertThat(api.getString("from")).isEqualTo(expected.from().toString());
        assertThat(api.getString("to")).isEqualTo(expected.to().toString());
        assertThat(api.getDouble("perYear")).isCloseTo(expected.perYear(), within(1e-6));
        assertThat(api.getDouble("perYearInterval.low")).isCloseTo(expected.perYearInterval().low(), within(1e-6));
        assertThat(api.getDouble("perYearInterval.high")).isCloseTo(expected.perYearInterval().high(), within(1e-6));
        assertThat(api.getDouble("doublingMonths")).isCloseTo(expected.doublingMonths(), within(1e-6));
        assertThat(api.getDouble("doublingInterval.low")).isCloseTo(expected.doublingInterval().low(), within(1e-6));
        assertThat(api.getDouble("doublingInterval.high")).isCloseTo(expected.doublingInterval().high(), within(1e-6));
        String statement = String.format(Locale.ROOT, "×%.1f per year (90 %% interval ×%.1f–%.1f), doubling every %.1f months, n = %d, 2010 onwards",
                expected.perYear(), expected.perYearInterval().low(), expected.perYearInterval().high(), expected.doublingMonths(), expected.n());
        assertThat(api.getString("text")).isEqualTo(statement);

        // The dashboard states it under the chart (and credits Epoch AI), in both languages.
        var en = Jsoup.parse(given().when().get("/?tag=" + tag + "&growthFrom=2010&lang=en").then().statusCode(200).extract().asString());
        assertThat(en.select("#growth-statements li[data-from=2010]").text()).isEqualTo(statement);
        assertThat(en.select("footer#credit").text()).contains(Credits.EPOCH_AI);
        var zh = Jsoup.parse(given().when().get("/?tag=" + tag + "&growthFrom=2010&lang=zh-CN").then().statusCode(200).extract().asString());
        assertThat(zh.select("#growth-statements li[data-from=2010]").text())
                .isEqualTo(String.format(Locale.ROOT, "每年 ×%.1f（90%% 区间 ×%.1f–%.1f），每 %.1f 个月翻一番，n = %d，2010 年起",
                        expected.perYear(), expected.perYearInterval().low(), expected.perYearInterval().high(),
                        expected.doublingMonths(), expected.n()));
        assertThat(zh.select("footer#credit").text()).startsWith("数据来源：").contains(Credits.EPOCH_AI);

        // 2018 onwards: the second default period, fitted the same way.
        GrowthTrend.Growth recent = GrowthTrend.fit(points, LocalDate.of(2018, 1, 1), GrowthTrend.SEED).orElseThrow();
        JsonPath api2018 = given().queryParam("tag", tag).queryParam("from", "2018").when().get("/api/v1/stats/growth")
                .then().statusCode(200).extract().jsonPath();
        assertThat(api2018.getInt("n")).isEqualTo(recent.n());
        assertThat(api2018.getDouble("perYear")).isCloseTo(recent.perYear(), within(1e-6));
        assertThat(en.select("#growth-statements li[data-from=2018]").text()).contains("n = " + recent.n() + ", 2018 onwards");
    }

    @Test
    void fewerThanThreePointsAnswerNAndNulls() {
        String tag = "growth-few-" + UUID.randomUUID();
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers)) {
            for (String date : List.of("2020-01-01", "2021-06-01")) {
                catalog.announce(UUID.randomUUID().toString(), announcement(CatalogFixture.unique("Few")).published(date).tags(tag).event()
                        .withTrainingCompute(TrainingComputeParser.parse("1e22")));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> given().queryParam("tag", tag).when().get("/api/v1/stats/summary")
                .then().extract().jsonPath().getLong("releases") == 2);
        JsonPath api = given().queryParam("tag", tag).queryParam("lang", "zh-CN").when().get("/api/v1/stats/growth")
                .then().statusCode(200).extract().jsonPath();
        assertThat(api.getInt("n")).isEqualTo(2);
        assertThat((Object) api.get("perYear")).isNull();
        assertThat((Object) api.get("doublingMonths")).isNull();
        assertThat(api.getString("text")).isEqualTo("数据点不足，无法拟合趋势（n = 2，全部日期）");
    }
}
