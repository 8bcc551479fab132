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

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "http://[::127.0.0.1]/", "http://[::7f00:1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/",
            "http://[::ffff:0:127.0.0.1]/", "http://[::ffff:0:a00:1]/", "http://[64:ff9b::127.0.0.1]/", "http://[64:ff9b::a9fe:a9fe]/",
            "http://[64:ff9b:1::1]/", "http://[2002:7f00:1::]/", "http://[2002:a9fe:a9fe::1]/", "http://[2002:c0a8:101::]/",
            "http://[2001:0:7f00:1::]/", "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "http://[::10.0.0.1]/",
            "http://[::169.254.169.254]/", "http://[2001:db8::1]/", "http://[fec0::1]/", "http://[100::1]/",
            "http://192.0.2.1/", "http://198.18.0.1/", "http://203.0.113.9/", "http://198.51.100.7/", "http://192.0.0.8/",
            "http://[::]/", "http://[::1]/", "http://0.0.0.0/", "http://255.255.255.255/"})
    void everyIpv4EmbeddingIpv6FormAndReservedRangeIsRefused(String url) {
        AddressGuard guard = new AddressGuard(java.util.List.of(), "feeds", "fetched", "x");
        assertThatThrownBy(() -> guard.check(URI.create(url))).as(url).isInstanceOf(AddressGuard.RefusedAddressException.class);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"http://[2606:4700::1111]/", "http://[64:ff9b::808:808]/",
            "http://[2002:808:808::1]/", "http://1.1.1.1/"})
    void publicAddressesInThoseFormsPass(String url) {
        AddressGuard guard = new AddressGuard(java.util.List.of(), "feeds", "fetched", "x");
        assertThatNoException().isThrownBy(() -> guard.check(URI.create(url)));
    }
}
