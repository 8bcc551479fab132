package io.modelwatch.digest.subscription;

import io.modelwatch.digest.config.MailConfig;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.digest.review.Interests;
import io.modelwatch.contract.Language;
import io.modelwatch.digest.store.Delivery;
import io.modelwatch.digest.store.DeliveryRepository;
import io.modelwatch.digest.store.DigestHeader;
import io.modelwatch.digest.store.DigestRecordRepository;
import io.modelwatch.digest.store.Subscriber;
import io.modelwatch.digest.store.SubscriberRepository;
import io.modelwatch.digest.subscription.TokenSigner.Purpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The life of a subscription: subscribe (double opt-in), confirm, change preferences, unsubscribe, export, delete; and
 * the outbox side: the mails a published review implies, recorded in the publication's transaction.
 */
@ApplicationScoped
public class SubscriptionService {

    private static final Logger LOG = Logger.getLogger(SubscriptionService.class);

    /** What a request for a token-protected action found. */
    public record Found(Subscriber subscriber, String manageToken) {
    }

    private final SubscriberRepository subscribers;
    private final DeliveryRepository deliveries;
    private final DigestRecordRepository digests;
    private final MailLinks links;
    private final MailConfig config;
    private final RateLimits perAddress;
    private final RateLimits perClient;

    public SubscriptionService(SubscriberRepository subscribers, DeliveryRepository deliveries, DigestRecordRepository digests,
                               MailLinks links, MailConfig config) {
        this.subscribers = subscribers;
        this.deliveries = deliveries;
        this.digests = digests;
        this.links = links;
        this.config = config;
        this.perAddress = new RateLimits("subscribe requests per address", config.subscribePerAddress(), config.subscribeWindow());
        this.perClient = new RateLimits("subscribe requests per client", config.subscribePerClient(), config.subscribeWindow());
    }

    /** A valid request, normalised. */
    public record Valid(String email, Language language, Frequency frequency, Interests topics) {

        /** A request that has passed its constraints (see {@link SubscriptionRequest}), normalised. */
        public static Valid of(SubscriptionRequest request) {
            Language language = request.language() == null || request.language().isBlank()
                    ? Language.EN : Language.of(request.language()).orElseThrow();
            return new Valid(EmailAddresses.parse(request.email()).orElseThrow(), language,
                    Frequency.of(request.frequency()).orElseThrow(),
                    new Interests(request.countries(), request.modalities(), request.kinds()));
        }
    }

    /** Forgets the rate-limit windows that have emptied, so the limiters do not grow with every address ever seen. */
    @io.quarkus.scheduler.Scheduled(identity = "subscribe-limits-prune", every = "10m")
    void pruneLimits() {
        perAddress.prune();
        perClient.prune();
    }

    /** False when the address or the client asked too often (a 429); checked before anything is written. */
    public void admit(Valid request, String client) {
        perAddress.take(EmailAddresses.mailbox(request.email()));
        perClient.take(client == null ? "unknown" : client);
    }

    /**
     * Subscribes an address, or renews the confirmation of one that was never confirmed. The caller answers the same
     * whatever happened here, so nobody learns whether an address was subscribed.
     */
    @Transactional
    public void subscribe(Valid request) {
        Instant now = links.now();
        Subscriber s = subscribers.byEmail(request.email()).orElse(null);
        if (s == null) {
            s = new Subscriber();
            s.id = UUID.randomUUID();
            s.email = request.email();
            s.emailKey = request.email().toLowerCase(Locale.ROOT);
            s.createdAt = now;
            s.status = Subscriber.PENDING;
            apply(s, request);
            subscribers.persist(s);
        } else {
            subscribers.getEntityManager().lock(s, LockModeType.PESSIMISTIC_WRITE);
            if (s.suppressedAt != null) {
                LOG.debugf("subscription request for a suppressed address %s ignored", s.id);
                return;
            }
            if (Subscriber.CONFIRMED.equals(s.status)) {
                // Already subscribed: nothing is changed or sent (preferences are changed through the link in every mail).
                return;
            }
            s.status = Subscriber.PENDING;
            s.unsubscribedAt = null;
            apply(s, request);
        }
        Delivery confirmation = new Delivery();
        confirmation.id = UUID.randomUUID();
        confirmation.type = Delivery.Type.CONFIRMATION.tag();
        confirmation.subscriberId = s.id;
        confirmation.messageId = messageId("confirmation", confirmation.id, s.id);
        confirmation.state = Delivery.PENDING;
        confirmation.nextAttemptAt = now;
        confirmation.createdAt = now;
        deliveries.persist(confirmation);
    }

    private static void apply(Subscriber s, Valid request) {
        s.language = request.language().tag();
        s.frequency = request.frequency().tag();
        s.topics = request.topics();
    }

    /** Confirms a subscription from the link of its confirmation mail and records the welcome mail. */
    @Transactional
    public Subscriber confirm(String token) {
        TokenSigner.Claims claims = links.signer().verify(token, Purpose.CONFIRM, links.now());
        Subscriber s = locked(claims.subscriber());
        if (Subscriber.PENDING.equals(s.status)) {
            s.status = Subscriber.CONFIRMED;
            s.confirmedAt = links.now();
            Delivery welcome = new Delivery();
            welcome.id = UUID.randomUUID();
            welcome.type = Delivery.Type.WELCOME.tag();
            welcome.subscriberId = s.id;
            welcome.digestId = latest(s).map(DigestHeader::id).orElse(null);
            welcome.messageId = messageId("welcome", s.id, s.id);
            if (deliveries.count("subscriberId = ?1 and type = ?2", s.id, welcome.type) == 0) {
                welcome.state = Delivery.PENDING;
                welcome.nextAttemptAt = s.confirmedAt;
                welcome.createdAt = s.confirmedAt;
                deliveries.persist(welcome);
            }
        } else if (!Subscriber.CONFIRMED.equals(s.status)) {
            throw new TokenSigner.RefusedTokenException(TokenSigner.Refusal.EXPIRED);
        }
        return s;
    }

    /** The latest published review of the subscriber's frequency, in their language. */
    public Optional<DigestHeader> latest(Subscriber s) {
        Frequency f = Frequency.of(s.frequency).orElseThrow();
        return digests.archive(f.kind().tag(), s.language, true, 1).stream().findFirst();
    }

    /** The subscriber a token names, changing nothing (the pages behind the links show it before any button is pressed). */
    @Transactional
    public Subscriber lookup(String token, Purpose purpose) {
        TokenSigner.Claims claims = links.signer().verify(token, purpose, links.now());
        return subscribers.findByIdOptional(claims.subscriber()).orElseThrow(NoSuchSubscriptionException::new);
    }

    @Transactional
    public Found manage(String token) {
        TokenSigner.Claims claims = links.signer().verify(token, Purpose.MANAGE, links.now());
        Subscriber s = subscribers.findByIdOptional(claims.subscriber()).orElseThrow(NoSuchSubscriptionException::new);
        return new Found(s, token);
    }

    @Transactional
    public Subscriber update(String token, Valid preferences) {
        TokenSigner.Claims claims = links.signer().verify(token, Purpose.MANAGE, links.now());
        Subscriber s = locked(claims.subscriber());
        apply(s, preferences);
        return s;
    }

    /** Unsubscribes at once (RFC 8058 one-click, or the button of the page). Nothing is sent after this commits. */
    @Transactional
    public Subscriber unsubscribe(String token) {
        TokenSigner.Claims claims = links.signer().verify(token, Purpose.MANAGE, links.now());
        Subscriber s = locked(claims.subscriber());
        if (!Subscriber.UNSUBSCRIBED.equals(s.status)) {
            s.status = Subscriber.UNSUBSCRIBED;
            s.unsubscribedAt = links.now();
            deliveries.update("state = ?1, lastError = ?2 where subscriberId = ?3 and state = ?4",
                    Delivery.SKIPPED, "unsubscribed", s.id, Delivery.PENDING);
        }
        return s;
    }

    /** Everything kept about the subscription, for its owner. */
    @Transactional
    public Map<String, Object> export(String token) {
        Subscriber s = manage(token).subscriber();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("email", s.email);
        out.put("language", s.language);
        out.put("frequency", s.frequency);
        out.put("topics", s.topics);
        out.put("status", s.status);
        out.put("createdAt", s.createdAt);
        out.put("confirmedAt", s.confirmedAt);
        out.put("unsubscribedAt", s.unsubscribedAt);
        out.put("hardBounces", s.hardBounces);
        out.put("softBounces", s.softBounces);
        out.put("suppressedAt", s.suppressedAt);
        List<Map<String, Object>> mails = new ArrayList<>();
        for (Delivery d : deliveries.list("subscriberId = ?1 order by createdAt", s.id)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", d.type);
            m.put("review", d.digestId);
            m.put("state", d.state);
            m.put("createdAt", d.createdAt);
            m.put("sentAt", d.sentAt);
            mails.add(m);
        }
        out.put("mails", mails);
        return out;
    }

    /** Deletes the subscription and every mail and bounce recorded for it. */
    @Transactional
    public void delete(String token) {
        TokenSigner.Claims claims = links.signer().verify(token, Purpose.MANAGE, links.now());
        Subscriber s = locked(claims.subscriber());
        subscribers.delete(s);
    }

    private Subscriber locked(UUID id) {
        Subscriber s = subscribers.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (s == null) {
            throw new NoSuchSubscriptionException();
        }
        return s;
    }

    /**
     * Records, in the caller's transaction (the publication of the review), one mail per confirmed subscriber of the
     * review's frequency and language. Returns how many were recorded.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int recordDeliveries(Digest digest) {
        Optional<Frequency> frequency = Frequency.of(digest.kind());
        if (frequency.isEmpty()) {
            return 0;
        }
        return deliveries.recordDigests(digest.id(), frequency.get().tag(), digest.language().tag(), config.messageIdDomain(),
                links.now());
    }

    /** Deterministic per (what, subject, subscriber): a mail sent twice carries the same Message-ID. */
    String messageId(String what, UUID subject, UUID subscriber) {
        return "<" + what + "." + subject + "." + subscriber + "@" + config.messageIdDomain() + ">";
    }

    /** A signed link named a subscription that no longer exists (deleted). */
    public static class NoSuchSubscriptionException extends RuntimeException {
        public NoSuchSubscriptionException() {
            super("no such subscription");
        }
    }
}
