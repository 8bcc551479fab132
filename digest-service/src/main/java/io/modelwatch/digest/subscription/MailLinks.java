package io.modelwatch.digest.subscription;

import io.modelwatch.digest.config.DigestConfig;
import io.modelwatch.digest.config.MailConfig;
import io.modelwatch.digest.subscription.TokenSigner.Purpose;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The signed links of the mails, on the public base URL ({@code modelwatch.digest.public-url}). */
@ApplicationScoped
public class MailLinks {

    private static final Logger LOG = Logger.getLogger(MailLinks.class);

    private final TokenSigner signer;
    private final MailConfig config;
    private final String base;
    private final Clock clock = Clock.systemUTC();

    public MailLinks(MailConfig config, DigestConfig digest) {
        String publicUrl = digest.publicUrl();
        this.config = config;
        this.base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        byte[] secret;
        if (config.tokenSecret().filter(s -> !s.isBlank()).isPresent()) {
            secret = config.tokenSecret().get().getBytes(StandardCharsets.UTF_8);
        } else {
            LOG.warn("modelwatch.digest.mail.token-secret (MODELWATCH_DIGEST_MAIL_TOKEN_SECRET) is not set: links in mails are "
                    + "signed with a random secret and stop working when this process stops; set it, the same on every replica");
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        }
        this.signer = new TokenSigner(secret);
    }

    public TokenSigner signer() {
        return signer;
    }

    public String base() {
        return base;
    }

    public Instant now() {
        return clock.instant();
    }

    public String confirmToken(UUID subscriber) {
        return signer.sign(Purpose.CONFIRM, subscriber, now().plus(config.confirmTtl()));
    }

    public String manageToken(UUID subscriber) {
        return signer.sign(Purpose.MANAGE, subscriber, now().plus(config.manageTtl()));
    }

    public String confirm(UUID subscriber) {
        return base + "/subscriptions/confirm?token=" + confirmToken(subscriber);
    }

    public String preferences(String manageToken) {
        return base + "/subscriptions/preferences?token=" + manageToken;
    }

    public String unsubscribe(String manageToken) {
        return base + "/subscriptions/unsubscribe?token=" + manageToken;
    }

    public String review(UUID digest) {
        return base + "/digests/" + digest;
    }
}
