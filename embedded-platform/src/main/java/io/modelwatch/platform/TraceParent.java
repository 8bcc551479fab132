package io.modelwatch.platform;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A W3C trace context a test sends as a caller would: a random trace id (32 hex digits) and parent span id (16), sampled.
 * Random from a {@link SecureRandom}, so no two tests or runs share a trace.
 */
public record TraceParent(String traceId, String parentSpanId) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static TraceParent random() {
        return new TraceParent(hex(16), hex(8));
    }

    /** The {@code traceparent} header value: version 00, sampled. */
    public String header() {
        return "00-" + traceId + "-" + parentSpanId + "-01";
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
