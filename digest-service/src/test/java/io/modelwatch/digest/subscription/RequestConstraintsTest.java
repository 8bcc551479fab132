package io.modelwatch.digest.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.contract.Language;
import io.modelwatch.contract.validation.ContractValidator;
import io.modelwatch.contract.validation.Violation;
import io.modelwatch.digest.webhook.WebhookService.Registration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks of the subscription, bounce and webhook requests, now constraints on their records (the rest layer applies
 * them with BodyCheck): the fields and the words each bad value is answered with.
 */
class RequestConstraintsTest {

    static final String EMAIL = "must be one plain e-mail address, such as name@example.org";
    static final String FREQUENCY = "must be one of weekly, monthly, quarterly, half-yearly, yearly, mid-year";

    static SubscriptionRequest subscription(String email, String language, String frequency, List<String> countries,
                                            List<String> modalities, List<String> kinds) {
        return new SubscriptionRequest(email, language, frequency, countries, modalities, kinds);
    }

    @Test
    void aGoodSubscriptionPassesAndIsNormalised() {
        SubscriptionRequest request = subscription(" a@example.org ", "zh", "Half-Year", Arrays.asList(" cn", null, "", "US"),
                null, List.of("MODEL", " application "));
        assertThat(ContractValidator.violations(request)).isEmpty();
        SubscriptionService.Valid valid = SubscriptionService.Valid.of(request);
        assertThat(valid.email()).isEqualTo("a@example.org");
        assertThat(valid.language()).isEqualTo(Language.ZH_CN);
        assertThat(valid.frequency()).isEqualTo(Frequency.HALF_YEARLY);
        assertThat(valid.topics().countries()).containsExactly("CN", "US");
        assertThat(valid.topics().modalities()).isEmpty();
        assertThat(valid.topics().kinds()).containsExactly("application", "model");
        assertThat(SubscriptionService.Valid.of(subscription("a@example.org", " ", "weekly", null, null, null)).language())
                .isEqualTo(Language.EN);
    }

    @Test
    void everyBadFieldOfASubscriptionIsNamedWithItsWords() {
        assertThat(ContractValidator.violations(subscription(null, null, null, null, null, null))).containsExactly(
                new Violation("email", EMAIL), new Violation("frequency", FREQUENCY));
        assertThat(ContractValidator.violations(subscription("a@example.org\r\nBcc: b@example.org", "fr", "daily",
                List.of("CHN\r\n", "", "gb"), List.of("text", "-x"), List.of("spaceship", "model")))).containsExactly(
                new Violation("countries[0]", "must be two-letter country codes (ISO 3166), such as CN or US"),
                new Violation("email", EMAIL),
                new Violation("frequency", FREQUENCY),
                new Violation("kinds[0]", "must be model, framework or application"),
                new Violation("language", "must be 'en' or 'zh-CN'"),
                new Violation("modalities[1]", "must be modality names such as text, image, audio, video"));
        List<String> many = new ArrayList<>(Collections.nCopies(51, "CN"));
        assertThat(ContractValidator.violations(subscription("a@example.org", null, "weekly", many, null, null)))
                .containsExactly(new Violation("countries", "at most 50 values"));
    }

    @Test
    void aBounceReportNeedsAnAddressAndSoftOrHard() {
        assertThat(ContractValidator.violations(new BounceService.BounceReport("a@example.org", " Hard ", null))).isEmpty();
        assertThat(ContractValidator.violations(BounceService.BounceReport.EMPTY)).containsExactly(
                new Violation("email", "must be one plain e-mail address"), new Violation("type", "must be 'soft' or 'hard'"));
        assertThat(ContractValidator.violations(new BounceService.BounceReport("a@b@example.org", "sideways", "x"))).containsExactly(
                new Violation("email", "must be one plain e-mail address"), new Violation("type", "must be 'soft' or 'hard'"));
    }

    @Test
    void aWebhookNeedsAWebLinkAndKnownEvents() {
        assertThat(ContractValidator.violations(new Registration(" https://example.org/hook", List.of("model.added")))).isEmpty();
        assertThat(ContractValidator.violations(Registration.EMPTY)).containsExactly(
                new Violation("events", "name at least one of digest.published, model.added"), new Violation("url", "is required"));
        assertThat(ContractValidator.violations(new Registration("javascript:alert(1)",
                Arrays.asList("digest.published", "digest_published", null)))).containsExactly(
                new Violation("events[1]", "must be one of digest.published, model.added"),
                new Violation("events[2]", "must be one of digest.published, model.added"),
                new Violation("url", "must be an absolute http or https URL"));
    }
}
