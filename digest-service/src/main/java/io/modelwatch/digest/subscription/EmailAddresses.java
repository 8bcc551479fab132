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
