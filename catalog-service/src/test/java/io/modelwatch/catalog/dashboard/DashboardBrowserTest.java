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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
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
 * filters in the URL, the language switch, Chinese search, an untrusted name, a release arriving live, phone width.
 * Screenshots go to target/screenshots/ for a human to look at. Skipped when Chromium is not installed.
 */
@QuarkusTest
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

    @BeforeAll
    static void startBrowser() throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), Chromium.MISSING);
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

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(60));
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
        assertThat(points("chart-country")).isGreaterThanOrEqualTo(2);
        assertThat(points("chart-organization")).isGreaterThanOrEqualTo(5);
        // The canvas really has ink: ECharts drew something.
        assertThat((Boolean) js("var c = document.querySelector('#chart-timeline canvas');"
                + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) return true; } return false;")).isTrue();
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
        assertThat(browser.findElement(By.cssSelector("h2")).getText()).isEqualTo("Fields");
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

    private static void assertNoAlert() {
        try {
            browser.switchTo().alert();
            throw new AssertionError("an alert opened: a name ran as HTML");
        } catch (NoAlertPresentException expected) {
            // text, as it should be
        }
    }
}
