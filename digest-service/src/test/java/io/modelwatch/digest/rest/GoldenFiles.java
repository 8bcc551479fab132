package io.modelwatch.digest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reviews compared byte for byte with the files checked in under {@code src/test/resources/golden/}. A review that
 * differs fails the test; its output is left in {@code target/golden/} to diff against. The files change only on
 * purpose: run the test with {@code -Dgolden.update=true} to write the current output over them, then review the diff.
 */
final class GoldenFiles {

    static final Path CHECKED_IN = Path.of("src/test/resources/golden");
    static final Path ACTUAL = Path.of("target/golden");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private GoldenFiles() {
    }

    static void assertMatches(String name, String actual) {
        byte[] bytes = actual.getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(ACTUAL);
            Files.write(ACTUAL.resolve(name), bytes);
            Path golden = CHECKED_IN.resolve(name);
            if (UPDATE) {
                Files.createDirectories(CHECKED_IN);
                Files.write(golden, bytes);
                return;
            }
            assertThat(golden).as("golden file %s (write it with -Dgolden.update=true)", golden).exists();
            assertThat(new String(bytes, StandardCharsets.UTF_8))
                    .as("%s against %s (rerun with -Dgolden.update=true only if the change is meant)", ACTUAL.resolve(name), golden)
                    .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
            assertThat(bytes).as("%s byte for byte", name).isEqualTo(Files.readAllBytes(golden));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
