package io.modelwatch.platform;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A test profile with tracing on (as on Kubernetes): the OpenTelemetry SDK enabled, spans exported nowhere. */
public class TracingOnProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.traces.exporter", "none");
    }
}
