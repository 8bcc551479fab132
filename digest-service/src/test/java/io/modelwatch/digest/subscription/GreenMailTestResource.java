package io.modelwatch.digest.subscription;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real SMTP server (GreenMail 2.1.13) in the test JVM on a free port; the digest's mailer is pointed at it with the
 * mock off. Webhook receivers on 127.0.0.1 are allowed; leases and backoff are short so the tests can wait them out.
 */
public class GreenMailTestResource implements QuarkusTestResourceLifecycleManager {

    private GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return Map.ofEntries(
                Map.entry("quarkus.mailer.mock", "false"),
                Map.entry("quarkus.mailer.host", "127.0.0.1"),
                Map.entry("quarkus.mailer.port", String.valueOf(port)),
                Map.entry("modelwatch.digest.mail.webhooks.allowed-addresses", "127.0.0.1"),
                Map.entry("modelwatch.digest.mail.lease", "8s"),
                Map.entry("modelwatch.digest.mail.send-timeout", "4s"),
                Map.entry("modelwatch.digest.mail.backoff-base", "1s"),
                Map.entry("modelwatch.digest.mail.webhooks.backoff-base", "1s"),
                Map.entry("modelwatch.digest.mail.rate-limit", "0"),
                Map.entry("modelwatch.digest.mail.subscribe-per-client", "100000"));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(greenMail, new TestInjector.AnnotatedAndMatchesType(InjectGreenMail.class, GreenMail.class));
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
