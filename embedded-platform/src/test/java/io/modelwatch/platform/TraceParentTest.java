package io.modelwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceParentTest {

    @Test
    void aTraceParentIsAValidSampledW3cHeader() {
        TraceParent parent = TraceParent.random();
        assertThat(parent.header()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .isEqualTo("00-" + parent.traceId() + "-" + parent.parentSpanId() + "-01");
        assertThat(TraceParent.random().traceId()).isNotEqualTo(parent.traceId());
    }
}
