package io.modelwatch.digest.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.digest.subscription.TokenSigner.Purpose;
import io.modelwatch.digest.subscription.TokenSigner.Refusal;
import io.modelwatch.digest.subscription.TokenSigner.RefusedTokenException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenSignerTest {

    private final TokenSigner signer = new TokenSigner("a-secret-of-some-length".getBytes(StandardCharsets.UTF_8));
    private final Instant now = Instant.parse("2026-11-29T12:00:00Z");

    private Refusal refusal(String token, Purpose purpose) {
        try {
            signer.verify(token, purpose, now);
        } catch (RefusedTokenException e) {
            return e.refusal();
        }
        return null;
    }

    @Test
    void aTokenVerifiesUntilItExpiresAndOnlyForItsPurpose() {
        UUID id = UUID.randomUUID();
        String token = signer.sign(Purpose.MANAGE, id, now.plusSeconds(60));
        assertThat(signer.verify(token, Purpose.MANAGE, now).subscriber()).isEqualTo(id);
        assertThat(refusal(token, Purpose.CONFIRM)).isEqualTo(Refusal.WRONG_PURPOSE);
        assertThatThrownBy(() -> signer.verify(token, Purpose.MANAGE, now.plusSeconds(60)))
                .isInstanceOfSatisfying(RefusedTokenException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.EXPIRED));
    }

    @Test
    void everyAlteredCharacterIsRefused() {
        String token = signer.sign(Purpose.CONFIRM, UUID.randomUUID(), now.plusSeconds(3600));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                continue;
            }
            char replacement = alphabet.charAt((alphabet.indexOf(token.charAt(i)) + 1) % alphabet.length());
            String altered = token.substring(0, i) + replacement + token.substring(i + 1);
            assertThat(refusal(altered, Purpose.CONFIRM)).as("position " + i).isIn(Refusal.FORGED, Refusal.MALFORMED);
        }
        assertThat(refusal(new TokenSigner("another-secret-entirely".getBytes(StandardCharsets.UTF_8))
                .sign(Purpose.CONFIRM, UUID.randomUUID(), now.plusSeconds(60)), Purpose.CONFIRM)).isEqualTo(Refusal.FORGED);
        assertThat(refusal("", Purpose.CONFIRM)).isEqualTo(Refusal.MALFORMED);
        assertThat(refusal(null, Purpose.CONFIRM)).isEqualTo(Refusal.MALFORMED);
        assertThat(refusal("a.b.c", Purpose.CONFIRM)).isEqualTo(Refusal.MALFORMED);
    }
}
