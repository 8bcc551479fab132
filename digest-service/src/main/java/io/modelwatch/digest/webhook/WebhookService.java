package io.modelwatch.digest.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.digest.config.MailConfig;
import io.modelwatch.digest.store.Webhook;
import io.modelwatch.digest.store.WebhookCallRepository;
import io.modelwatch.guard.AddressGuard;
import io.modelwatch.problem.Problem;
import io.modelwatch.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Registers outgoing webhooks and records their calls in the transaction of the event (outbox). */
@ApplicationScoped
public class WebhookService {

    public static final Set<String> EVENTS = Set.of(Webhook.DIGEST_PUBLISHED, Webhook.MODEL_ADDED);

    /** A registration request. */
    public record Registration(String url, List<String> events) {
    }

    private final AddressGuard guard;
    private final ObjectMapper json;
    private final WebhookCallRepository calls;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    public WebhookService(MailConfig config, ObjectMapper json, WebhookCallRepository calls) {
        this.calls = calls;
        this.guard = new AddressGuard(config.webhooks().allowedAddresses().orElse(List.of()), "webhooks", "called",
                "modelwatch.digest.mail.webhooks.allowed-addresses");
        this.json = json;
    }

    public AddressGuard guard() {
        return guard;
    }

    /** Registers a webhook; the answer carries its secret, shown this once. */
    @Transactional
    public Map<String, Object> register(Registration request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        URI url = null;
        if (request == null || request.url() == null || request.url().isBlank()) {
            errors.add(new Problem.FieldError("url", "is required"));
        } else {
            try {
                url = new URI(request.url().strip());
                if (!url.isAbsolute()) {
                    errors.add(new Problem.FieldError("url", "must be an absolute http or https URL"));
                } else {
                    guard.check(url);
                }
            } catch (URISyntaxException e) {
                errors.add(new Problem.FieldError("url", "is not a URL: " + e.getReason()));
            } catch (AddressGuard.RefusedAddressException e) {
                errors.add(new Problem.FieldError("url", e.getMessage()));
            }
        }
        List<String> events = request == null || request.events() == null ? List.of() : request.events();
        if (events.isEmpty()) {
            errors.add(new Problem.FieldError("events", "name at least one of " + String.join(", ", EVENTS)));
        }
        for (int i = 0; i < events.size(); i++) {
            if (!EVENTS.contains(events.get(i))) {
                errors.add(new Problem.FieldError("events[" + i + "]", "must be one of " + String.join(", ", EVENTS)));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The webhook cannot be registered.", errors));
        }
        Webhook w = new Webhook();
        w.id = UUID.randomUUID();
        w.url = url.toString();
        w.events = events.stream().distinct().sorted().toArray(String[]::new);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        w.secret = HexFormat.of().formatHex(secret);
        w.createdAt = clock.instant();
        Panache.getEntityManager().persist(w);
        Map<String, Object> out = describe(w);
        out.put("secret", w.secret);
        return out;
    }

    @Transactional
    public List<Map<String, Object>> list() {
        return Panache.getEntityManager().createQuery("from Webhook order by createdAt", Webhook.class).getResultList()
                .stream().map(WebhookService::describe).toList();
    }

    @Transactional
    public boolean delete(UUID id) {
        Webhook w = Panache.getEntityManager().find(Webhook.class, id);
        if (w == null) {
            return false;
        }
        Panache.getEntityManager().remove(w);
        return true;
    }

    static Map<String, Object> describe(Webhook w) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", w.id);
        out.put("url", w.url);
        out.put("events", List.of(w.events));
        out.put("createdAt", w.createdAt);
        return out;
    }

    /** Whether a call of this event would be recorded for any webhook. */
    public boolean anyListensTo(String event) {
        return calls.anyListensTo(event);
    }

    /** Records one call per webhook registered for the event, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)

    public int record(String event, Map<String, Object> data) {
        Instant now = clock.instant();
        UUID eventId = UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("type", event);
        body.put("time", now.toString());
        body.put("data", data);
        String payload;
        try {
            payload = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return calls.record(event, payload, now);
    }
}
