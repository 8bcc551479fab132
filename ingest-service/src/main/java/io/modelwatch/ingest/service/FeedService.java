package io.modelwatch.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.guard.AddressGuard;
import io.modelwatch.ingest.api.FeedRegistration;
import io.modelwatch.ingest.api.FeedView;
import io.modelwatch.ingest.config.IngestConfig;
import io.modelwatch.ingest.feed.FeedRules;
import io.modelwatch.ingest.store.Feed;
import io.modelwatch.ingest.store.FeedEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Registered feeds and their polling state (the transactions; the polling itself is {@link FeedPoller}). */
@ApplicationScoped
public class FeedService {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final TypeReference<List<FeedRules.Rule>> RULES = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final AddressGuard guard;
    private final IngestConfig config;

    public FeedService(ObjectMapper json, IngestConfig config) {
        this.json = json;
        this.config = config;
        this.guard = new AddressGuard(config.feeds().allowedAddresses().orElse(List.of()), "feeds", "fetched",
                "modelwatch.ingest.feeds.allowed-addresses");
    }

    public AddressGuard guard() {
        return guard;
    }

    @Transactional
    public FeedView register(FeedRegistration request, String caller) {
        if (request == null) {
            throw new Refusal(Refusal.Reason.INVALID, "The body is empty: send a feed registration as JSON.");
        }
        List<FieldError> errors = new ArrayList<>();
        URI url = null;
        if (request.url() == null || request.url().isBlank()) {
            errors.add(new FieldError("url", "is required"));
        } else {
            try {
                url = URI.create(request.url().trim());
                guard.check(url);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("url", "is not a URL: " + e.getMessage()));
            } catch (AddressGuard.RefusedAddressException e) {
                errors.add(new FieldError("url", e.getMessage()));
            }
        }
        if (request.name() == null || request.name().isBlank()) {
            errors.add(new FieldError("name", "is required"));
        }
        int interval = request.pollIntervalSeconds() == null ? 900 : request.pollIntervalSeconds();
        long minimum = config.feeds().minPollInterval().toSeconds();
        if (interval < minimum) {
            errors.add(new FieldError("pollIntervalSeconds", "must be at least " + minimum));
        }
        String country = request.country() == null || request.country().isBlank() ? null
                : request.country().trim().toUpperCase(Locale.ROOT);
        if (country != null && !COUNTRY.matcher(country).matches()) {
            errors.add(new FieldError("country", "'" + request.country() + "' is not an ISO 3166-1 alpha-2 code"));
        }
        checkRules("keep", request.keep(), errors);
        checkRules("block", request.block(), errors);
        if (!errors.isEmpty()) {
            throw new Refusal(Refusal.Reason.INVALID, "The feed registration has " + errors.size()
                    + (errors.size() == 1 ? " bad field." : " bad fields."), errors);
        }
        if (Feed.count("url", url.toString()) > 0) {
            throw new Refusal(Refusal.Reason.CONFLICT, "The feed " + url + " is registered already.");
        }
        Feed feed = new Feed();
        feed.id = UUID.randomUUID();
        feed.url = url.toString();
        feed.name = request.name().trim();
        feed.organization = request.organization() == null || request.organization().isBlank() ? null : request.organization().trim();
        feed.country = country;
        feed.pollIntervalSeconds = interval;
        feed.keepRules = write(request.keep());
        feed.blockRules = write(request.block());
        feed.createdBy = caller;
        feed.createdAt = Instant.now();
        feed.nextPollAt = feed.createdAt;
        feed.persist();
        return view(feed);
    }

    private static void checkRules(String name, List<FeedRules.Rule> rules, List<FieldError> errors) {
        if (rules == null) {
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            FeedRules.Rule rule = rules.get(i);
            String at = name + "[" + i + "]";
            if (rule == null || rule.pattern() == null || rule.pattern().isEmpty()) {
                errors.add(new FieldError(at + ".pattern", "is required"));
                continue;
            }
            if (rule.field() != null && !FeedRules.FIELDS.contains(rule.field().trim().toLowerCase(Locale.ROOT))) {
                errors.add(new FieldError(at + ".field", "'" + rule.field() + "' is not one of " + FeedRules.FIELDS));
            }
            try {
                Pattern.compile(rule.pattern());
            } catch (PatternSyntaxException e) {
                errors.add(new FieldError(at + ".pattern", "is not a regular expression: " + e.getDescription()));
            }
        }
    }

    public List<FeedView> list() {
        return Feed.<Feed>listAll(io.quarkus.panache.common.Sort.by("createdAt")).stream().map(this::view).toList();
    }

    public FeedView get(UUID id) {
        return view(find(id));
    }

    public Feed find(UUID id) {
        Feed feed = Feed.findById(id);
        if (feed == null) {
            throw new Refusal(Refusal.Reason.NOT_FOUND, "No feed is registered with the id " + id + ".");
        }
        return feed;
    }

    @Transactional
    public void delete(UUID id) {
        find(id).delete();
    }

    /**
     * Takes up to {@code limit} due feeds for this replica, once across replicas: their next poll moves to
     * {@code leaseUntil} in the same statement (rows another replica is taking are skipped, not waited for), so no other
     * replica finds them due until this one records the poll's outcome ({@link #succeeded}, {@link #failed}) or, if it
     * died meanwhile, the lease runs out.
     */
    @Transactional
    public List<UUID> claimDue(Instant now, int limit, Instant leaseUntil) {
        return Feed.claimDue(now, limit, leaseUntil);
    }

    public FeedRules rules(Feed feed) {
        return new FeedRules(read(feed.keepRules), read(feed.blockRules));
    }

    /** The keys among {@code keys} that this feed has handled already. */
    public Set<String> seen(UUID feedId, List<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(FeedEntry.<FeedEntry>list("id.feedId = ?1 and id.entryKey in ?2", feedId, keys).stream()
                .map(e -> e.id.entryKey).toList());
    }

    /** A handled entry: announced under eventId, or (eventId null) not a release or filtered out. */
    public record Handled(String key, String title, UUID eventId) {
    }

    @Transactional
    public Instant succeeded(UUID feedId, int httpStatus, boolean notModified, String etag, String lastModified,
                             List<Handled> handled) {
        Feed feed = find(feedId);
        Instant now = Instant.now();
        for (Handled h : handled) {
            FeedEntry entry = new FeedEntry();
            entry.id = new FeedEntry.Key(feedId, h.key());
            entry.title = h.title() == null || h.title().length() <= 500 ? h.title() : h.title().substring(0, 500);
            entry.eventId = h.eventId();
            entry.seenAt = now;
            entry.persist();
            feed.entriesSeen++;
            if (h.eventId() != null) {
                feed.announcementsSent++;
            }
        }
        if (etag != null || lastModified != null || !notModified) {
            feed.etag = etag;
            feed.lastModified = lastModified;
        }
        feed.lastPolledAt = now;
        feed.lastStatus = notModified ? "not-modified" : "ok";
        feed.lastHttpStatus = httpStatus;
        feed.lastError = null;
        feed.consecutiveFailures = 0;
        feed.nextPollAt = now.plusSeconds(feed.pollIntervalSeconds);
        return feed.nextPollAt;
    }

    /**
     * A failed poll: the wait before the next one doubles with each failure in a row, up to the configured maximum.
     * When the server said when to come back (Retry-After of a 429 or 503), not before then (up to the same maximum).
     */
    @Transactional
    public Instant failed(UUID feedId, Integer httpStatus, String error, Instant retryAfter) {
        Feed feed = find(feedId);
        Instant now = Instant.now();
        feed.consecutiveFailures++;
        long wait = (long) feed.pollIntervalSeconds << Math.min(feed.consecutiveFailures, 20);
        wait = Math.min(wait, config.feeds().maxBackoff().toSeconds());
        feed.lastPolledAt = now;
        feed.lastStatus = "error";
        feed.lastHttpStatus = httpStatus;
        feed.lastError = error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
        if (retryAfter != null) {
            wait = Math.max(wait, Math.min(Duration.between(now, retryAfter).toSeconds(), config.feeds().maxBackoff().toSeconds()));
        }
        feed.nextPollAt = now.plus(Duration.ofSeconds(Math.max(wait, feed.pollIntervalSeconds)));
        return feed.nextPollAt;
    }

    FeedView view(Feed f) {
        return new FeedView(f.id.toString(), f.url, f.name, f.organization, f.country, f.pollIntervalSeconds,
                read(f.keepRules), read(f.blockRules), f.createdBy, f.createdAt, f.lastPolledAt, f.lastStatus,
                f.lastHttpStatus, f.lastError, f.consecutiveFailures, f.nextPollAt, f.entriesSeen, f.announcementsSent);
    }

    private String write(List<FeedRules.Rule> rules) {
        try {
            return json.writeValueAsString(rules == null ? List.of() : rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<FeedRules.Rule> read(String rules) {
        try {
            return rules == null ? List.of() : json.readValue(rules, RULES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable rules in the feed table", e);
        }
    }
}
