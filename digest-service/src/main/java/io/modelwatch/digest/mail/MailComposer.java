package io.modelwatch.digest.mail;

import io.modelwatch.digest.config.MailConfig;
import io.modelwatch.digest.render.ReviewRenderer;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.digest.review.Interests;
import io.modelwatch.contract.Language;
import io.modelwatch.digest.service.DigestService;
import io.modelwatch.digest.store.Delivery;
import io.modelwatch.digest.store.Subscriber;
import io.modelwatch.digest.subscription.MailLinks;
import io.modelwatch.digest.subscription.SubscriptionMessages;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the mails: multipart (HTML and plain text), in the subscriber's language, with Message-ID, Date, and on
 * review mails List-Id, List-Unsubscribe (the signed https link) and List-Unsubscribe-Post (RFC 8058). The only value
 * from a user that reaches a header is the address, which {@code EmailAddresses} accepted as one bare mailbox.
 */
@ApplicationScoped
public class MailComposer {

    /** A mail ready to send, or the reason there is nothing to send. */
    public record Outgoing(Mail mail, String skip) {
    }

    private final DigestService digests;
    private final ReviewRenderer renderer;
    private final MailLinks links;
    private final MailConfig config;
    private final Template confirmationHtml;
    private final Template confirmationText;
    private final Template introHtml;
    private final Template introText;
    private final Template footerHtml;
    private final Template footerText;
    private final Template welcomeHtml;
    private final java.util.Map<java.util.UUID, String> renderedReviews = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<java.util.UUID, Digest> storedReviews = new java.util.concurrent.ConcurrentHashMap<>();

    public MailComposer(DigestService digests, ReviewRenderer renderer, MailLinks links, MailConfig config,
                        @Location("mail/confirmation.html") Template confirmationHtml,
                        @Location("mail/confirmation.txt") Template confirmationText,
                        @Location("mail/intro.html") Template introHtml, @Location("mail/intro.txt") Template introText,
                        @Location("mail/footer.html") Template footerHtml, @Location("mail/footer.txt") Template footerText,
                        @Location("mail/welcome.html") Template welcomeHtml) {
        this.digests = digests;
        this.renderer = renderer;
        this.links = links;
        this.config = config;
        this.confirmationHtml = confirmationHtml;
        this.confirmationText = confirmationText;
        this.introHtml = introHtml;
        this.introText = introText;
        this.footerHtml = footerHtml;
        this.footerText = footerText;
        this.welcomeHtml = welcomeHtml;
    }

    public static SubscriptionMessages messages(Language language) {
        return language == Language.ZH_CN
                ? MessageBundles.get(SubscriptionMessages.class, Localized.Literal.of("zh-CN"))
                : MessageBundles.get(SubscriptionMessages.class);
    }

    public Outgoing compose(Delivery delivery, Subscriber s) {
        Language language = Language.of(s.language).orElse(Language.EN);
        SubscriptionMessages msg = messages(language);
        String frequency = msg.frequencyName(s.frequency);
        Mail mail = new Mail().addTo(s.email);
        mail.addHeader("Message-ID", delivery.messageId);
        mail.addHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(java.time.ZoneOffset.UTC)));
        if (Delivery.Type.CONFIRMATION.tag().equals(delivery.type)) {
            long hours = config.confirmTtl().toHours();
            String link = links.confirm(s.id);
            mail.setSubject(msg.confirmationSubject());
            mail.setHtml(confirmationHtml.data("lang", language.tag()).data("frequency", frequency).data("hours", hours)
                    .data("link", link).setLocale(language.locale()).render());
            mail.setText(confirmationText.data("frequency", frequency).data("hours", hours).data("link", link)
                    .setLocale(language.locale()).render());
            return new Outgoing(mail, null);
        }
        boolean welcome = Delivery.Type.WELCOME.tag().equals(delivery.type);
        Optional<Digest> stored = delivery.digestId == null ? Optional.empty() : stored(delivery.digestId);
        if (!welcome && stored.isEmpty()) {
            return new Outgoing(null, "the review is gone");
        }
        Interests topics = s.topics == null ? Interests.ALL : s.topics;
        Optional<Digest> review = stored.map(d -> topics.all() ? d : digests.narrowed(d, topics.matcher()));
        if (!welcome && review.get().releases().isEmpty() && !topics.all()) {
            // Decided: a review with nothing on the subscriber's topics is not sent (rather than a mail saying "nothing").
            return new Outgoing(null, "no model of the review matches the subscriber's topics");
        }
        String manage = links.manageToken(s.id);
        String unsubscribe = links.unsubscribe(manage);
        String web = review.map(d -> links.review(d.id())).orElse(null);
        String filteredBy = topics.all() ? null : describe(topics, msg);
        String intro = introHtml.data("welcome", welcome).data("frequency", frequency).data("hasReview", review.isPresent())
                .data("filteredBy", filteredBy).setLocale(language.locale()).render();
        String introPlain = introText.data("welcome", welcome).data("frequency", frequency).data("hasReview", review.isPresent())
                .data("filteredBy", filteredBy).setLocale(language.locale()).render();
        String footer = footerHtml.data("web", web).data("preferences", links.preferences(manage)).data("unsubscribe", unsubscribe)
                .setLocale(language.locale()).render();
        String footerPlain = footerText.data("web", web).data("preferences", links.preferences(manage)).data("unsubscribe", unsubscribe)
                .setLocale(language.locale()).render();
        String html = review.map(d -> topics.all() ? rendered(d) : renderer.render(d, ReviewRenderer.Format.EMAIL))
                .orElseGet(() -> welcomeHtml.data("lang", language.tag()).setLocale(language.locale()).render());
        String text = review.map(Digest::text).orElse("");
        mail.setSubject(welcome ? msg.welcomeSubject() : review.get().title());
        mail.setHtml(wrap(html, intro, footer));
        mail.setText((introPlain.isBlank() ? "" : introPlain.strip() + "\n\n") + text.strip() + "\n" + footerPlain);
        mail.addHeader("List-Id", "modelwatch reviews <" + config.listId() + ">");
        mail.addHeader("List-Unsubscribe", "<" + unsubscribe + ">");
        mail.addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new Outgoing(mail, null);
    }

    /** A stored review (a version never changes once written), read once for all its mails. */
    private Optional<Digest> stored(java.util.UUID id) {
        Digest cached = storedReviews.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Digest> found = digests.find(id);
        if (storedReviews.size() > 32) {
            storedReviews.clear();
        }
        found.ifPresent(d -> storedReviews.put(id, d));
        return found;
    }

    /** The e-mail HTML of a whole (not narrowed) review: the same for every subscriber without topics, so kept. */
    private String rendered(Digest review) {
        if (renderedReviews.size() > 32) {
            renderedReviews.clear();
        }
        return renderedReviews.computeIfAbsent(review.id(), id -> renderer.render(review, ReviewRenderer.Format.EMAIL));
    }

    /** Puts the intro right after the body tag and the footer right before its end. */
    static String wrap(String html, String intro, String footer) {
        int body = html.indexOf("<body");
        int open = body < 0 ? -1 : html.indexOf('>', body);
        int close = html.lastIndexOf("</body>");
        if (open < 0 || close < open) {
            return intro + html + footer;
        }
        return html.substring(0, open + 1) + "\n" + intro + html.substring(open + 1, close) + footer + "\n" + html.substring(close);
    }

    private static String describe(Interests topics, SubscriptionMessages msg) {
        List<String> parts = new ArrayList<>();
        parts.addAll(topics.countries());
        parts.addAll(topics.modalities());
        topics.kinds().forEach(k -> parts.add(msg.kindName(k)));
        return String.join(", ", parts);
    }
}
