package io.modelwatch.catalog.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its chromedriver, as the browser tests use it. As a JUnit extension
 * ({@code @ExtendWith(Chromium.class)}) it decides whether they run: without the browser each test is reported
 * skipped, by name, with the command that installs what it needs; where the browser is required (environment
 * {@code CI=true}, or {@code -Dbrowser.required=true}) the tests run anyway and fail loudly instead of passing silently.
 */
public final class Chromium implements ExecutionCondition {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final String INSTALL = "apt-get install -y --no-install-recommends chromium chromium-driver fonts-noto-cjk";
    public static final String MISSING = "Browser test skipped: /usr/bin/chromium and /usr/bin/chromedriver are needed (" + INSTALL + ")";

    public Chromium() {
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /** CI=true in the environment, or -Dbrowser.required=true: a missing browser is a failure, not a skip. */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv().getOrDefault("CI", "").strip())
                || Boolean.parseBoolean(System.getProperty("browser.required", "false").toLowerCase(Locale.ROOT));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (installed()) {
            return ConditionEvaluationResult.enabled("Chromium is installed");
        }
        if (required()) {
            return ConditionEvaluationResult.enabled("Chromium is required here (CI=true or -Dbrowser.required): the test fails without it");
        }
        // Decided once for the class (so no application starts for nothing), naming each test it skips.
        Class<?> type = context.getRequiredTestClass();
        List<String> tests = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Test.class))
                .map(m -> type.getSimpleName() + "." + m.getName()).sorted().toList();
        String reason = tests.size() + " browser test(s) SKIPPED (" + String.join(", ", tests) + "): " + MISSING
                + "; set CI=true to make this a failure";
        System.err.println("[browser] " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    /** Fails with the install command when the browser is missing (the tests call this where it is required). */
    public static void requireInstalled() {
        if (!installed()) {
            throw new AssertionError("Chromium is required (CI=true or -Dbrowser.required=true) but missing: " + INSTALL);
        }
    }

    /** A fresh headless browser with a profile of its own (no sync, no background downloads), English by default. */
    public static WebDriver start() throws IOException {
        requireInstalled();
        Path profile = Files.createTempDirectory("modelwatch-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en-US", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return browser;
    }
}
