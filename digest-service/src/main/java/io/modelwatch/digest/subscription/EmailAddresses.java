package io.modelwatch.digest.subscription;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Optional;

/**
 * Accepts a bare mailbox address ("name@example.org") and nothing else: no display name, no group, no comment, no
 * control character (so no CR or LF that could start a header of its own), at most 254 characters, a domain with a
 * dot. Control characters anywhere (even a trailing CR LF) refuse the whole input. Parsed strictly by Jakarta Mail's {@link InternetAddress}.
 */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    /** Providers whose mailboxes ignore dots in the local part, and the domain each is also known by. */
    private static final java.util.Map<String, String> DOTLESS = java.util.Map.of("gmail.com", "gmail.com", "googlemail.com", "gmail.com");

    /**
     * The mailbox an accepted address delivers to, as one key for all its spellings: lower case, without a "+tag" in the
     * local part, and for providers that ignore them ({@link #DOTLESS}) without dots and under one domain. So
     * "Ann.Lee+news@GoogleMail.com" and "annlee@gmail.com" are one mailbox (for limits, not for sending).
     */
    public static String mailbox(String address) {
        String lower = address.toLowerCase(java.util.Locale.ROOT);
        int at = lower.lastIndexOf('@');
        if (at < 1) {
            return lower;
        }
        String local = lower.substring(0, at);
        String domain = lower.substring(at + 1);
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        String canonical = DOTLESS.get(domain);
        if (canonical != null) {
            local = local.replace(".", "");
            domain = canonical;
        }
        return local + "@" + domain;
    }

    /** The address as it will be written in the To header, or empty with nothing accepted. */
    public static Optional<String> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        for (int i = 0; i < input.length(); i++) {
            if (Character.isISOControl(input.charAt(i))) {
                return Optional.empty();
            }
        }
        String candidate = input.strip();
        if (candidate.isEmpty() || candidate.length() > 254) {
            return Optional.empty();
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '(' || c == ')') {
                return Optional.empty();
            }
        }
        try {
            InternetAddress address = new InternetAddress(candidate, true);
            address.validate();
            if (address.getPersonal() != null || address.isGroup() || !candidate.equals(address.getAddress())) {
                return Optional.empty();
            }
            int at = candidate.lastIndexOf('@');
            if (at < 1 || candidate.indexOf('.', at) < 0 || candidate.endsWith(".")) {
                return Optional.empty();
            }
            return Optional.of(candidate);
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
