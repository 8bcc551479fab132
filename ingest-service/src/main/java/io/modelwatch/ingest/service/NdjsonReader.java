package io.modelwatch.ingest.service;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.modelwatch.contract.validation.JsonErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the announcements of an NDJSON body in its bytes, without decoding it to text: {@link #lines} finds the
 * non-blank lines, {@link #read} parses them with one parser over the whole body. A line the shared parser does not read
 * as exactly one value within the line (bad JSON, a value running over the line's end, something after it) is read again
 * on its own, so its outcome and error are those of a parser per line, and the shared parser starts anew at the next
 * line. One reader per request (one thread); close it after.
 */
final class NdjsonReader implements AutoCloseable {

    /** A non-blank line: its number in the body (from 1) and where its bytes are, without the line end. */
    record Line(int number, int from, int length) {
    }

    private final ObjectReader reader;
    private final byte[] body;
    private JsonParser shared;
    private int sharedFrom;

    /** {@code reader}: a reader for the type of each line. */
    NdjsonReader(ObjectReader reader, byte[] body) {
        this.reader = reader;
        this.body = body;
    }

    /**
     * The non-blank lines of {@code body}, each ended by \n, \r\n or the end of the body. In UTF-8 no byte of a
     * multi-byte character is '\n', so the line ends are found with String.indexOf on a Latin-1 copy of the bytes
     * (one char per byte).
     */
    static List<Line> lines(byte[] body) {
        String bytes = new String(body, StandardCharsets.ISO_8859_1);
        List<Line> lines = new ArrayList<>();
        int number = 0;
        for (int start = 0; start <= body.length; ) {
            int end = bytes.indexOf('\n', start);
            if (end < 0) {
                end = body.length;
            }
            number++;
            int last = end;
            if (last > start && body[last - 1] == '\r') {
                last--;
            }
            if (!blank(body, start, last)) {
                lines.add(new Line(number, start, last - start));
            }
            start = end + 1;
        }
        return lines;
    }

    /** The value of {@code line}, read as one of {@link #lines}. */
    <T> T read(Line line) throws IOException {
        int from = line.from();
        int end = from + line.length();
        if (shared == null) {
            shared = reader.createParser(body, from, body.length - from);
            sharedFrom = from;
        }
        try {
            // The value must start within this line (a parser on a slice counts offsets from the slice's start):
            // what the parser skipped to it is white space between the lines, or at the line's start.
            if (shared.nextToken() != null && within(sharedFrom + shared.currentTokenLocation().getByteOffset(), from, end)) {
                T value = reader.readValue(shared);
                long valueEnd = sharedFrom + shared.currentLocation().getByteOffset();
                if (valueEnd <= end && blank(body, (int) valueEnd, end)) {
                    return value;
                }
            }
        } catch (IOException | RuntimeException e) {
            // read again on its own below
        }
        close();
        return reader.readValue(body, from, line.length());
    }

    private static boolean within(long offset, int from, int end) {
        return offset >= from && offset < end;
    }

    @Override
    public void close() {
        if (shared != null) {
            try {
                shared.close();
            } catch (IOException e) {
                // a parser on a byte array: nothing to release but its buffers
            }
            shared = null;
        }
    }

    /** The outcome of a line that is not JSON, or not of the expected shape (the field named). */
    static Outcome unreadable(int line, JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !(e instanceof JsonParseException)
                && !(e.getCause() instanceof StreamConstraintsException)) {
            return Outcome.invalid(line, "The line does not match the expected shape.",
                    List.of(new FieldError(JsonErrors.field(mapping), JsonErrors.message(mapping))));
        }
        JsonProcessingException cause = e.getCause() instanceof StreamConstraintsException tooBig ? tooBig : e;
        return Outcome.invalid(line, JsonErrors.unreadable(cause).replaceFirst("^The body", "The line"), null);
    }

    /** Only ASCII white space, as String.isBlank would see it in a line of UTF-8. */
    private static boolean blank(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != 0x0b && b != '\f') {
                return false;
            }
        }
        return true;
    }
}
