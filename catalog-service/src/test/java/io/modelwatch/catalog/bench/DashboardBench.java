package io.modelwatch.catalog.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelwatch.catalog.support.CatalogFixture;
import io.modelwatch.catalog.support.Chromium;
import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.LocalizedText;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseAnnouncedBuilder;
import io.modelwatch.contract.Slugs;
import io.modelwatch.contract.parameters.ParameterCount;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Not a test (its name matches no surefire include): how long the dashboard's overview takes to become usable (every
 * chart's data drawn, as the page itself reports in {@code data-ready-ms}) in headless Chromium, for the demo data and
 * for a period holding 50,000 models, in the same run. Run with
 * {@code mvn -B -pl catalog-service -am -Pbench test -Dtest=DashboardBench -Dsurefire.failIfNoSpecifiedTests=false}
 * (-Dbench.models=50000 -Dbench.loads=5). The figures go to stdout and target/bench-dashboard.txt.
 */
@QuarkusTest
@TestProfile(DashboardBench.Profile.class)
@WithTestResource(BenchPlatformResource.class)
@Tag("bench")
class DashboardBench {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"io.modelwatch\".level", "WARN",
                    "quarkus.log.category.\"org.apache.kafka\".level", "WARN",
                    "quarkus.log.category.\"kafka\".level", "WARN");
        }
    }

    static final int MODELS = Integer.getInteger("bench.models", 50_000);
    static final int LOADS = Integer.getInteger("bench.loads", 5);
    static final int BIG_YEAR = 2023;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URL base;

    private final StringBuilder report = new StringBuilder();
    private final HttpClient http = HttpClient.newHttpClient();

    private void say(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println("[bench] " + line);
        report.append(line).append('\n');
    }

    @Test
    void overviewUsable() throws Exception {
        Assumptions.assumeTrue(Chromium.installed() || Chromium.required(), Chromium.MISSING);
        say("Dashboard benchmark, %s, %d cores, load average %.1f", Instant.now(), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (CatalogFixture catalog = new CatalogFixture(bootstrapServers)) {
            int demo = catalog.announceDemo("", 2022, "demo").size();
            long t0 = System.nanoTime();
            announceMany(catalog);
            say("sent %d synthetic models dated %d: %.1f s", MODELS, BIG_YEAR, (System.nanoTime() - t0) / 1e9);
            awaitCount("from=2021-07&to=2022-06&tag=demo", demo - 3);
            awaitCount("from=" + BIG_YEAR + "-01&to=" + BIG_YEAR + "-12", MODELS);
            say("the catalog had all of them %.1f s after the first was sent", (System.nanoTime() - t0) / 1e9);
        }

        apiTimes("demo data", "from=2021-07&to=2022-06");
        apiTimes(MODELS + " models", "from=" + BIG_YEAR + "-01&to=" + BIG_YEAR + "-12");

        WebDriver browser = Chromium.start();
        try {
            measure(browser, "demo data, 2021-07 to 2022-06", "/?period=custom&from=2021-07&to=2022-06&lang=en");
            measure(browser, MODELS + " models, " + BIG_YEAR, "/?period=" + BIG_YEAR + "&lang=en");
            measure(browser, MODELS + " models, " + BIG_YEAR + ", zh-CN", "/?period=" + BIG_YEAR + "&lang=zh-CN");
            measure(browser, MODELS + " models, " + BIG_YEAR + ", country=CN", "/?period=" + BIG_YEAR + "&country=CN&lang=en");
        } finally {
            browser.quit();
        }
        Files.writeString(Path.of("target/bench-dashboard.txt"), report.toString());
    }

    /** Models spread over the twelve months of BIG_YEAR: a thousand labs in ten countries, sizes from 100M to 1T. */
    private void announceMany(CatalogFixture catalog) throws Exception {
        Random random = new Random(7);
        String[] countries = {"US", "CN", "GB", "FR", "DE", "CA", "JP", "KR", "SG", "IL"};
        String[] modalities = {"text", "image", "audio", "video", "code"};
        Accessibility[] access = Accessibility.values();
        List<ReleaseAnnounced> events = new ArrayList<>(MODELS);
        for (int n = 0; n < MODELS; n++) {
            String name = "DB-" + n;
            int lab = random.nextInt(1000);
            long parameters = (long) Math.pow(10, 8 + random.nextDouble() * 4);
            // The builder's calls draw from the seeded random in the order the data set has always drawn them.
            events.add(ReleaseAnnouncedBuilder.builder().slug(Slugs.of(name)).kind(random.nextInt(10) == 0 ? Kind.FRAMEWORK : Kind.MODEL)
                    .name(name).organizations(List.of(new Organization("Dash Lab " + lab, countries[lab % countries.length])))
                    .published(PublishedDate.parse(String.format("%d-%02d-%02d", BIG_YEAR, 1 + random.nextInt(12), 1 + random.nextInt(28))))
                    .parameters(random.nextInt(5) == 0 ? null : new ParameterCount(parameters, null, false))
                    .modalities(List.of(modalities[random.nextInt(modalities.length)])).tasks(List.of())
                    .accessibility(access[random.nextInt(access.length)]).tags(List.of("dash-" + random.nextInt(40)))
                    .summary(new LocalizedText("Dashboard model " + n, null))
                    .confidence(Confidence.CONFIDENT).publisher("bench").announcedAt(Instant.parse("2023-12-31T00:00:00Z")).build());
        }
        // Eight senders: each send waits for its acknowledgement, the producer batches what arrives meanwhile.
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int s = 0; s < 8; s++) {
                int first = s;
                sent.add(senders.submit(() -> {
                    for (int n = first; n < events.size(); n += 8) {
                        catalog.announce(UUID.randomUUID().toString(), events.get(n));
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            senders.shutdown();
        }
    }

    /** Where the overview's time goes: each request its charts make, timed alone (best of three, server and transfer). */
    private void apiTimes(String what, String query) throws Exception {
        List<String> paths = new ArrayList<>(List.of("/api/v1/stats/overview?lang=en&" + query, "/?lang=en&period=custom&" + query,
                "/api/v1/stats/summary?lang=en&" + query,
                "/api/v1/stats/parameters/month?" + query));
        for (String by : List.of("country", "organization", "modality", "accessibility")) {
            paths.add("/api/v1/stats/releases/" + by + "?" + query);
        }
        paths.add("/api/v1/stats/points?limit=1000&lang=en&" + query);
        StringBuilder times = new StringBuilder();
        for (String path : paths) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                get(path);
                best = Math.min(best, (System.nanoTime() - t) / 1_000_000);
            }
            String name = path.startsWith("/?") ? "overview page (HTML)" : path.replaceAll("\\?.*", "").replace("/api/v1/stats/", "");
            times.append(String.format(Locale.ROOT, "%s %d ms; ", name, best));
        }
        say("%s, each request alone: %s", what, times);
    }

    private void awaitCount(String query, long expected) {
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(2))
                .alias("the catalog's entries for " + query)
                .until(() -> Long.parseLong(get("/api/v1/stats/summary?" + query).replaceAll("(?s).*\"releases\":(\\d+).*", "$1")),
                        count -> count >= expected);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    /** Loads the page LOADS times: the first load, then the median and worst of the others. */
    private void measure(WebDriver browser, String what, String path) {
        List<Long> usable = new ArrayList<>();
        for (int i = 0; i < LOADS; i++) {
            browser.get(url(path));
            new WebDriverWait(browser, Duration.ofSeconds(300)).until(d -> {
                String ready = d.findElement(By.id("overview")).getDomAttribute("data-ready");
                if ("error".equals(ready)) {
                    throw new IllegalStateException("the overview's charts failed to load: " + path);
                }
                return "true".equals(ready);
            });
            usable.add(Long.parseLong(browser.findElement(By.id("overview")).getDomAttribute("data-ready-ms")));
        }
        String points = browser.findElement(By.id("chart-timeline")).getDomAttribute("data-points");
        boolean note = !browser.findElements(By.id("aggregated")).isEmpty();
        long releases = Long.parseLong(browser.findElement(By.id("fig-releases")).getText().replaceAll("\\D", ""));
        assertThat(note).as("the page says when the charts draw aggregates instead of each entry").isEqualTo(releases > 1000);
        String mode = browser.findElement(By.id("chart-timeline")).getDomAttribute("data-mode");
        List<Long> warm = new ArrayList<>(usable.subList(1, usable.size()));
        warm.sort(null);
        say("%s: usable after %d ms on the first load, then median %d ms, worst %d ms (%d loads); timeline entries %s, releases %d%s",
                what, usable.get(0), warm.isEmpty() ? usable.get(0) : warm.get(warm.size() / 2),
                warm.isEmpty() ? usable.get(0) : warm.get(warm.size() - 1), LOADS, points,
                releases, note ? " (drawn from aggregates, timeline " + mode + ")" : "");
    }
}
