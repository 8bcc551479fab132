package io.modelwatch.ingest.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;

/**
 * Reads RSS and Atom with Rome, and JSON Feed (which Rome does not read) with Jackson, into plain entries:
 * HTML in titles and content reduced to text with jsoup.
 */
public final class FeedParser {

    /** One entry of a feed. Any field may be null except title and text (empty when absent). */
    public record Item(String guid, String link, String title, String text, Instant published) {
    }

    private final ObjectMapper json;

    public FeedParser(ObjectMapper json) {
        this.json = json;
    }

    public List<Item> parse(byte[] body, String contentType) throws IOException {
        if (isJson(body, contentType)) {
            return jsonFeed(json.readTree(body));
        }
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false); // no external entities
            feed = input.build(new XmlReader(new ByteArrayInputStream(body)));
        } catch (FeedException | IllegalArgumentException e) {
            throw new IOException("not a readable RSS, Atom or JSON feed: " + e.getMessage(), e);
        }
        List<Item> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            StringBuilder text = new StringBuilder();
            if (entry.getDescription() != null) {
                text.append(plain(entry.getDescription().getValue()));
            }
            for (SyndContent content : entry.getContents()) {
                text.append(text.isEmpty() ? "" : "\n").append(plain(content.getValue()));
            }
            var date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
            items.add(new Item(blankToNull(entry.getUri()), blankToNull(entry.getLink()), plain(entry.getTitle()),
                    text.toString(), date == null ? null : date.toInstant()));
        }
        return items;
    }

    private static boolean isJson(byte[] body, String contentType) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return true;
        }
        for (byte b : body) {
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return b == '{';
            }
        }
        return false;
    }

    private static List<Item> jsonFeed(JsonNode feed) throws IOException {
        if (!feed.path("version").asText("").startsWith("https://jsonfeed.org/version/")) {
            throw new IOException("a JSON body, but not a JSON Feed (no jsonfeed.org version)");
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode item : feed.path("items")) {
            String text = item.hasNonNull("content_text") ? item.get("content_text").asText()
                    : plain(item.path("content_html").asText(""));
            String summary = item.path("summary").asText("");
            Instant published = null;
            String date = item.hasNonNull("date_published") ? item.get("date_published").asText()
                    : item.path("date_modified").asText(null);
            if (date != null) {
                try {
                    published = OffsetDateTime.parse(date).toInstant();
                } catch (DateTimeParseException e) {
                    // an unreadable date is no reason to lose the entry
                }
            }
            items.add(new Item(blankToNull(item.path("id").asText(null)),
                    blankToNull(item.hasNonNull("url") ? item.get("url").asText() : item.path("external_url").asText(null)),
                    plain(item.path("title").asText("")), (summary.isEmpty() ? "" : summary + "\n") + text, published));
        }
        return items;
    }

    private static String plain(String html) {
        return html == null ? "" : Jsoup.parse(html).text().trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
