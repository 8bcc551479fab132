package io.modelwatch.digest.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * Mail counters, registered at startup so they show on /q/metrics from the start: {@code modelwatch.mails.sent} and
 * {@code modelwatch.mails.failed} (tag {@code type}: confirmation, welcome, digest), {@code modelwatch.mails.bounced}
 * (tag {@code kind}: soft, hard).
 */
@Startup
@ApplicationScoped
public class MailMetrics {

    private static final String[] TYPES = {"confirmation", "welcome", "digest"};

    private final Map<String, Counter> sent = new HashMap<>();
    private final Map<String, Counter> failed = new HashMap<>();
    private final Map<String, Counter> bounced = new HashMap<>();

    public MailMetrics(MeterRegistry registry) {
        for (String type : TYPES) {
            sent.put(type, Counter.builder("modelwatch.mails.sent").description("Mails accepted by the SMTP server")
                    .tag("type", type).register(registry));
            failed.put(type, Counter.builder("modelwatch.mails.failed")
                    .description("Mails given up: permanent SMTP failure or too many attempts").tag("type", type).register(registry));
        }
        for (String kind : new String[] {"soft", "hard"}) {
            bounced.put(kind, Counter.builder("modelwatch.mails.bounced").description("Bounces reported through the bounce webhook")
                    .tag("kind", kind).register(registry));
        }
    }

    public void sent(String type) {
        sent.get(type).increment();
    }

    public void failed(String type) {
        failed.get(type).increment();
    }

    public void bounced(String kind) {
        bounced.get(kind).increment();
    }
}
