package io.modelwatch.digest.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.modelwatch.digest.UniqueYears;
import io.modelwatch.digest.mail.MailSender;
import io.modelwatch.digest.review.Digest;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.ReviewKind;
import io.modelwatch.digest.service.DigestPublisher;
import io.modelwatch.digest.service.ReadModelProjector;
import io.modelwatch.digest.store.Subscriber;
import io.modelwatch.digest.store.SubscriberRepository;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How many mails a second the sender reaches against GreenMail with the rate limit off, against a baseline measured in
 * the same run: the same number of mails of the same size sent straight through the Mailer (no outbox, no database,
 * no rendering). Run with {@code mvn -B -pl digest-service -am -Pbench test -Dtest=MailThroughputBench -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.mails=1000}).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = GreenMailTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@Tag("bench")
class MailThroughputBench {

    static final int MAILS = Integer.getInteger("bench.mails", 1000);

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    MailSender sender;

    @Inject
    Mailer mailer;

    @Inject
    DigestPublisher publisher;

    @Inject
    ReadModelProjector projector;

    @Inject
    SubscriberRepository subscribers;

    @Test
    void mailsPerSecond() {
        int year = UniqueYears.next();
        for (String name : List.of("Gato", "Pangu", "LayoutLMv3", "NÜWA", "M6-10T")) {
            Mails.model(projector, name, year + "-01-0" + (2 + name.length() % 4));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < MAILS; i++) {
                subscribers.persist(Mails.confirmed("bench" + i + "@" + year + ".bench.example.org", i % 2 == 0 ? "en" : "zh-CN",
                        Frequency.WEEKLY));
            }
        });
        sender.limit(0);
        long publishStart = System.nanoTime();
        List<Digest> published = publisher.publish(Period.containing(ReviewKind.WEEKLY, java.time.LocalDate.of(year, 1, 5)));
        double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
        assertThat(published).hasSize(2);

        // Warm-up of the SMTP connection pool and the templates: a few mails both ways, not counted.
        Digest sample = published.get(0);
        for (int i = 0; i < 20; i++) {
            mailer.send(Mail.withHtml("warm" + i + "@warm.example.org", sample.title(), "<p>warm</p>").setText("warm"));
        }

        // Baseline: the same number of mails of about the same size straight through the Mailer.
        String html = "<html><body>" + sample.markdown().replace("<", "&lt;") + "</body></html>";
        long rawStart = System.nanoTime();
        for (int i = 0; i < MAILS; i++) {
            mailer.send(Mail.withHtml("raw" + i + "@" + year + ".raw.example.org", sample.title(), html).setText(sample.text()));
        }
        double rawSeconds = (System.nanoTime() - rawStart) / 1e9;

        long start = System.nanoTime();
        int sent = 0;
        while (sent < MAILS) {
            int round = sender.drain();
            if (round == 0) {
                break;
            }
            sent += round;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(sent).isGreaterThanOrEqualTo(MAILS);
        double rate = MAILS / seconds;
        double rawRate = MAILS / rawSeconds;
        System.out.printf("%nMAIL BENCH: %d mails; outbox sender %.1f mails/s (%.2f s); baseline Mailer.send alone %.1f mails/s (%.2f s);"
                        + " ratio %.2f; publishing the review (both languages, with its %d mails recorded) took %.2f s%n%n",
                MAILS, rate, seconds, rawRate, rawSeconds, rate / rawRate, MAILS, publishSeconds);
    }
}
