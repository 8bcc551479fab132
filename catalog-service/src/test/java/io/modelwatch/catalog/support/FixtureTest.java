package io.modelwatch.catalog.support;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A pipeline test's {@link CatalogFixture}, connected to the embedded broker before each test and closed after it.
 * The subclass carries its own {@code @QuarkusTest} and test resource.
 */
public abstract class FixtureTest {

    /** The admin key of the test profile. */
    protected static final String ADMIN = "Bearer test-admin-key";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String bootstrapServers;

    protected CatalogFixture catalog;

    @BeforeEach
    void connect() {
        catalog = new CatalogFixture(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        catalog.close();
    }
}
