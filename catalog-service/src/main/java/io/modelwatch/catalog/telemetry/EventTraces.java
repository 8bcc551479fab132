package io.modelwatch.catalog.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Carries an announcement's trace through the catalog's outbox. The consumer reads a batch of records, each with the
 * W3C trace context its producer put in the headers; for each event it starts a span ("model-releases process", child
 * of that context) that lasts until the batch is committed. The outbox row written for the event stores that span's
 * traceparent and tracestate, and the relay, which publishes later from another thread, makes them the parent of its
 * record on catalog.model-changes: the digest-service's consumer then continues the same trace.
 *
 * <p>With the OpenTelemetry SDK off (the default locally), the tracer and propagators are no-ops: no span, nothing
 * stored, nothing sent.
 */
@ApplicationScoped
public class EventTraces {

    /** The two W3C fields of a stored trace context; both null when there is none. */
    public record Stored(String traceparent, String tracestate) {
        static final Stored NONE = new Stored(null, null);
    }

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapGetter<Stored> STORED = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Stored stored) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Stored stored, String key) {
            return stored == null ? null : switch (key) {
                case "traceparent" -> stored.traceparent();
                case "tracestate" -> stored.tracestate();
                default -> null;
            };
        }
    };

    private static final TextMapSetter<Map<String, String>> MAP = (map, key, value) -> map.put(key, value);

    private final OpenTelemetry telemetry;
    private final Tracer tracer;
    /** The spans of the events being applied, by CloudEvent id (unique), whatever thread applies them. */
    private final Map<String, Span> inFlight = new ConcurrentHashMap<>();

    public EventTraces(OpenTelemetry telemetry) {
        this.telemetry = telemetry;
        this.tracer = telemetry.getTracer("io.modelwatch.catalog");
    }

    /** Starts the span of an event read from {@code topic}, as a child of the trace context in its headers. */
    public void started(String eventId, String topic, Headers headers) {
        Context parent = telemetry.getPropagators().getTextMapPropagator().extract(Context.root(), headers, KAFKA_HEADERS);
        Span span = tracer.spanBuilder(topic + " process").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", eventId)
                .startSpan();
        if (span.getSpanContext().isValid()) {
            inFlight.put(eventId, span);
        }
    }

    /** Ends the spans of these events (applied, skipped or dead-lettered: their batch is over). */
    public void ended(Collection<String> eventIds) {
        for (String id : eventIds) {
            Span span = inFlight.remove(id);
            if (span != null) {
                span.end();
            }
        }
    }

    /**
     * The trace context an outbox row caused by this event keeps: the event's span while it is being applied,
     * otherwise the current one (an admin request's), otherwise none.
     */
    public Stored forOutbox(String causeEventId) {
        Span span = causeEventId == null ? null : inFlight.get(causeEventId);
        Context context = span != null ? Context.root().with(span) : Context.current();
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return Stored.NONE;
        }
        Map<String, String> fields = new HashMap<>(2);
        telemetry.getPropagators().getTextMapPropagator().inject(context, fields, MAP);
        return fields.get("traceparent") == null ? Stored.NONE : new Stored(fields.get("traceparent"), fields.get("tracestate"));
    }

    /** The context a stored trace names, to parent the relay's record; the root context when none is stored. */
    public Context parentOf(String traceparent, String tracestate) {
        if (traceparent == null) {
            return Context.root();
        }
        return telemetry.getPropagators().getTextMapPropagator().extract(Context.root(), new Stored(traceparent, tracestate), STORED);
    }
}
