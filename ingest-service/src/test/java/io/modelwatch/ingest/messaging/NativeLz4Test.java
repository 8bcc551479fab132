package io.modelwatch.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class NativeLz4Test {

    @Test
    void theProducersLz4IsTheNativeOneOnceStarted() {
        // What Kafka's Lz4BlockOutputStream asks for each producer batch, in the application's class loader. Without
        // NativeLz4 this is the Java port (lz4-java tries JNI itself only under the system class loader).
        assertThat(LZ4Factory.fastestInstance()).isSameAs(LZ4Factory.nativeInstance());
        assertThat(LZ4Factory.fastestInstance().fastCompressor().getClass().getSimpleName()).isEqualTo("LZ4JNICompressor");
    }
}
