package io.modelwatch.digest.rest;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.problem.testing.BadInput;
import io.modelwatch.problem.testing.BadInputs;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 16's bad-input suite for the digest: every case of bad-inputs.csv refused cleanly, nothing stored (the tables an admin request could change). */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class BadInputTest {

    @Inject
    DataSource db;

    static List<BadInput> cases() {
        return BadInputs.read("/bad-inputs.csv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedCleanly(BadInput input) {
        input.check(Map.of(), () -> BadInputs.rowCounts(db, "digest", "subscriber", "webhook", "delivery"));
    }
}
