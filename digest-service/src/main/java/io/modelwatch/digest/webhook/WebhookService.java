package io.modelwatch.digest.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.digest.config.MailConfig;
import io.modelwatch.digest.store.Webhook;
import io.modelwatch.digest.store.WebhookCallRepository;
import io.modelwatch.contract.validation.WebLink;
import io.modelwatch.guard.AddressGuard;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Registers outgoing webhooks and records their calls in the transaction of the event (outbox). */
@ApplicationScoped
public class WebhookService {

    /**
     * A registration request. Its constraints are the checks of the request (the rest layer applies them); whether
     * the URL's host may be called is {@link #register}'s to say.
     */
    public record Registration(
            @NotBlank(message = "is required") @WebLink String url,
            @NotEmpty(message = "name at least one of " + EVENT_NAMES)
            List<@NotNull(message = ONE_OF) @Pattern(regexp = EVENT_PATTERN, message = ONE_OF) String> events) {

        static final String EVENT_NAMES = Webhook.DIGEST_PUBLISHED + ", " + Webhook.MODEL_ADDED;
        static final String EVENT_PATTERN = "\\Q" + Webhook.DIGEST_PUBLISHED + "\\E|\\Q" + Webhook.MODEL_ADDED + "\\E";
        static final String ONE_OF = "must be one of " + EVENT_NAMES;

        /** What an empty body is checked as: every required field missing. */
        public static final Registration EMPTY = new Registration(null, null);
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

    /**
     * Registers a webhook from a request that has passed its constraints (see {@link Registration}); the answer carries
     * its secret, shown this once.
     *
     * @throws AddressGuard.RefusedAddressException when the URL's host must not be called (not public, not allowed)
     */
    @Transactional
    public Map<String, Object> register(Registration request) {
        URI url = URI.create(request.url().strip());
        guard.check(url);
        List<String> events = request.events();
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
