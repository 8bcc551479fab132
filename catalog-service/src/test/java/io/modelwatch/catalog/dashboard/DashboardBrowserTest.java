package io.modelwatch.catalog.dashboard;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static io.modelwatch.catalog.support.CatalogFixture.awaitModel;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.catalog.support.Chromium;
import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.parameters.ParameterCountParser;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium + chromium-driver): charts drawn from the stats API,
 * filters in the URL, the language switch, Chinese search, an untrusted name, a release arriving live, phone width,
 * the catalog explorer (facets, search as you type, export of the view), charts that lead to the catalog, keyboard use.
 * Screenshots go to target/screenshots/ for a human to look at. Without Chromium each test is reported skipped with
 * the install command ({@link Chromium}); with CI=true they fail instead.
 */
@QuarkusTest
@ExtendWith(Chromium.class)
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class DashboardBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static WebDriver browser;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URL base;

    CatalogFixture catalog;
    int year;
    String tag;
    List<String> names;
    String chinese;
    String pangu;
    String ernie;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Chromium.start();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** demo/releases.json under names and a year of this test's own (2022 becomes the year, 2021 the one before). */
    @BeforeEach
    void demoLikeCatalog() throws Exception {
        catalog = new CatalogFixture(bootstrapServers);
        year = CatalogFixture.ownYear();
        tag = "browser-" + UUID.randomUUID();
        String run = UUID.randomUUID().toString().substring(0, 6);
        names = new ArrayList<>(catalog.announceDemo(" " + run, year, tag));
        chinese = "紫东太初 " + run;
        catalog.announce(announcement(chinese).published(year + "-03").parameters("千亿级").tags(tag).modalities("text", "image", "audio")
                .orgs(new Organization("中国科学院自动化研究所", "CN")).summary(null, "图文音三模态"));
        names.add(chinese);
        for (String name : names) {
            awaitModel(Slugs.of(name), 1);
        }
        // Two of them are known by Chinese names: an admin adds the alias, then a Chinese source announces under it.
        pangu = "Pangu" + " " + run;
        ernie = "ERNIE 3.0" + " " + run;
        String[][] chineseNames = {{pangu, "盘古大模型 " + run}, {ernie, "文心大模型 " + run}};
        for (String[] n : chineseNames) {
            io.restassured.RestAssured.given().header("Authorization", "Bearer test-admin-key").contentType("application/json")
                    .body(java.util.Map.of("name", n[1])).when().post("/api/v1/models/" + Slugs.of(n[0]) + "/aliases").then().statusCode(200);
        }
        catalog.announce(announcement(chineseNames[0][1]).published(year + "-04").tags(tag).modalities("text", "image", "multimodal", "science")
                .orgs(new Organization("Huawei Cloud", "CN")).publisher("cn-source").summary(null, "盘古系列超大规模预训练模型"));
        catalog.announce(announcement(chineseNames[1][1]).published((year - 1) + "-07-05").tags(tag).parameters("10B")
                .orgs(new Organization("Baidu", "CN")).publisher("cn-source").summary(null, "百度知识增强大模型"));
        awaitModel(Slugs.of(pangu), 2);
        awaitModel(Slugs.of(ernie), 2);
    }

    @AfterEach
    void close() {
        if (catalog != null) {
            catalog.close();
        }
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    /** At most 60 s, checking every 50 ms (WebDriverWait's default is every 500 ms). */
    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.pollingEvery(Duration.ofMillis(50));
        return wait;
    }

    private void open(String path) {
        browser.get(url(path));
        waiting().until(d -> d.findElement(By.tagName("body")) != null);
    }

    private void awaitCharts() {
        waiting().until(d -> {
            String ready = d.findElement(By.id("overview")).getDomAttribute("data-ready");
            assertThat(ready).as("the charts' data loaded").isNotEqualTo("error");
            return "true".equals(ready);
        });
    }

    private int points(String chart) {
        String value = browser.findElement(By.id(chart)).getDomAttribute("data-points");
        return value == null ? -1 : Integer.parseInt(value);
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @Test
    void overviewDrawsItsChartsAndTheFiltersChangeThemAndTheUrl() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        open("/?period=custom&from=" + (year - 1) + "-07&to=" + year + "-07&tag=" + tag + "&lang=en");
        awaitCharts();
        // Every entry but GPT-3 (two years back) and CokeBERT (dated to the year only, before the period).
        assertThat(points("chart-timeline")).isEqualTo(names.size() - 2);
        assertThat(points("chart-size")).isGreaterThan(10);
        // A small period: each release drawn (the spread per month is for periods beyond DashboardPages.POINTS_LIMIT).
        assertThat(browser.findElement(By.id("chart-size")).getDomAttribute("data-mode")).isEqualTo("points");
        assertThat(browser.findElement(By.id("size-spread-note")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.id("aggregated"))).isEmpty();
        assertThat(points("chart-country")).isGreaterThanOrEqualTo(2);
        assertThat(points("chart-organization")).isGreaterThanOrEqualTo(5);
        // The demo states no training compute: no empty compute chart, only the statement that there is no trend.
        waiting().until(d -> points("chart-growth") == 0);
        assertThat(browser.findElement(By.id("chart-growth")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector("#growth-statements li")).getText()).startsWith("Too few points");
        // The SVG really has marks and text: ECharts drew something.
        assertThat((Long) js("return document.querySelectorAll('#chart-timeline svg path').length;")).isGreaterThan(10L);
        assertThat((Long) js("return document.querySelectorAll('#chart-timeline svg text').length;")).isGreaterThan(10L);
        assertThat(browser.findElement(By.id("fig-median")).getText()).isNotEqualTo("0").isNotBlank();
        // The size chart draws the GPT-3 reference line at 175B on its log axis.
        assertThat(js("var o = echarts.getInstanceByDom(document.getElementById('chart-size')).getOption();"
                + "return [o.yAxis[0].type, o.series[0].markLine.data[0].yAxis];").toString()).isEqualTo("[log, 175000000000]");
        screenshot("overview-en");
        System.out.printf("Overview usable (every chart's data drawn) %s ms after navigation, %d entries in the period%n",
                browser.findElement(By.id("overview")).getDomAttribute("data-ready-ms"), points("chart-timeline"));
        int all = points("chart-timeline");

        new Select(browser.findElement(By.id("filter-country"))).selectByValue("CN");
        waiting().until(d -> d.getCurrentUrl().contains("country=CN"));
        awaitCharts();
        assertThat(browser.getCurrentUrl()).contains("tag=" + tag, "from=" + (year - 1) + "-07");
        assertThat(points("chart-timeline")).isPositive().isLessThan(all);
        assertThat(browser.findElement(By.id("fig-countries")).getText()).isEqualTo("1");

        // The language switch keeps the view and translates the page.
        browser.findElement(By.id("lang-switch")).click();
        waiting().until(d -> "zh-CN".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
        awaitCharts();
        assertThat(browser.getCurrentUrl()).contains("country=CN", "lang=zh-CN");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("大模型发布一览");
        assertThat(browser.findElements(By.cssSelector(".figure .label")).stream().map(e -> e.getText()).toList()).contains("发布数");
        new Select(browser.findElement(By.id("filter-country"))).selectByValue("");
        waiting().until(d -> !d.getCurrentUrl().contains("country=CN"));
        awaitCharts();
        // The whole page (every chart) in one tall window, for a human to look at.
        browser.manage().window().setSize(new Dimension(1280, 2300));
        awaitCharts();
        screenshot("overview-zh-CN");
        browser.findElement(By.id("lang-switch")).click();
        waiting().until(d -> "en".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
        awaitCharts();
        screenshot("overview-en-full");
    }

    /** A period with no releases: the charts of the period's releases say so in a sentence, not with empty axes. */
    @Test
    void chartsWithNothingToDrawSaySoInsteadOfShowingEmptyAxes() {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        open("/?tag=nothing-" + UUID.randomUUID() + "&lang=zh-CN");
        awaitCharts();
        for (String chart : List.of("chart-timeline", "chart-country", "chart-organization", "chart-modality", "chart-accessibility")) {
            assertThat(points(chart)).as(chart).isZero();
            assertThat(browser.findElement(By.id(chart)).isDisplayed()).as(chart + " drawn").isFalse();
            assertThat(browser.findElement(By.id(chart + "-empty")).getText()).as(chart + "'s sentence")
                    .isEqualTo("该时间段内没有符合筛选条件的发布。");
            assertThat(browser.findElement(By.id(chart.replace("chart-", "table-"))).isDisplayed()).as(chart + "'s data table").isFalse();
        }
        // With releases again (the same page, filters changed), the charts come back and the sentences go.
        open("/?period=custom&from=" + (year - 1) + "-07&to=" + year + "-07&tag=" + tag + "&lang=zh-CN");
        awaitCharts();
        assertThat(browser.findElement(By.id("chart-country")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("chart-country")).getSize().getHeight()).isPositive();
        assertThat(browser.findElement(By.id("table-country")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector(".chart-empty"))).noneMatch(org.openqa.selenium.WebElement::isDisplayed);
    }

    @Test
    void theGrowthChartDrawsComputeOnALogAxisWithItsFitAndStatesTheGrowth() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> scaled = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String name = "Scale " + i + " " + run;
            java.time.LocalDate published = java.time.LocalDate.of(year - 1, 1, 15).plusMonths(2L * i);
            double flop = 1e21 * Math.pow(10, 0.3 * i + (((i * 7) % 5) - 2) * 0.1);
            var a = announcement(name).published(published.toString()).tags(tag);
            if (i % 3 == 0) {
                a.orgs(new Organization("Zhipu AI", "CN"));
            }
            catalog.announce(UUID.randomUUID().toString(), a.event()
                    .withTrainingCompute(io.modelwatch.contract.compute.TrainingComputeParser.of(flop)));
            scaled.add(name);
        }
        scaled.forEach(n -> awaitModel(Slugs.of(n), 1));
        String api = io.restassured.RestAssured.given().queryParam("tag", tag).queryParam("from", String.valueOf(year - 1))
                .queryParam("lang", "en").when().get("/api/v1/stats/growth").then().statusCode(200).extract().jsonPath().getString("text");

        browser.manage().window().setSize(new Dimension(1280, 1100));
        open("/?tag=" + tag + "&growthFrom=" + (year - 1) + "&lang=en");
        awaitCharts();
        assertThat(points("chart-growth")).isEqualTo(12);
        assertThat(browser.findElement(By.id("chart-growth")).getDomAttribute("data-lines")).isEqualTo("1");
        assertThat(js("var o = echarts.getInstanceByDom(document.getElementById('chart-growth')).getOption();"
                + "return [o.yAxis[0].type, o.series.length, o.series[1].data.length];").toString()).isEqualTo("[log, 2, 2]");
        assertThat((Long) js("return document.querySelectorAll('#chart-growth svg path').length;")).isGreaterThan(12L);
        var statement = browser.findElement(By.cssSelector("#growth-statements li"));
        assertThat(statement.isDisplayed()).isTrue();
        assertThat(statement.getText()).isEqualTo(api).startsWith("×").contains("n = 12, " + (year - 1) + " onwards");
        js("document.getElementById('growth').scrollIntoView({block: 'start'});");
        screenshot("growth-en");

        browser.findElement(By.id("lang-switch")).click();
        waiting().until(d -> "zh-CN".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
        awaitCharts();
        assertThat(browser.getCurrentUrl()).contains("growthFrom=" + (year - 1));
        assertThat(browser.findElement(By.id("growth-title")).getText()).isEqualTo("训练算力随时间的变化");
        assertThat(browser.findElement(By.cssSelector("#growth-statements li")).getText()).startsWith("每年 ×").contains((year - 1) + " 年起");
        assertThat(points("chart-growth")).isEqualTo(12);
        js("document.getElementById('growth').scrollIntoView({block: 'start'});");
        screenshot("growth-zh-CN");

        // The measure switch is URL state like every filter: parameters of the same entries (the demo's) instead.
        new Select(browser.findElement(By.id("growth-measure"))).selectByValue("parameters");
        waiting().until(d -> d.getCurrentUrl().contains("measure=parameters"));
        awaitCharts();
        assertThat(browser.findElement(By.id("growth-title")).getText()).isEqualTo("参数量随时间的变化");
        assertThat(points("chart-growth")).isPositive();

        // A mark leads to its model's page.
        open("/?tag=" + tag + "&growthFrom=" + (year - 1) + "&lang=en");
        awaitCharts();
        String slug = Slugs.of(scaled.get(5));
        clickChart("chart-growth", "(function(){ var o = echarts.getInstanceByDom(document.getElementById('chart-growth')).getOption();"
                + "var d = o.series[0].data.find(function (x) { return x.point.slug === '" + slug + "'; }); return d.value; })()", 0);
        waiting().until(d -> d.getCurrentUrl().contains("/models/"));
        assertThat(browser.getCurrentUrl()).contains("/models/" + slug);
    }

    /** Epoch AI's shipped rows with compute, under this test's tag: the chart as a newcomer sees it, for a human to look at. */
    @Test
    void theGrowthChartOfEpochsFileShowsBothDefaultPeriodsAndTheCredit() throws Exception {
        List<EpochGrowthTest.Row> rows = EpochGrowthTest.rowsWithCompute();
        String epochTag = "browser-epoch-" + UUID.randomUUID();
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < rows.size(); i++) {
            EpochGrowthTest.Row row = rows.get(i);
            var a = announcement("b" + run + "r" + i + " " + row.name()).tags(epochTag, io.modelwatch.contract.Credits.EPOCH_AI_TAG);
            if (row.published() != null) {
                a.published(row.published().toString());
            }
            catalog.announce(UUID.randomUUID().toString(), a.event()
                    .withTrainingCompute(io.modelwatch.contract.compute.TrainingComputeParser.parse(row.compute())));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> io.restassured.RestAssured.given().queryParam("tag", epochTag).when().get("/api/v1/stats/summary")
                        .then().statusCode(200).extract().jsonPath().getLong("releases") == rows.size());
        browser.manage().window().setSize(new Dimension(1280, 1100));
        for (String lang : List.of("en", "zh-CN")) {
            open("/?tag=" + epochTag + "&lang=" + lang);
            awaitCharts();
            assertThat(browser.findElement(By.id("chart-growth")).getDomAttribute("data-lines")).isEqualTo("2");
            assertThat(browser.findElements(By.cssSelector("#growth-statements li"))).hasSize(2);
            assertThat(points("chart-growth")).isEqualTo((int) rows.stream()
                    .filter(r -> r.published() != null && r.published().getYear() >= 2010).count());
            assertThat(browser.findElement(By.id("credit")).getText()).contains(io.modelwatch.contract.Credits.EPOCH_AI);
            js("document.getElementById('growth').scrollIntoView({block: 'start'});");
            screenshot("growth-epoch-" + lang);
        }
    }

    @Test
    void chineseSearchFindsTheModelAndItsPageShowsProvenance() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        String wudao = chinese;
        open("/catalog?lang=zh-CN");
        var box = browser.findElement(By.id("q"));
        box.sendKeys(wudao);
        box.submit();
        waiting().until(d -> d.getCurrentUrl().contains("q="));
        var link = browser.findElement(By.linkText(wudao));
        link.click();
        waiting().until(d -> d.findElements(By.id("provenance")).size() == 1);
        assertThat(browser.findElement(By.id("model-name")).getText()).isEqualTo(wudao);
        assertThat(browser.findElements(By.cssSelector("#provenance tbody tr"))).isNotEmpty();
        assertThat(browser.findElement(By.id("provenance")).getText()).contains("test");
        screenshot("model-zh-CN");
        browser.findElement(By.id("lang-switch")).click();
        waiting().until(d -> "en".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
        assertThat(browser.findElement(By.cssSelector("h2")).getText()).isEqualTo("Facts");
        screenshot("model-en");
    }

    @Test
    void anUntrustedNameIsShownAsTextAndArrivesLiveWithoutAReload() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/?period=" + year + "-H2&tag=" + tag + "&lang=en");
        awaitCharts();
        waiting().until(d -> "open".equals(d.findElement(By.tagName("body")).getDomAttribute("data-live")));
        js("window.__sameDocument = 'yes';");
        String before = browser.findElement(By.id("fig-releases")).getText();
        int timeline = points("chart-timeline");

        String xss = "<img src=x onerror=alert(1)> " + UUID.randomUUID().toString().substring(0, 8);
        catalog.announce(announcement(xss).published(year + "-09").parameters("7B").tags(tag).orgs(new Organization("Evil Corp", "CN")));
        waiting().until(d -> d.findElement(By.id("live")).getText().contains(xss));
        waiting().until(d -> !before.equals(d.findElement(By.id("fig-releases")).getText()));
        awaitCharts();
        assertThat(js("return window.__sameDocument;")).isEqualTo("yes");
        assertThat(browser.findElement(By.id("fig-releases")).getText()).isEqualTo(Integer.toString(Integer.parseInt(before) + 1));
        assertThat(points("chart-timeline")).isEqualTo(timeline + 1);
        assertThat(browser.findElement(By.cssSelector("#live .item .badge")).getText()).isEqualTo("new");
        assertThat(browser.findElements(By.cssSelector("img"))).isEmpty();
        assertNoAlert();
        screenshot("overview-phone-en");

        open("/catalog?q=" + java.net.URLEncoder.encode(xss.substring(xss.length() - 8), "UTF-8") + "&lang=en");
        assertThat(browser.findElement(By.id("catalog")).getText()).contains(xss);
        assertThat(browser.findElements(By.cssSelector("img"))).isEmpty();
        assertNoAlert();
        open("/models/" + Slugs.of(xss) + "?lang=zh-CN");
        assertThat(browser.findElement(By.id("model-name")).getText()).isEqualTo(xss);
        assertThat(browser.findElements(By.cssSelector("img"))).isEmpty();
        assertNoAlert();
        screenshot("model-phone-zh-CN");
    }

    // ---- the catalog explorer ----

    private List<String> rowSlugs() {
        return browser.findElements(By.cssSelector("#catalog tbody tr")).stream().map(e -> e.getDomAttribute("data-slug")).toList();
    }

    private List<String> rowNames() {
        return browser.findElements(By.cssSelector("#catalog tbody td.name a")).stream().map(e -> e.getText()).toList();
    }

    /** Waits until the explorer swapped in the results of a new request (after a change, a search, a submit). */
    private void awaitUpdate(String before) {
        waiting().until(d -> {
            String now = d.findElement(By.tagName("body")).getDomAttribute("data-updated");
            return now != null && !now.equals(before) && "false".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loading"));
        });
    }

    private String updated() {
        return browser.findElement(By.tagName("body")).getDomAttribute("data-updated");
    }

    /** How many entries /api/v1/models returns for a query (every page). */
    private static int apiCount(String query) {
        int count = 0;
        String after = null;
        do {
            var page = io.restassured.RestAssured.given().urlEncodingEnabled(false)
                    .when().get("/api/v1/models?" + query + "&limit=500" + (after == null ? "" : "&after=" + after))
                    .then().statusCode(200).extract().jsonPath();
            count += page.getList("items").size();
            after = page.getString("next");
        } while (after != null);
        return count;
    }

    private static String enc(String v) {
        return java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void eachFilterNarrowsTheCatalogAndTheUrlAndFacetCountsAreTheApis() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        open("/catalog?tag=" + tag + "&lang=en");
        assertThat(rowSlugs()).hasSize(names.size());
        for (String facet : List.of("kind", "accessibility", "country", "modality", "organization")) {
            // Every count beside a value is what the API answers for the page's filters with that value.
            for (var value : browser.findElements(By.cssSelector("#facet-" + facet + " .facet-value:has(input:enabled)"))) {
                String v = value.findElement(By.tagName("input")).getDomAttribute("value");
                long shown = Long.parseLong(value.findElement(By.className("facet-count")).getText());
                assertThat(shown).as(facet + "=" + v).isEqualTo(apiCount("tag=" + enc(tag) + "&" + facet + "=" + enc(v)));
            }
            var choice = browser.findElements(By.cssSelector("#facet-" + facet + " .facet-value:has(input:enabled)")).stream()
                    .filter(e -> {
                        long c = Long.parseLong(e.findElement(By.className("facet-count")).getText());
                        return c > 0 && c < names.size();
                    }).findFirst().orElseThrow(() -> new AssertionError("no narrowing value in " + facet));
            String value = choice.findElement(By.tagName("input")).getDomAttribute("value");
            long expected = Long.parseLong(choice.findElement(By.className("facet-count")).getText());
            String before = updated();
            choice.findElement(By.tagName("input")).click();
            awaitUpdate(before);
            assertThat(java.net.URLDecoder.decode(browser.getCurrentUrl(), java.nio.charset.StandardCharsets.UTF_8)).as(facet)
                    .contains(facet + "=" + value);
            assertThat(rowSlugs()).as(facet + "=" + value).hasSize((int) expected);
            assertThat(browser.findElement(By.id("count")).getText()).startsWith(Long.toString(expected));
            // The URL alone gives the same view (shareable).
            String url = browser.getCurrentUrl();
            browser.navigate().refresh();
            assertThat(rowSlugs()).hasSize((int) expected);
            assertThat(browser.getCurrentUrl()).isEqualTo(url);
            before = updated();
            browser.findElement(By.cssSelector("#facet-" + facet + " input[value='" + value.replace("'", "\\'") + "']")).click();
            awaitUpdate(before);
            assertThat(rowSlugs()).hasSize(names.size());
        }
        // Two values of one facet: either (the API's "any of").
        browser.findElement(By.cssSelector("#facet-country input[value=CN]")).click();
        waiting().until(d -> d.getCurrentUrl().contains("country=CN"));
        awaitUpdate(null);
        int cn = rowSlugs().size();
        String before = updated();
        browser.findElement(By.cssSelector("#facet-country input[value=US]")).click();
        awaitUpdate(before);
        assertThat(browser.getCurrentUrl()).contains("country=CN", "country=US");
        assertThat(rowSlugs().size()).isGreaterThan(cn).isEqualTo(apiCount("tag=" + enc(tag) + "&country=CN&country=US"));
        // Dates and sizes: typed, applied with Enter.
        open("/catalog?tag=" + tag + "&lang=en");
        var from = browser.findElement(By.id("f-from"));
        from.sendKeys(Integer.toString(year));
        before = updated();
        from.sendKeys(org.openqa.selenium.Keys.ENTER);
        awaitUpdate(before);
        assertThat(browser.getCurrentUrl()).contains("from=" + year);
        assertThat(rowSlugs()).hasSize(apiCount("tag=" + enc(tag) + "&from=" + year)).hasSizeLessThan(names.size());
        var min = browser.findElement(By.id("f-minParameters"));
        min.sendKeys("100B");
        before = updated();
        min.sendKeys(org.openqa.selenium.Keys.ENTER);
        awaitUpdate(before);
        assertThat(browser.getCurrentUrl()).contains("minParameters=100B");
        assertThat(rowSlugs()).isNotEmpty().hasSize(apiCount("tag=" + enc(tag) + "&from=" + year + "&minParameters=100B"));
        // Sorting by size keeps the filters.
        browser.findElement(By.xpath("//th/a[starts-with(normalize-space(.), 'Parameters')]")).click();
        waiting().until(d -> d.getCurrentUrl().contains("sort=-parameters"));
        assertThat(browser.getCurrentUrl()).contains("minParameters=100B", "from=" + year);
        assertThat(browser.findElement(By.cssSelector("th[aria-sort=descending]")).getText()).contains("Parameters");
    }

    @Test
    void searchAsYouTypeFindsChineseNamesAndShowsThemOnChinesePages() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        for (String[] search : new String[][]{{"盘古", pangu}, {"文心", ernie}}) {
            open("/catalog?tag=" + tag + "&lang=zh-CN");
            String before = updated();
            browser.findElement(By.id("q")).sendKeys(search[0]);
            awaitUpdate(before);
            assertThat(java.net.URLDecoder.decode(browser.getCurrentUrl(), java.nio.charset.StandardCharsets.UTF_8)).contains("q=" + search[0]);
            assertThat(rowSlugs()).as(search[0]).containsExactly(Slugs.of(search[1]));
            // On the Chinese page the Chinese name leads, the catalogued one follows.
            assertThat(browser.findElement(By.cssSelector("#catalog td.name a")).getText()).contains(search[0]);
            assertThat(browser.findElement(By.cssSelector("#catalog td.name .original")).getText()).isEqualTo(search[1]);
        }
        open("/catalog?tag=" + tag + "&q=" + enc("盘古") + "&lang=en");
        assertThat(rowNames()).containsExactly(pangu);
    }

    @Test
    void exportThisViewReturnsExactlyTheRowsOnScreen() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        open("/catalog?tag=" + tag + "&country=CN&sort=-parameters&lang=en");
        List<String> onScreen = rowNames();
        assertThat(onScreen).hasSizeGreaterThan(3);
        String json = browser.findElement(By.id("export-json")).getDomAttribute("href");
        String csv = browser.findElement(By.id("export-csv")).getDomAttribute("href");
        assertThat(io.restassured.RestAssured.given().urlEncodingEnabled(false).when().get(json).then().statusCode(200)
                .extract().jsonPath().getList("Model", String.class)).isEqualTo(onScreen);
        byte[] file = io.restassured.RestAssured.given().urlEncodingEnabled(false).when().get(csv).then().statusCode(200)
                .extract().asByteArray();
        assertThat(file).startsWith(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = io.modelwatch.catalog.support.Csv.parse(new String(file, java.nio.charset.StandardCharsets.UTF_8).substring(1));
        int model = rows.get(0).indexOf("Model");
        assertThat(rows.get(0)).contains("Organization", "Publication date", "Parameters", "Country (of organization)");
        assertThat(rows.subList(1, rows.size()).stream().map(r -> r.get(model)).toList()).isEqualTo(onScreen);
        // After a search typed on the page, the links follow the view.
        String before = updated();
        browser.findElement(By.id("q")).sendKeys("文心");
        awaitUpdate(before);
        json = browser.findElement(By.id("export-json")).getDomAttribute("href");
        assertThat(io.restassured.RestAssured.given().urlEncodingEnabled(false).when().get(json).then().statusCode(200)
                .extract().jsonPath().getList("Model", String.class)).isEqualTo(rowNames()).containsExactly(ernie);
    }

    /** Clicks a chart at the pixel of a data value (ECharts' own coordinate conversion), as a mouse would. */
    private void clickChart(String id, String valueJs, int seriesIndex) {
        js("document.getElementById('" + id + "').scrollIntoView({block: 'center'});");
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) js("var el = document.getElementById('" + id + "'); var c = echarts.getInstanceByDom(el);"
                + "var p = c.convertToPixel({seriesIndex: " + seriesIndex + "}, " + valueJs + ");"
                + "return [p[0] - el.clientWidth / 2, p[1] - el.clientHeight / 2];");
        new org.openqa.selenium.interactions.Actions(browser)
                .moveToElement(browser.findElement(By.id(id)), at.get(0).intValue(), at.get(1).intValue()).click().perform();
    }

    @Test
    void aClickOnACountryBarOrATimelinePointOpensTheFilteredCatalog() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        String overview = "/?period=custom&from=" + (year - 1) + "-07&to=" + year + "-07&tag=" + tag + "&lang=en";
        open(overview);
        awaitCharts();
        // The country chart's CN bar: category index of its label, value half its count.
        clickChart("chart-country", "(function(){ var o = echarts.getInstanceByDom(document.getElementById('chart-country')).getOption();"
                + "var i = o.yAxis[0].data.findIndex(function (l) { return String(l).indexOf('China') >= 0; });"
                + "return [o.series[0].data[i].value / 2, i]; })()", 0);
        waiting().until(d -> d.getCurrentUrl().contains("/catalog"));
        assertThat(browser.getCurrentUrl()).contains("country=CN", "tag=" + tag, "from=" + (year - 1) + "-07");
        assertThat(rowSlugs()).isNotEmpty().hasSize(apiCount("tag=" + enc(tag) + "&country=CN&from=" + (year - 1) + "-07&to=" + year + "-07"));
        assertThat(browser.findElements(By.cssSelector("#catalog tbody tr"))).allSatisfy(r -> assertThat(r.getText()).contains("◆"));

        open(overview);
        awaitCharts();
        String slug = Slugs.of(pangu);
        clickChart("chart-timeline", "(function(){ var o = echarts.getInstanceByDom(document.getElementById('chart-timeline')).getOption();"
                + "var d = o.series[0].data.find(function (x) { return x.point.slug === '" + slug + "'; }); return d.value; })()", 0);
        waiting().until(d -> d.getCurrentUrl().contains("/catalog"));
        assertThat(browser.getCurrentUrl()).contains("from=" + year + "-04", "to=" + year + "-04");
        assertThat(rowSlugs()).contains(slug);
    }

    @Test
    void yearOnlyAndMonthOnlyDatesAreDrawnNotDropped() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        // demo 2021 + China: seven releases, CokeBERT dated to the year only and Mengzi, Erlangshen to the month.
        open("/?period=" + (year - 1) + "&country=CN&tag=" + tag + "&lang=en");
        awaitCharts();
        assertThat(browser.findElement(By.id("fig-releases")).getText()).isEqualTo("7");
        assertThat(points("chart-timeline")).isEqualTo(7);
        assertThat(js("return echarts.getInstanceByDom(document.getElementById('chart-timeline')).getOption().series[0].data"
                + ".filter(function (d) { return d.point.precision === 'year'; }).length;")).isEqualTo(1L);
        // The size chart: a legend, named axes, short tick labels even with one release.
        open("/?period=" + (year - 1) + "&country=CN&tag=" + tag + "&modality=video&lang=en");
        awaitCharts();
        @SuppressWarnings("unchecked")
        List<String> legend = (List<String>) js("return echarts.getInstanceByDom(document.getElementById('chart-size')).getOption().legend[0].data;");
        assertThat(legend).hasSize(3);
        String axisText = (String) js("return Array.from(document.querySelectorAll('#chart-size svg text')).map(function (t) { return t.textContent; }).join('|');");
        assertThat(axisText).contains("Parameters (log scale)").doesNotContainPattern("\\d{10,}");
        assertThat(axisText).containsPattern("\\|\\d+(\\.\\d)?[KMBT]\\|");
    }

    /** Pairs of visible text boxes in an SVG chart that overlap (more than a pixel each way). */
    @SuppressWarnings("unchecked")
    private List<String> overlappingText(String chart) {
        return (List<String>) js("var ts = Array.from(document.querySelectorAll('#" + chart + " svg text')).map(function (t) {"
                + " var r = t.getBoundingClientRect(); return {t: t.textContent, l: r.left, r: r.right, top: r.top, b: r.bottom}; })"
                + ".filter(function (b) { return b.r - b.l > 0 && b.b - b.top > 0 && b.t.trim() !== ''; });"
                + "var out = []; for (var i = 0; i < ts.length; i++) { for (var j = i + 1; j < ts.length; j++) { var a = ts[i], b = ts[j];"
                + " if (Math.min(a.r, b.r) - Math.max(a.l, b.l) > 1 && Math.min(a.b, b.b) - Math.max(a.top, b.top) > 1) { out.push(a.t + ' / ' + b.t); } } }"
                + "return out;");
    }

    @Test
    void atPhoneWidthNoTimelineTextOverlaps() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/?period=custom&from=" + (year - 1) + "-07&to=" + year + "-07&tag=" + tag + "&lang=en");
        awaitCharts();
        assertThat(points("chart-timeline")).isEqualTo(names.size() - 2);
        assertThat(overlappingText("chart-timeline")).isEmpty();
        assertThat((Long) js("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(390L);
        js("document.getElementById('chart-timeline').scrollIntoView({block: 'center'});");
        screenshot("overview-timeline-phone-en");
        open("/?period=custom&from=" + (year - 1) + "-07&to=" + year + "-07&tag=" + tag + "&lang=zh-CN");
        awaitCharts();
        assertThat(overlappingText("chart-timeline")).isEmpty();
        // Ten more releases in one month: too many to label, so the density view (releases per month and region).
        List<String> busy = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            busy.add("Busy " + i + " " + UUID.randomUUID().toString().substring(0, 6));
            catalog.announce(announcement(busy.get(i)).published(year + "-05-1" + i % 10).parameters((i + 1) + "B").tags(tag)
                    .orgs(new Organization("Busy Lab", i % 2 == 0 ? "CN" : "US")));
        }
        busy.forEach(n -> awaitModel(Slugs.of(n), 1));
        open("/?period=custom&from=" + (year - 1) + "-07&to=" + year + "-07&tag=" + tag + "&lang=en");
        awaitCharts();
        assertThat(browser.findElement(By.id("chart-timeline")).getDomAttribute("data-mode")).isEqualTo("density");
        assertThat(points("chart-timeline")).isEqualTo(names.size() - 2 + busy.size());
        assertThat(browser.findElement(By.id("timeline-density-note")).isDisplayed()).isTrue();
        assertThat(overlappingText("chart-timeline")).isEmpty();
        js("document.getElementById('chart-timeline').scrollIntoView({block: 'center'});");
        screenshot("overview-density-phone-en");
        // A density cell leads to its month (and China, for China's row).
        clickChart("chart-timeline", "(function(){ var o = echarts.getInstanceByDom(document.getElementById('chart-timeline')).getOption();"
                + "var i = o.xAxis[0].data.indexOf('" + year + "-05'); return [i, 1]; })()", 0);
        waiting().until(d -> d.getCurrentUrl().contains("/catalog"));
        assertThat(browser.getCurrentUrl()).contains("from=" + year + "-05", "to=" + year + "-05", "country=CN");
        assertThat(rowSlugs()).hasSize(apiCount("tag=" + enc(tag) + "&from=" + year + "-05&to=" + year + "-05&country=CN")).hasSize(5);
    }

    private static final java.util.regex.Pattern ENGLISH_ENUMS = java.util.regex.Pattern.compile(
            "\\b(Model|Framework|Application|Open weights|Hosted|Unreleased|Text|Image|Audio|Video|Multimodal|Agent|Robotics|Science|"
                    + "announced|Confident|Likely|Not stated|undisclosed|knowledge-enhanced|instruction-tuned|diffusion|generalist|"
                    + "Stated by|default|Any)\\b");

    private void assertNoEnglishEnum(String where, String text) {
        var m = ENGLISH_ENUMS.matcher(text);
        assertThat(m.find() ? m.group() + " in: " + text.substring(Math.max(0, m.start() - 40), Math.min(text.length(), m.end() + 40)) : null)
                .as(where).isNull();
    }

    @Test
    void chinesePagesShowNoEnglishEnumLabels() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        open("/catalog?tag=" + tag + "&lang=zh-CN");
        for (String facet : List.of("kind", "accessibility", "country", "modality")) {
            assertNoEnglishEnum("facet " + facet, browser.findElement(By.id("facet-" + facet)).getText());
        }
        for (var row : browser.findElements(By.cssSelector("#catalog tbody tr"))) {
            var cells = row.findElements(By.tagName("td"));
            assertNoEnglishEnum("row " + row.getDomAttribute("data-slug"), cells.get(2).getText() + " " + cells.get(3).getText()
                    + " " + cells.get(4).getText() + " " + cells.get(5).getText());
        }
        open("/?period=custom&from=" + (year - 1) + "-07&to=" + year + "-07&tag=" + tag + "&lang=zh-CN");
        awaitCharts();
        for (String chart : List.of("modality", "accessibility", "country")) {
            assertNoEnglishEnum("chart " + chart, (String) js("return Array.from(document.querySelectorAll('#chart-" + chart
                    + " svg text')).map(function (t) { return t.textContent; }).join(' | ');"));
        }
        for (String select : List.of("period", "filter-kind", "filter-country", "filter-modality", "filter-accessibility")) {
            assertNoEnglishEnum("filter " + select, String.join(" | ", new Select(browser.findElement(By.id(select))).getOptions()
                    .stream().map(o -> o.getDomProperty("textContent")).toList()));
        }
        open("/models/" + Slugs.of(pangu) + "?lang=zh-CN");
        assertThat(browser.findElement(By.id("model-name")).getText()).startsWith("盘古");
        assertNoEnglishEnum("model page", browser.findElement(By.id("main")).getText()
                .replace(pangu, "").replace(tag, "").replace("Huawei Cloud", ""));
        assertThat(browser.findElement(By.id("facts")).getText()).contains("科学", "多模态");
        assertThat(browser.findElement(By.id("revisions")).getText()).contains("收录公告", "cn-source");
    }

    @Test
    void theModelPageReadsAsFactsSourcesAndChanges() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        open("/models/" + Slugs.of(names.get(0)) + "?lang=en");
        // GPT-3 of the demo: 175B, the reference itself.
        assertThat(browser.findElement(By.id("size-value")).getText()).isEqualTo("175B");
        assertThat(browser.findElement(By.id("size-reference")).getText()).contains("1×");
        assertThat(browser.findElement(By.id("main")).getText()).doesNotContain("default").doesNotContain("Stated by: ");
        open("/models/" + Slugs.of(ernie) + "?lang=en");
        assertThat(browser.findElement(By.id("size-period")).getText()).contains("median of " + (year - 1));
        assertThat(browser.findElements(By.cssSelector("#revisions li"))).hasSize(3);
        assertThat(browser.findElement(By.cssSelector("#revisions li")).getText()).contains("Summary", "→", "百度知识增强大模型", "by cn-source");
        assertThat(browser.findElements(By.cssSelector("#revisions li")).get(1).getText()).contains("Also known as", "文心大模型");
        assertThat(browser.findElements(By.cssSelector("#revisions li")).get(2).getText()).contains("catalogued", "2022 mid-year review");
        assertThat(browser.findElement(By.cssSelector("#sources a")).getDomAttribute("href")).startsWith("http://xie.infoq.cn/");
    }

    @Test
    void keyboardReachesFiltersTableAndChartLinks() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        open("/catalog?tag=" + tag + "&lang=en");
        var actions = new org.openqa.selenium.interactions.Actions(browser);
        // Tab from the top of the page to the first filter checkbox, toggle it with the space bar.
        String active = null;
        for (int i = 0; i < 30 && (active == null || !active.startsWith("f-kind-")); i++) {
            actions.sendKeys(org.openqa.selenium.Keys.TAB).perform();
            active = (String) js("return document.activeElement.id;");
        }
        assertThat(active).startsWith("f-kind-");
        String before = updated();
        actions.sendKeys(org.openqa.selenium.Keys.SPACE).perform();
        awaitUpdate(before);
        assertThat(browser.getCurrentUrl()).contains("kind=");
        // The focus stays on the checkbox after the results changed.
        assertThat(js("return document.activeElement.id;")).isEqualTo(active);
        // On to the table's first model link, and Enter opens it.
        String href = null;
        for (int i = 0; i < 80; i++) {
            actions.sendKeys(org.openqa.selenium.Keys.TAB).perform();
            href = (String) js("var a = document.activeElement; return a.closest('#catalog tbody td.name') ? a.getAttribute('href') : null;");
            if (href != null) {
                break;
            }
        }
        assertThat(href).startsWith("/models/");
        actions.sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        waiting().until(d -> d.getCurrentUrl().contains("/models/"));
        // A chart: focusable, Enter opens its data table, whose links lead to the filtered catalog.
        open("/?period=custom&from=" + (year - 1) + "-07&to=" + year + "-07&tag=" + this.tag + "&lang=en");
        awaitCharts();
        js("document.getElementById('chart-country').focus();");
        actions.sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        assertThat(browser.findElement(By.id("table-country")).getDomAttribute("open")).isNotNull();
        assertThat(js("return document.activeElement.closest('#table-country') !== null && document.activeElement.tagName;")).isEqualTo("A");
        actions.sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        waiting().until(d -> d.getCurrentUrl().contains("/catalog"));
        assertThat(browser.getCurrentUrl()).contains("country=");
    }

    @Test
    void aLiveRowHasOneCellPerColumn() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        open("/catalog?lang=en");
        waiting().until(d -> "open".equals(d.findElement(By.tagName("body")).getDomAttribute("data-live")));
        String name = "Live row " + UUID.randomUUID().toString().substring(0, 8);
        catalog.announce(announcement(name).published(year + "-09-02").parameters("7B").tags(tag).orgs(new Organization("Live Lab", "CN"))
                .accessibility(Accessibility.API));
        String slug = Slugs.of(name);
        waiting().until(d -> !d.findElements(By.cssSelector("#catalog tbody tr[data-slug='" + slug + "']")).isEmpty());
        var cells = browser.findElements(By.cssSelector("#catalog tbody tr[data-slug='" + slug + "'] td")).stream().map(e -> e.getText()).toList();
        int columns = browser.findElements(By.cssSelector("#catalog thead th")).size();
        assertThat(cells).hasSize(columns);
        assertThat(cells.get(0)).contains(name);
        assertThat(cells.get(1)).isEqualTo("Live Lab");
        assertThat(cells.get(2)).isEqualTo("Sep 2, " + year);
        assertThat(cells.get(3)).isEqualTo("7B");
        assertThat(cells.get(4)).isEqualTo("Model");
        assertThat(cells.get(5)).isEqualTo("API");
    }

    @Test
    void screenshotsOfEveryPageInBothLanguagesOnDesktopAndPhone() throws Exception {
        String overview = "/?period=custom&from=" + (year - 1) + "-07&to=" + year + "-07&tag=" + tag;
        String catalogPage = "/catalog?tag=" + tag;
        String model = "/models/" + Slugs.of(ernie);
        for (String lang : List.of("en", "zh-CN")) {
            for (int[] size : new int[][]{{1280, 2300}, {390, 844}}) {
                String device = size[0] > 500 ? "desktop" : "phone";
                browser.manage().window().setSize(new Dimension(size[0], size[1]));
                open(overview + "&lang=" + lang);
                awaitCharts();
                screenshot("overview-" + device + "-" + lang);
                open(catalogPage + "&lang=" + lang);
                screenshot("catalog-" + device + "-" + lang);
                open(model + "?lang=" + lang);
                screenshot("model-" + device + "-" + lang);
                assertThat((Long) js("return document.documentElement.scrollWidth;")).as(device + " " + lang)
                        .isLessThanOrEqualTo((long) size[0]);
            }
        }
    }

    private static void assertNoAlert() {
        try {
            browser.switchTo().alert();
            throw new AssertionError("an alert opened: a name ran as HTML");
        } catch (NoAlertPresentException expected) {
            // text, as it should be
        }
    }
}
