package io.modelwatch.digest.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmailAddressesTest {

    @Test
    void acceptsPlainAddresses() {
        assertThat(EmailAddresses.parse("reader@example.org")).contains("reader@example.org");
        assertThat(EmailAddresses.parse("  first.last+reviews@mail.example.co.uk ")).contains("first.last+reviews@mail.example.co.uk");
    }

    @Test
    void refusesAnythingThatCouldCarryAHeaderOrASecondRecipient() {
        for (String bad : List.of("a@example.org\r\nBcc: b@example.org", "a@example.org\nBcc: b@example.org", "a@example.org\r\n",
                "a@exa\rmple.org", "a@example.org\u0000", "Eve <eve@example.org>", "\"Eve\" <eve@example.org>", "a@example.org, b@example.org",
                "a@example.org;b@example.org", "(comment)a@example.org", "a b@example.org", "@example.org", "a@", "a@localhost",
                "a@example.org.", "undisclosed-recipients:;", "", " ", "x".repeat(250) + "@example.org")) {
            assertThat(EmailAddresses.parse(bad)).as(bad).isEmpty();
        }
        assertThat(EmailAddresses.parse(null)).isEmpty();
    }

    @Test
    void theSpellingsOfOneMailboxShareAKey() {
        assertThat(EmailAddresses.mailbox("Reader+Reviews@Example.ORG")).isEqualTo("reader@example.org");
        assertThat(EmailAddresses.mailbox("Ann.Lee+news@GoogleMail.com")).isEqualTo("annlee@gmail.com");
        assertThat(EmailAddresses.mailbox("a.n.n.l.e.e@gmail.com")).isEqualTo("annlee@gmail.com");
        // elsewhere a dot is part of the name, and a leading plus is no tag
        assertThat(EmailAddresses.mailbox("ann.lee@example.org")).isEqualTo("ann.lee@example.org");
        assertThat(EmailAddresses.mailbox("+ann@example.org")).isEqualTo("+ann@example.org");
    }
}
