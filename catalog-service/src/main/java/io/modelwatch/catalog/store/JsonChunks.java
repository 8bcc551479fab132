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
 * Rows as JSON arrays of objects (for json_to_recordset), cut into arrays of at most about {@code limit} characters
 * each, so that a large batch's parameter is several ordinary strings rather than one of many megabytes: a string (and
 * its encoded copy in the driver) that large is a "humongous" object for G1, allocated straight in the old generation,
 * and each such allocation can start a collection. With the services' small heaps, a 3,000-row import's batches caused
 * 33 such collections in the catalog (JFR). A single row longer than the limit is an array of its own.
 */
final class JsonChunks {

    /** About 128 K characters: far below half of G1's smallest region (1 MiB), even as UTF-16. */
    static final int LIMIT = 128 * 1024;

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
                    out = new StringWriter(Math.min(limit, 16 * 1024));
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
