package io.modelwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalPlatformTest {

    @Test
    void defaultsMatchTheLocalRun() {
        LocalPlatform.Options options = LocalPlatform.Options.parse();

        assertThat(options).isEqualTo(new LocalPlatform.Options(Path.of(".modelwatch", "data"), 9092, 9093, 15432, true,
                2525, 8025, true));
    }

    @Test
    void readsEveryOption() {
        LocalPlatform.Options options = LocalPlatform.Options.parse("--data-dir", "/tmp/x", "--kafka-port", "1",
                "--kafka-controller-port", "2", "--postgres-port", "3", "--no-postgres", "--smtp-port", "4", "--mail-port", "5", "--no-mail");

        assertThat(options).isEqualTo(new LocalPlatform.Options(Path.of("/tmp/x"), 1, 2, 3, false, 4, 5, false));
    }

    @Test
    void rejectsWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> LocalPlatform.Options.parse("--kafka-port"))
                .hasMessageContaining("--kafka-port needs a value");
        assertThatThrownBy(() -> LocalPlatform.Options.parse("--postgres-port", "70000"))
                .hasMessageContaining("1-65535");
        assertThatThrownBy(() -> LocalPlatform.Options.parse("--kafka-prot", "9092"))
                .hasMessageContaining("unknown option --kafka-prot");
    }
}
