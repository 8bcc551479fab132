package io.modelwatch.digest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.contract.ModelChanged;
import io.modelwatch.digest.review.DemoCatalog;
import io.modelwatch.digest.service.ReadModelProjector;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The readers' pages in headless Chromium, as a Chinese reader first meets them: the archive in the browser's language
 * (Accept-Language), the form that asks for the 2022 mid-year review, the review page, the switch to English, the links
 * to the dashboard and the subscribe page. Screenshots go to target/screenshots/ for a human to look at. Skipped when
 * Chromium is not installed.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class ReaderPagesBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/")
    URL base;

    @Inject
    ReadModelProjector projector;

    @Inject
    DigestResource api;

    WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "Chromium is not installed");
        for (ModelChanged m : DemoCatalog.snapshots()) {
            projector.apply(UUID.randomUUID().toString(), m.slug(), m);
        }
        api.resetLimits(0);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + Files.createTempDirectory("digest-chromium"),
                "--lang=zh-CN");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort()
                .build(), options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        browser.manage().window().setSize(new Dimension(1100, 1400));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    /**
     * Clicks what leads to another page and waits until that page has loaded: a click returns as soon as the browser has
     * the event, and a slow answer (a review being generated on a busy machine) would otherwise be looked for on the old
     * page or on none.
     */
    private void follow(By target) {
        WebElement before = browser.findElement(By.tagName("html"));
        browser.findElement(target).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> ExpectedConditions.stalenessOf(before).apply(d)
                && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aChineseReaderAsksForTheMidYearReviewAndSwitchesToEnglish() throws Exception {
        browser.get(url("/digests"));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("历期回顾");
        assertThat(browser.findElement(By.id("dashboard")).getDomAttribute("href")).isEqualTo("http://localhost:8082/");
        assertThat(browser.findElement(By.id("subscribe")).getDomAttribute("href")).isEqualTo("/subscribe?lang=zh-CN");
        Select kind = new Select(browser.findElement(By.name("kind")));
        assertThat(kind.getOptions().stream().map(WebElement::getText).toList())
                .contains("周报", "月报", "季度回顾", "半年回顾", "年度回顾").anyMatch(t -> t.startsWith("年中回顾"));
        screenshot("archive-zh-CN");

        kind.selectByValue("mid-year");
        WebElement period = browser.findElement(By.name("period"));
        period.clear();
        period.sendKeys("2022");
        follow(By.cssSelector("form#ask button[type=submit]"));
        assertThat(browser.getCurrentUrl()).matches(".*/digests/[0-9a-f-]{36}$");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("2022 年中回顾");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("盘古", "孟子", "紫东太初", "华为", "澜舟科技",
                "中科院自动化所", "1/16", "1/25");
        screenshot("mid-year-2022-zh-CN");

        browser.get(url("/digests"));
        follow(By.id("lang-en"));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Reviews");
        screenshot("archive-en");
        new Select(browser.findElement(By.name("kind"))).selectByValue("mid-year");
        WebElement en = browser.findElement(By.name("period"));
        en.clear();
        en.sendKeys("2022");
        follow(By.cssSelector("form#ask button[type=submit]"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("2022 mid-year review");
        screenshot("mid-year-2022-en");

        // another yardstick, asked for in the form
        browser.get(url("/digests?language=en"));
        new Select(browser.findElement(By.name("kind"))).selectByValue("mid-year");
        WebElement year = browser.findElement(By.name("period"));
        year.clear();
        year.sendKeys("2022");
        browser.findElement(By.name("reference")).sendKeys("Megatron-Turing NLG");
        follow(By.cssSelector("form#ask button[type=submit]"));
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("Sizes are measured against Megatron-Turing NLG (530B).");
    }

    /**
     * A reference the catalog does not have, asked for in the form: the form comes back with the values kept and the
     * error next to the field, in Chinese for a Chinese reader and in English after the switch.
     */
    @Test
    void anUnknownReferenceIsNamedOnTheFormInBothLanguages() throws Exception {
        browser.get(url("/digests"));
        new Select(browser.findElement(By.name("kind"))).selectByValue("mid-year");
        WebElement period = browser.findElement(By.name("period"));
        period.clear();
        period.sendKeys("2022");
        browser.findElement(By.name("reference")).sendKeys("不存在的模型");
        follow(By.cssSelector("form#ask button[type=submit]"));
        assertThat(browser.getCurrentUrl()).contains("/digests/ask?");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.findElement(By.id("reference-error")).getText())
                .startsWith("模型目录中没有名为“不存在的模型”且公开了参数量的模型");
        assertThat(browser.findElement(By.name("reference")).getDomProperty("value")).isEqualTo("不存在的模型");
        assertThat(browser.findElement(By.name("period")).getDomProperty("value")).isEqualTo("2022");
        assertThat(new Select(browser.findElement(By.name("kind"))).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo("mid-year");
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("problem", "\"status\"");
        screenshot("ask-unknown-reference-zh-CN");

        follow(By.id("lang-en"));
        new Select(browser.findElement(By.name("kind"))).selectByValue("yearly");
        WebElement year = browser.findElement(By.name("period"));
        year.clear();
        year.sendKeys("2022-H7");
        browser.findElement(By.name("reference")).sendKeys("No Such Model");
        follow(By.cssSelector("form#ask button[type=submit]"));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.id("reference-error")).getText())
                .startsWith("The catalog has no model called 'No Such Model' with a disclosed size");
        assertThat(browser.findElement(By.id("period-error")).getText()).startsWith("'2022-H7' is not a period of this kind");
        assertThat(browser.findElement(By.name("period")).getDomProperty("value")).isEqualTo("2022-H7");
        screenshot("ask-unknown-reference-en");

        // Put right, the same form gives the review.
        WebElement fixed = browser.findElement(By.name("period"));
        fixed.clear();
        fixed.sendKeys("2022");
        WebElement reference = browser.findElement(By.name("reference"));
        reference.clear();
        reference.sendKeys("GPT-3");
        follow(By.cssSelector("form#ask button[type=submit]"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("2022: the year in review");
    }

    /**
     * The 2022 mid-year review's training-compute section in both languages: the largest run linked to its page, the
     * growth sentence, and Epoch AI's credit with its licence link (the demo's compute values are Epoch's).
     */
    @Test
    void theReviewStatesTheLargestTrainingRunAndCreditsEpochAi() throws Exception {
        for (String language : java.util.List.of("zh-CN", "en")) {
            String id = MidYearReviewTest.create("{\"kind\": \"mid-year\", \"period\": \"2022\", \"language\": \""
                    + language + "\"}").getString("id");
            browser.get(url("/digests/" + id));
            WebElement heading = browser.findElement(By.id("compute"));
            assertThat(heading.getText()).isEqualTo(language.equals("en") ? "Training compute" : "训练算力");
            WebElement largest = browser.findElement(By.xpath("//h2[@id='compute']/following-sibling::p[1]"));
            assertThat(largest.findElement(By.tagName("a")).getDomAttribute("href")).isEqualTo("http://localhost:8082/models/flan");
            assertThat(largest.getText()).contains("FLAN").contains("2.05×10²⁴ FLOP");
            WebElement growth = browser.findElement(By.xpath("//h2[@id='compute']/following-sibling::p[2]"));
            assertThat(growth.getText()).contains(language.equals("en") ? "12 releases" : "12 项发布").contains("90");
            WebElement credit = browser.findElement(By.cssSelector("p.credit"));
            assertThat(credit.getText()).contains("Epoch AI").contains("CC BY 4.0");
            assertThat(credit.findElement(By.tagName("a")).getDomAttribute("href"))
                    .isEqualTo(io.modelwatch.contract.Credits.EPOCH_AI_LICENCE);
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", heading);
            screenshot("compute-mid-year-2022-" + language);
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView(false)", credit);
            screenshot("credit-mid-year-2022-" + language);
        }
    }
}
