import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints each element of a top-level JSON array on a line of its own, compact, with every
 * non-ASCII character written as a \\uXXXX escape (so the output is the same whatever the locale).
 * It is what `jq -c '.[]'` does, for machines without jq: `./modelwatch up` runs it with the JDK's
 * single-file launcher, `java demo/JsonLines.java demo/releases.json`. It does not validate the
 * JSON; the ingest API does that.
 */
public class JsonLines {

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java JsonLines.java FILE.json");
            System.exit(2);
        }
        String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.US_ASCII);
        StringBuilder element = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c > 0x7e) {
                    element.append(String.format("\\u%04x", (int) c));
                } else {
                    element.append(c);
                }
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (depth == 0) {
                if (c != '[') {
                    fail("expected a JSON array, found '" + c + "'");
                }
                depth = 1;
                continue;
            }
            if (depth == 1 && (c == ',' || c == ']')) {
                if (element.length() > 0) {
                    out.println(element);
                    element.setLength(0);
                }
                if (c == ']') {
                    depth = 0;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            element.append(c);
        }
        if (depth != 0 || inString) {
            fail("the array is not closed");
        }
        out.flush();
    }

    private static void fail(String message) {
        System.err.println("JsonLines: " + message);
        System.exit(1);
    }
}
