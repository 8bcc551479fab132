package io.modelwatch.ingest.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.modelwatch.contract.Links;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.Source;
import io.modelwatch.guard.AddressGuard;
import io.modelwatch.ingest.api.AnnouncementRequest;
import io.modelwatch.ingest.api.PollResult;
import io.modelwatch.ingest.config.IngestConfig;
import io.modelwatch.ingest.feed.FeedFetcher;
import io.modelwatch.ingest.feed.FeedParser;
import io.modelwatch.ingest.feed.FeedRules;
import io.modelwatch.ingest.feed.ReleaseExtractor;
import io.modelwatch.ingest.messaging.ReleasePublisher;
import io.modelwatch.ingest.service.AnnouncementLedger.Numbered;
import io.modelwatch.ingest.service.AnnouncementLedger.Recorded;
import io.modelwatch.ingest.store.Feed;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Polls feeds: a conditional GET, then every entry not seen before (by GUID, else link, else a hash of title and
 * content) that the feed's rules admit and that names a model release becomes a speculative announcement, sent
 * like any other (recorded, then acknowledged by the broker). An entry is marked seen only once it is handled;
 * if the broker did not take one, the validators of the answer are not kept, so the next poll reads it again.
 */
@ApplicationScoped
public class FeedPoller {

    private static final Logger LOG = Logger.getLogger(FeedPoller.class);
    public static final String ENDPOINT = "feed";
    /** How long a claimed feed is this replica's before another may poll it (if this one died mid-poll). */
    static final java.time.Duration POLL_LEASE = java.time.Duration.ofMinutes(5);

    private final FeedService feeds;
    private final AnnouncementNormalizer normalizer;
    private final AnnouncementLedger ledger;
    private final ReleasePublisher publisher;
    private final IngestConfig config;
    private final FeedFetcher fetcher;
    private final FeedParser parser;
    private final ReleaseExtractor extractor = new ReleaseExtractor();
    private final Set<UUID> polling = ConcurrentHashMap.newKeySet();

    public FeedPoller(FeedService feeds, AnnouncementNormalizer normalizer, AnnouncementLedger ledger,
                      ReleasePublisher publisher, IngestConfig config, ObjectMapper json, io.vertx.core.Vertx vertx) {
        this.feeds = feeds;
        this.normalizer = normalizer;
        this.ledger = ledger;
        this.publisher = publisher;
        this.config = config;
        this.fetcher = new FeedFetcher(vertx, feeds.guard(), config.feeds().fetchTimeout(), config.feeds().maxSize().asLongValue());
        this.parser = new FeedParser(json);
    }

    @Scheduled(every = "${modelwatch.ingest.feeds.check-every:30s}", delayed = "${modelwatch.ingest.feeds.first-check-after:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollDue() {
        Instant now = Instant.now();
        // Claimed, not just read: every replica runs this tick, each due feed is polled by one of them.
        for (UUID id : feeds.claimDue(now, 20, now.plus(POLL_LEASE).plus(config.feeds().fetchTimeout()))) {
            try {
                if (polling.contains(id)) {
                    continue;
                }
                PollResult result = poll(id);
                LOG.debugf("Polled feed %s: %s", id, result);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Polling feed %s failed", id);
            }
        }
    }

    /** Polls one feed now. */
    public PollResult poll(UUID feedId) {
        if (!polling.add(feedId)) {
            throw new Refusal(Refusal.Reason.CONFLICT, "The feed " + feedId + " is being polled right now.");
        }
        try {
            return pollOnce(feeds.find(feedId));
        } finally {
            polling.remove(feedId);
        }
    }

    private PollResult pollOnce(Feed feed) {
        FeedFetcher.Fetched fetched;
        List<FeedParser.Item> items;
        try {
            fetched = fetcher.fetch(URI.create(feed.url), feed.etag, feed.lastModified);
            if (fetched.notModified()) {
                Instant next = feeds.succeeded(feed.id, 304, true, feed.etag, feed.lastModified, List.of());
                return new PollResult("not-modified", 304, 0, 0, 0, 0, 0, 0, null, next);
            }
            items = parser.parse(fetched.body(), fetched.contentType());
        } catch (FeedFetcher.FetchException e) {
            return failed(feed, e.status == 0 ? null : e.status, e.getMessage(), e.retryAfter);
        } catch (AddressGuard.RefusedAddressException e) {
            return failed(feed, null, "refused: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(feed, null, "interrupted");
        } catch (java.io.IOException | RuntimeException e) {
            return failed(feed, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        Map<String, FeedParser.Item> byKey = new LinkedHashMap<>();
        for (FeedParser.Item item : items) {
            byKey.putIfAbsent(key(item), item);
        }
        Set<String> seen = feeds.seen(feed.id, List.copyOf(byKey.keySet()));
        FeedRules rules = feeds.rules(feed);
        List<FeedService.Handled> handled = new ArrayList<>();
        int filtered = 0;
        int notReleases = 0;
        int announced = 0;
        int failed = 0;
        String publisherName = "feed:" + feed.name;
        for (Map.Entry<String, FeedParser.Item> entry : byKey.entrySet()) {
            if (seen.contains(entry.getKey())) {
                continue;
            }
            FeedParser.Item item = entry.getValue();
            if (!rules.admits(item)) {
                filtered++;
                handled.add(new FeedService.Handled(entry.getKey(), item.title(), null));
                continue;
            }
            ReleaseAnnounced event = announcement(feed, item, publisherName);
            if (event == null) {
                notReleases++;
                handled.add(new FeedService.Handled(entry.getKey(), item.title(), null));
                continue;
            }
            // The entry key is the idempotency key: a poll that records the entry but dies before marking it seen
            // sends it again under the same event id.
            String entryHash = Sha256.hex(entry.getKey().getBytes(StandardCharsets.UTF_8));
            // recordOrReplay: the key outlives the ledger's 24 h retention (an entry recorded, not sent, then forgotten).
            Recorded recorded = ledger.recordOrReplay(publisherName, feed.id + ":" + entryHash, ENDPOINT, entryHash,
                    List.of(new Numbered(0, event))).get(0);
            try {
                publisher.publish(recorded.eventId(), recorded.event()).await().atMost(config.publishTimeout());
                announced++;
                handled.add(new FeedService.Handled(entry.getKey(), item.title(), recorded.eventId()));
            } catch (RuntimeException e) {
                LOG.warnf(e, "The broker did not take the announcement of feed entry %s", entry.getKey());
                failed++;
            }
        }
        // Keep the validators only if every new entry was handled; otherwise the next poll must read them again.
        Instant next = feeds.succeeded(feed.id, fetched.status(), false, failed == 0 ? fetched.etag() : null,
                failed == 0 ? fetched.lastModified() : null, handled);
        return new PollResult("ok", fetched.status(), items.size(), byKey.size() - seen.size(), announced, filtered,
                notReleases, failed, failed == 0 ? null : failed + " entries were not taken by the broker", next);
    }

    private PollResult failed(Feed feed, Integer status, String error) {
        return failed(feed, status, error, null);
    }

    private PollResult failed(Feed feed, Integer status, String error, Instant retryAfter) {
        Instant next = feeds.failed(feed.id, status, error, retryAfter);
        return new PollResult("error", status, 0, 0, 0, 0, 0, 0, error, next);
    }

    /** The announcement an entry makes, or null when it names no release (or what it names does not validate). */
    private ReleaseAnnounced announcement(Feed feed, FeedParser.Item item, String publisherName) {
        var extracted = extractor.extract(item.title(), item.text());
        if (extracted.isEmpty()) {
            return null;
        }
        var found = extracted.get();
        List<AnnouncementRequest.OrganizationInput> organizations = found.organizations().stream()
                .map(o -> new AnnouncementRequest.OrganizationInput(o.name(), o.country())).toList();
        if (organizations.isEmpty()) {
            organizations = List.of(new AnnouncementRequest.OrganizationInput(
                    feed.organization != null ? feed.organization : feed.name, feed.organization != null ? feed.country : null));
        }
        String published = item.published() == null ? null : item.published().atZone(ZoneOffset.UTC).toLocalDate().toString();
        AnnouncementRequest request = AnnouncementRequest.fromFeed(found.name(), organizations, published,
                found.parameters() == null ? null : TextNode.valueOf(found.parameters().asWritten()), List.of("from-feed"),
                new Links(null, null, null, item.link()), new Source(item.link(), feed.name), "speculative");
        try {
            return normalizer.normalize(request, publisherName);
        } catch (Refusal e) {
            LOG.debugf("Feed entry '%s' read as %s does not validate: %s", item.title(), found, e.errors());
            return null;
        }
    }

    /** GUID, else link, else a hash of title and content. */
    static String key(FeedParser.Item item) {
        if (item.guid() != null) {
            return "guid:" + item.guid();
        }
        if (item.link() != null) {
            return "link:" + item.link();
        }
        return "hash:" + Sha256.hex((item.title() + "\n" + item.text()).getBytes(StandardCharsets.UTF_8));
    }
}
