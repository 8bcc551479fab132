package io.modelwatch.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    private final AddressGuard guard = new AddressGuard(List.of(), "webhooks", "called", "some.setting");

    @Test
    void privateLoopbackLinkLocalAndMetadataTargetsAreRefused() {
        for (String url : List.of("http://127.0.0.1/x", "http://10.1.2.3/", "http://192.168.0.1/", "http://169.254.169.254/latest",
                "http://[::1]/", "http://[fd00::1]/", "http://100.64.0.1/", "http://0.0.0.0/", "http://metadata.google.internal/",
                "http://[::ffff:127.0.0.1]/", "ftp://example.org/", "file:///etc/passwd")) {
            assertThatThrownBy(() -> guard.check(URI.create(url))).as(url).isInstanceOf(AddressGuard.RefusedAddressException.class);
        }
        assertThatThrownBy(() -> guard.check(URI.create("http://127.0.0.1:9/hook")))
                .hasMessageContaining("loopback").hasMessageContaining("webhooks are called from public addresses only (see some.setting)");
    }

    @Test
    void anAllowListedAddressAndPublicAddressesPass() {
        AddressGuard allowing = new AddressGuard(List.of("127.0.0.1"), "webhooks", "called", "some.setting");
        assertThatNoException().isThrownBy(() -> allowing.check(URI.create("http://127.0.0.1:8080/hook")));
        assertThatNoException().isThrownBy(() -> guard.check(URI.create("https://93.184.215.14/hook")));
        assertThat(AddressGuard.internal(new java.net.InetSocketAddress("8.8.8.8", 0).getAddress())).isNull();
    }
}
