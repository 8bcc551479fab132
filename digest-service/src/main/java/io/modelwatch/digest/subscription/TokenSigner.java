package io.modelwatch.digest.subscription;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed links: {@code base64url(purpose:subscriber:expiry).base64url(HMAC-SHA256)}. A token names what it may do
 * (confirm, or manage: preferences and unsubscribe), whom, and until when; altering any of it breaks the signature.
 */
public final class TokenSigner {

    public enum Purpose { CONFIRM, MANAGE }

    /** A verified token. */
    public record Claims(Purpose purpose, UUID subscriber, Instant expires) {
    }

    /** Why a token was refused. */
    public enum Refusal { MALFORMED, FORGED, EXPIRED, WRONG_PURPOSE }

    public static class RefusedTokenException extends RuntimeException {
        private final Refusal refusal;

        public RefusedTokenException(Refusal refusal) {
            super("token refused: " + refusal);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] secret;

    public TokenSigner(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the token secret needs at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    public String sign(Purpose purpose, UUID subscriber, Instant expires) {
        String payload = purpose.name().toLowerCase() + ":" + subscriber + ":" + expires.getEpochSecond();
        byte[] body = payload.getBytes(StandardCharsets.US_ASCII);
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(body));
    }

    /** @throws RefusedTokenException when the token is malformed, forged or altered, expired, or for another purpose */
    public Claims verify(String token, Purpose expected, Instant now) {
        if (token == null || token.length() > 512) {
            throw new RefusedTokenException(Refusal.MALFORMED);
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            throw new RefusedTokenException(Refusal.MALFORMED);
        }
        byte[] body;
        byte[] signature;
        try {
            body = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new RefusedTokenException(Refusal.MALFORMED);
        }
        // Base64 leaves spare bits in the last character: only the one canonical spelling of a token is accepted.
        if (!(ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(signature)).equals(token)) {
            throw new RefusedTokenException(Refusal.MALFORMED);
        }
        if (!MessageDigest.isEqual(mac(body), signature)) {
            throw new RefusedTokenException(Refusal.FORGED);
        }
        Optional<Claims> claims = parse(new String(body, StandardCharsets.US_ASCII));
        if (claims.isEmpty()) {
            throw new RefusedTokenException(Refusal.MALFORMED);
        }
        if (claims.get().purpose() != expected) {
            throw new RefusedTokenException(Refusal.WRONG_PURPOSE);
        }
        if (!now.isBefore(claims.get().expires())) {
            throw new RefusedTokenException(Refusal.EXPIRED);
        }
        return claims.get();
    }

    private static Optional<Claims> parse(String payload) {
        String[] parts = payload.split(":");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Claims(Purpose.valueOf(parts[0].toUpperCase()), UUID.fromString(parts[1]),
                    Instant.ofEpochSecond(Long.parseLong(parts[2]))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
