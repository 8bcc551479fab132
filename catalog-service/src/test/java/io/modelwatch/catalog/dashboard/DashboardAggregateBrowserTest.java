package io.modelwatch.catalog.dashboard;

import static io.modelwatch.catalog.support.CatalogFixture.announcement;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.catalog.support.Chromium;
import io.modelwatch.contract.Organization;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A period with more releases than the overview draws one by one ({@link DashboardPages#POINTS_LIMIT}): the timeline is
 * the density view and the size chart the spread per month, both drawn from the overview's aggregates without a single
 * request of points, and their cells and boxes still lead to the filtered catalog. Screenshots (en and zh-CN, desktop
 * and 390 px) go to target/screenshots/ for a human to look at.
 */
@io.quarkus.test.junit.QuarkusTest
@ExtendWith(Chromium.class)
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class DashboardAggregateBrowserTest {

    static WebDriver browser;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Chromium.start();
        Files.createDirectories(DashboardBrowserTest.SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void open(String path) {
        browser.get(base.toString().replaceAll("/$", "") + path);
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> {
            String ready = d.findElement(By.id("overview")).getDomAttribute("data-ready");
            assertThat(ready).as("the charts' data loaded").isNotEqualTo("error");
            return "true".equals(ready);
        });
    }

    private String attribute(String id, String name) {
        return browser.findElement(By.id(id)).getDomAttribute(name);
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), DashboardBrowserTest.SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Requests of the period's points the page made since it was opened (the growth chart's own have minCompute). */
    @SuppressWarnings("unchecked")
    private List<String> periodPointRequests() {
        return (List<String>) js("return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
                + ".filter(function (n) { return n.indexOf('/api/v1/stats/points') >= 0 && n.indexOf('minCompute') < 0"
                + " && n.indexOf('minParameters') < 0; });");
    }

    private void click(String id, String valueJs) {
        js("document.getElementById('" + id + "').scrollIntoView({block: 'center'});");
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) js("var el = document.getElementById('" + id + "'); var c = echarts.getInstanceByDom(el);"
                + "var p = c.convertToPixel({seriesIndex: 0}, " + valueJs + ");"
                + "return [p[0] - el.clientWidth / 2, p[1] - el.clientHeight / 2];");
        new org.openqa.selenium.interactions.Actions(browser)
                .moveToElement(browser.findElement(By.id(id)), at.get(0).intValue(), at.get(1).intValue()).click().perform();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().contains("/catalog"));
    }

    private static long count(String query) {
        return io.restassured.RestAssured.given().urlEncodingEnabled(false).when().get("/api/v1/stats/summary?" + query)
                .then().statusCode(200).extract().jsonPath().getLong("releases");
    }

    @Test
    void aBigPeriodIsDrawnFromAggregatesAndItsCellsAndBoxesLeadToTheCatalog() throws Exception {
        int year = CatalogFixture.ownYear();
        String tag = "aggregate-" + UUID.randomUUID();
        String run = UUID.randomUUID().toString().substring(0, 6);
        int releases = DashboardPages.POINTS_LIMIT + 60;
        List<CatalogFixture.Announcement> many = new ArrayList<>();
        for (int i = 0; i < releases; i++) {
            many.add(announcement("Agg " + i + " " + run).published(String.format("%d-%02d-%02d", year, 1 + i % 12, 1 + i % 28))
                    .parameters((1 + i % 97) + "B").tags(tag).orgs(new Organization("Agg Lab " + i % 7 + " " + run, i % 5 == 0 ? "CN" : "US")));
        }
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers)) {
            catalog.announceAll(many);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("tag=" + tag) == releases);

        browser.manage().window().setSize(new Dimension(1280, 1000));
        open("/?period=" + year + "&tag=" + tag + "&lang=en");
        assertThat(browser.findElement(By.id("fig-releases")).getText()).isEqualTo(String.valueOf(releases));
        assertThat(attribute("chart-timeline", "data-mode")).isEqualTo("density");
        assertThat(attribute("chart-timeline", "data-points")).isEqualTo(String.valueOf(releases));
        assertThat(browser.findElement(By.id("timeline-density-note")).isDisplayed()).isTrue();
        assertThat(attribute("chart-size", "data-mode")).isEqualTo("spread");
        assertThat(browser.findElement(By.id("size-spread-note")).getText()).startsWith("Middle half (box)");
        assertThat(attribute("chart-size", "data-points")).isEqualTo(String.valueOf(releases));
        assertThat(browser.findElement(By.id("aggregated")).getText()).contains(String.format(java.util.Locale.ENGLISH, "%,d", releases));
        assertThat(periodPointRequests()).as("no request of points for a period this big").isEmpty();
        // Twelve months, a box each (min, p25, median, p75, max) on the log axis.
        assertThat(js("var o = echarts.getInstanceByDom(document.getElementById('chart-size')).getOption();"
                + "return [o.yAxis[0].type, o.series[0].type, o.series[0].data.filter(function (d) { return d.value.length === 5; }).length];")
                .toString()).isEqualTo("[log, boxplot, 12]");
        js("document.getElementById('chart-timeline').scrollIntoView({block: 'start'});");
        screenshot("overview-aggregate-desktop-en");

        // A density cell: its month and China, and its count is the catalog's.
        Number cell = (Number) js("var o = echarts.getInstanceByDom(document.getElementById('chart-timeline')).getOption();"
                + "var i = o.xAxis[0].data.indexOf('" + year + "-05');"
                + "return o.series[0].data.find(function (d) { return d.value[0] === i && d.value[1] === 1; }).value[2];");
        click("chart-timeline", "(function(){ var o = echarts.getInstanceByDom(document.getElementById('chart-timeline')).getOption();"
                + "return [o.xAxis[0].data.indexOf('" + year + "-05'), 1]; })()");
        assertThat(browser.getCurrentUrl()).contains("from=" + year + "-05", "to=" + year + "-05", "country=CN", "tag=" + tag);
        assertThat(count("tag=" + tag + "&from=" + year + "-05&to=" + year + "-05&country=CN")).isEqualTo(cell.longValue()).isPositive();

        // A box: its month in the catalog, largest first.
        open("/?period=" + year + "&tag=" + tag + "&lang=en");
        click("chart-size", "[" + 7 + ", 50e9]");
        assertThat(browser.getCurrentUrl()).contains("from=" + year + "-08", "to=" + year + "-08", "sort=-parameters", "tag=" + tag);
        String largest = browser.findElements(By.cssSelector("#catalog tbody tr")).get(0).getText();
        assertThat(largest).contains("Agg ");

        for (String lang : List.of("en", "zh-CN")) {
            for (int[] size : new int[][] {{1280, 2300}, {390, 844}}) {
                browser.manage().window().setSize(new Dimension(size[0], size[1]));
                open("/?period=" + year + "&tag=" + tag + "&lang=" + lang);
                assertThat(attribute("chart-timeline", "data-mode")).isEqualTo("density");
                assertThat(browser.findElement(By.id("size-spread-note")).isDisplayed()).isTrue();
                assertThat((Long) js("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo((long) size[0]);
                if (size[0] < 500) {
                    js("document.getElementById('chart-timeline').scrollIntoView({block: 'start'});");
                }
                screenshot("overview-aggregate-" + (size[0] > 500 ? "desktop" : "phone") + "-" + lang + (size[0] > 500 ? "-full" : ""));
                if (size[0] < 500) {
                    js("document.getElementById('chart-size').scrollIntoView({block: 'start'});");
                    screenshot("overview-aggregate-size-phone-" + lang);
                }
            }
        }
    }
}
