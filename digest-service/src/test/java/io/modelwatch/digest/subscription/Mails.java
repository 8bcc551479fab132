package io.modelwatch.digest.subscription;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.digest.review.DemoCatalog;
import io.modelwatch.digest.review.Interests;
import io.modelwatch.digest.service.ReadModelProjector;
import io.modelwatch.digest.store.Subscriber;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading what GreenMail received, and making test data. */
final class Mails {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private Mails() {
    }

    static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A subscriber as if it had confirmed (no confirmation mail to wait for), not yet persisted: all topics, the given
     * address as its key.
     */
    static Subscriber confirmed(String email, String language, Frequency frequency) {
        Subscriber s = new Subscriber();
        s.id = UUID.randomUUID();
        s.email = email;
        s.emailKey = email;
        s.language = language;
        s.frequency = frequency.tag();
        s.topics = Interests.ALL;
        s.status = Subscriber.CONFIRMED;
        s.createdAt = Instant.now();
        s.confirmedAt = s.createdAt;
        return s;
    }

    /** A fresh address on a domain of its own, so each test reads only its own mails. */
    static String address(String who) {
        return who + "@t" + UUID.randomUUID().toString().substring(0, 12) + ".example.org";
    }

    static List<MimeMessage> to(GreenMail greenMail, String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO) != null && Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static String header(MimeMessage m, String name) {
        try {
            String[] values = m.getHeader(name);
            if (values == null) {
                return null;
            }
            if (values.length > 1) {
                throw new AssertionError("header " + name + " appears " + values.length + " times");
            }
            return values[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String part(MimeMessage m, String type) {
        try {
            Object content = m.getContent();
            if (!(content instanceof Multipart multipart)) {
                throw new AssertionError("not multipart: " + m.getContentType());
            }
            return find(multipart, type);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Multipart multipart, String type) throws MessagingException, IOException {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart p = multipart.getBodyPart(i);
            if (p.getContent() instanceof Multipart nested) {
                String found = find(nested, type);
                if (found != null) {
                    return found;
                }
            } else if (p.isMimeType(type)) {
                return p.getContent().toString();
            }
        }
        return null;
    }

    /** The first link in the text whose path starts with {@code path}, e.g. /subscriptions/confirm. */
    static String link(String text, String path) {
        Matcher m = Pattern.compile("https?://[^\\s\"<>]+" + Pattern.quote(path) + "\\?token=[A-Za-z0-9_\\-.]+").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + path + " link in:\n" + text);
        }
        return m.group();
    }

    /** The path and query of a link (the test server listens on its own port, not on the public URL). */
    static String local(String link) {
        return link.replaceFirst("^https?://[^/]+", "");
    }

    /** One demo model moved to a date, under a slug of its own, applied to the read model. */
    @SuppressWarnings("unchecked")
    static ModelChanged model(ReadModelProjector projector, String name, String published) {
        ModelChanged demo = DemoCatalog.snapshots("-" + UUID.randomUUID()).stream().filter(m -> m.name().equals(name))
                .findFirst().orElseThrow();
        Map<String, Object> json = JSON.convertValue(demo, Map.class);
        json.put("published", published);
        ModelChanged moved = JSON.convertValue(json, ModelChanged.class);
        projector.apply(UUID.randomUUID().toString(), moved.slug(), moved);
        return moved;
    }
}
