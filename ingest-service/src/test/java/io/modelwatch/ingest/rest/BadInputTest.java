package io.modelwatch.ingest.rest;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.problem.testing.BadInput;
import io.modelwatch.problem.testing.BadInputs;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 16's bad-input suite for ingest: every case of bad-inputs.csv refused cleanly, nothing recorded or sent. */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class BadInputTest {

    @Inject
    DataSource db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    static List<BadInput> cases() {
        return BadInputs.read("/bad-inputs.csv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedCleanly(BadInput input) {
        input.check(Map.of(), () -> {
            Map<String, Long> state = new LinkedHashMap<>(BadInputs.rowCounts(db, "idempotency_key", "feed",
                    "feed_entry", "accepted_request", "retraction"));
            state.put("model-releases", Topic.endOffset(bootstrapServers));
            return state;
        });
    }
}
