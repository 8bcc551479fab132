package io.modelwatch.ingest.messaging;

import io.modelwatch.ingest.config.IngestConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.jpountz.lz4.LZ4Factory;
import org.jboss.logging.Logger;

/**
 * Lets the producer of {@code model-releases} (compression.type=lz4) compress with lz4-java's native library instead
 * of its Java port. Kafka asks {@code LZ4Factory.fastestInstance()} for every producer batch it opens, and lz4-java only
 * tries its native library there when it was loaded already or when lz4-java itself was loaded by the system class
 * loader, which is never the case in Quarkus (the application's own class loader, in tests and in production); the
 * compression runs on the request threads that hand records to the producer. Loading the library once at start makes
 * {@code fastestInstance()} answer the native one from then on. The records and their JSON are the same either way.
 *
 * <p>lz4-java unpacks the library into {@code java.io.tmpdir} (a new file per load, so each Quarkus application in a test
 * JVM loads its own). When it cannot be loaded (no build for the platform, no writable temporary directory) the Java
 * port stays in use.
 * {@code modelwatch.ingest.native-lz4=false} keeps the Java port always.
 */
@ApplicationScoped
public class NativeLz4 {

    private static final Logger LOG = Logger.getLogger(NativeLz4.class);

    void load(@Observes StartupEvent start, IngestConfig config) {
        if (!config.nativeLz4()) {
            LOG.infof("lz4 compression: %s (modelwatch.ingest.native-lz4=false)", LZ4Factory.fastestInstance());
            return;
        }
        try {
            LZ4Factory.nativeInstance();
        } catch (LinkageError | RuntimeException unavailable) { // UnsatisfiedLinkError and the like
            LOG.infof("lz4 compression: the native library could not be loaded (%s); the Java port is used", unavailable);
            return;
        }
        LOG.infof("lz4 compression: %s", LZ4Factory.fastestInstance());
    }
}
