package io.modelwatch.catalog.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Rows as JSON arrays of objects (for json_to_recordset), cut into arrays of about {@code limit} characters
 * each, so that a large batch's parameter is several ordinary strings rather than one of many megabytes: a string (and
 * its encoded copy in the driver) that large is a "humongous" object for G1, allocated straight in the old generation,
 * and each such allocation can start a collection. With the services' small heaps, a 3,000-row import's batches caused
 * 20 to 33 such collections in the catalog per run (JFRs of EpochImportBench). A single row longer than the limit is
 * an array of its own.
 */
final class JsonChunks {

    /**
     * About 64 K characters. The buffer is sized at one and a half times this, so it does not double as it fills: 96 K
     * characters are 192 KB as UTF-16 (one non-Latin-1 character, a Chinese name, makes the whole buffer UTF-16), and
     * the driver's UTF-8 copy is at most 192 KB too, all below half of G1's smallest region (1 MiB). With 128 K the
     * buffer doubled to 512 KB and the JFR still showed 34 humongous-allocation collections.
     */
    static final int LIMIT = 64 * 1024;

    @FunctionalInterface
    interface RowWriter<T> {
        void write(JsonGenerator generator, T row) throws IOException;
    }

    private JsonChunks() {
    }

    static <T> List<String> of(JsonFactory factory, Collection<T> rows, RowWriter<T> writer) {
        return of(factory, rows, writer, LIMIT);
    }

    static <T> List<String> of(JsonFactory factory, Collection<T> rows, RowWriter<T> writer, int limit) {
        List<String> chunks = new ArrayList<>();
        StringWriter out = null;
        JsonGenerator g = null;
        try {
            for (T row : rows) {
                if (g == null) {
                    out = new StringWriter(limit + limit / 2);
                    g = factory.createGenerator(out);
                    g.writeStartArray();
                }
                g.writeStartObject();
                writer.write(g, row);
                g.writeEndObject();
                g.flush();
                if (out.getBuffer().length() >= limit) {
                    chunks.add(close(g, out));
                    g = null;
                }
            }
            if (g != null) {
                chunks.add(close(g, out));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return chunks;
    }

    private static String close(JsonGenerator g, StringWriter out) throws IOException {
        g.writeEndArray();
        g.close();
        return out.toString();
    }
}
