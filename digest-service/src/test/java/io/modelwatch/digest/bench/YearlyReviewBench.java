package io.modelwatch.digest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.digest.UniqueYears;
import io.modelwatch.digest.render.TimelineLayout;
import io.modelwatch.digest.review.DemoCatalog;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.contract.Language;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.ReviewBuilder;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.digest.review.ReviewOptions;
import io.modelwatch.digest.service.DigestService;
import io.modelwatch.digest.service.ReadModelProjector;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: measures how long a yearly review takes over a catalog of 50,000 models (and a demo-sized baseline in
 * the same run). Run with {@code mvn -B -pl digest-service -am -Pbench test -Dtest=YearlyReviewBench -Dsurefire.failIfNoSpecifiedTests=false}; it prints the
 * figures and asserts nothing about time.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("bench")
class YearlyReviewBench {

    static final int MODELS = Integer.getInteger("bench.models", 50_000);
    static final int PREVIOUS = Integer.getInteger("bench.previous", 5_000);

    @Inject
    DigestService digests;

    @Inject
    ReadModelProjector projector;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Test
    void yearlyReviewOver50000Models() throws Exception {
        int year = UniqueYears.next();
        List<ModelChanged> demo = DemoCatalog.snapshots();
        long t0 = System.nanoTime();
        List<ModelChanged> generated = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < MODELS + PREVIOUS; i++) {
            int y = i < MODELS ? year : year - 1;
            ModelChanged base = demo.get(random.nextInt(demo.size()));
            @SuppressWarnings("unchecked")
            Map<String, Object> m = json.convertValue(base, Map.class);
            String slug = "bench-" + year + "-" + i;
            m.put("slug", slug);
            m.put("name", base.name() + " " + i);
            m.put("published", LocalDate.of(y, 1, 1).plusDays(random.nextInt(365)).toString());
            generated.add(json.convertValue(m, ModelChanged.class));
        }
        insert(generated);
        System.out.printf("BENCH loaded %d + %d models in %d ms%n", MODELS, PREVIOUS, (System.nanoTime() - t0) / 1_000_000);

        // Baseline in the same run: the review of the demo's twelve months (23 releases).
        time("baseline demo-size review (on demand, 23 releases)", () -> {
            demo.forEach(m -> projector.apply(null, m.slug(), m));
            return digests.compose(java.util.UUID.randomUUID(), Period.onDemand(LocalDate.of(2021, 7, 1), LocalDate.of(2022, 6, 30)), 1, Language.EN, Instant.now());
        });
        Period period = Period.parse(ReviewKind.YEARLY, String.valueOf(year));
        for (int run = 1; run <= 3; run++) {
            for (Language language : Language.values()) {
                Digest d = time("yearly review over " + MODELS + " models, run " + run + " " + language.tag(),
                        () -> digests.compose(java.util.UUID.randomUUID(), period, 1, language, Instant.now()));
                System.out.printf("BENCH   -> %d releases, markdown %d chars, text %d chars, json %d bytes%n",
                        d.releases().size(), d.markdown().length(), d.text().length(), json.writeValueAsBytes(d).length);
            }
        }
        // The pure computation alone, on the same snapshots in memory.
        List<ModelChanged> current = generated.subList(0, MODELS);
        List<ModelChanged> previous = generated.subList(MODELS, generated.size());
        ReviewBuilder builder = new ReviewBuilder(ReviewOptions.defaults("http://localhost:8082"));
        for (int run = 1; run <= 3; run++) {
            long s = System.nanoTime();
            TimelineLayout.laidOut(builder.build(period, current, previous, null, Language.EN), Language.EN);
            System.out.printf("BENCH ReviewBuilder alone over %d models, run %d: %d ms%n", MODELS, run, (System.nanoTime() - s) / 1_000_000);
        }
    }

    interface Step<T> {
        T run() throws Exception;
    }

    static <T> T time(String what, Step<T> step) throws Exception {
        long s = System.nanoTime();
        T result = step.run();
        System.out.printf("BENCH %s: %d ms%n", what, (System.nanoTime() - s) / 1_000_000);
        return result;
    }

    /** Straight into the read model (what the consumer would have built), in batches. */
    void insert(List<ModelChanged> models) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into model (slug, revision, kind, name, published_start, parameters, snapshot, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (slug) do nothing")) {
            c.setAutoCommit(false);
            int n = 0;
            for (ModelChanged m : models) {
                ps.setString(1, m.slug());
                ps.setLong(2, m.revision());
                ps.setString(3, m.kind().name().toLowerCase());
                ps.setString(4, m.name());
                ps.setObject(5, m.published().start());
                ps.setObject(6, m.parameters() == null ? null : m.parameters().value());
                ps.setString(7, json.writeValueAsString(m));
                ps.setTimestamp(8, Timestamp.from(Instant.now()));
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
            c.commit();
        }
    }
}
