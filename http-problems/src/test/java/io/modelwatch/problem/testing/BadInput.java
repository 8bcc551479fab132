package io.modelwatch.problem.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One case of the bad-input suite, as a row of a service's {@code bad-inputs.csv} (columns separated by '|'):
 * {@code id | method | path (with its query, percent-encoded as sent) | content type (- for none) | body (- for none) |
 * key (- for none) | status expected (400, 4xx, ...) | field the problem must name (- when the refusal is about the
 * whole request)}. Placeholders, expanded when the request is made: {@code {UUID}}, {@code {1MIB}} (1,048,576 x),
 * {@code {1MB}} (1,000,000 x), {@code {DEEP}} (2,000 nested arrays), {@code {DIGITS}} (1,500 digits),
 * {@code {TAGS100K}} (100,000 one-letter tags as JSON strings), {@code {LONG}} (3,000 x: over every limit, under the HTTP layer's 4,096-byte request line).
 *
 * <p>{@link #check} sends it with a 10 s timeout and asserts what issue 16 asks of every refusal: no 5xx, a
 * problem+json answer naming the field, and nothing stored or sent ({@code state} before equals state after).
 */
public record BadInput(String id, String method, String path, String contentType, String body, String key,
                       String status, String field) {

    /** Per request: a hang is a failure, not a stuck build. */
    private static final int TIMEOUT_MILLIS = 10_000;

    public static BadInput of(String id, String method, String path, String contentType, String body, String key,
                              String status, String field) {
        return new BadInput(id, method, path, contentType, body, key, status, field);
    }

    /** Sends the case and checks the answer, with {@code state} (row counts, topic offsets) unchanged by it. */
    public void check(Map<String, String> keys, Supplier<Map<String, Long>> state) {
        Map<String, Long> before = state.get();
        RequestSpecification request = given().urlEncodingEnabled(false)
                .config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", TIMEOUT_MILLIS)
                        .setParam("http.connection.timeout", TIMEOUT_MILLIS)));
        if (!"-".equals(key)) {
            request = request.header("Authorization", "Bearer " + keys.getOrDefault(key, key));
        }
        if (!"-".equals(contentType)) {
            request = request.contentType(contentType);
        }
        if (!"-".equals(body)) {
            request = request.body(expand(body).getBytes(StandardCharsets.UTF_8));
        }
        Response response = request.request(method, expand(path));
        int code = response.statusCode();
        String answer = response.asString();
        String shown = answer.length() > 300 ? answer.substring(0, 300) + "…" : answer;
        assertThat(code).as("%s: %s %s answered %d %s", id, method, path, code, shown).isBetween(400, 499);
        if (status.matches("[0-9]{3}")) {
            assertThat(code).as("%s: status (%s)", id, shown).isEqualTo(Integer.parseInt(status));
        }
        assertThat(response.contentType()).as("%s: content type", id).startsWith("application/problem+json");
        if (!"-".equals(field)) {
            List<String> fields = response.jsonPath().getList("errors.field");
            assertThat(fields).as("%s: the fields named in %s", id, shown).isNotNull().contains(field);
        }
        assertThat(answer).as("%s: Java internals in the answer", id).doesNotContain("java.").doesNotContain("io.modelwatch.")
                .doesNotContain("Exception");
        assertThat(state.get()).as("%s: nothing stored or sent", id).isEqualTo(before);
    }

    static String expand(String text) {
        if (!text.contains("{")) {
            return text;
        }
        String out = text.replace("{UUID}", UUID.randomUUID().toString());
        if (out.contains("{1MIB}")) {
            out = out.replace("{1MIB}", "x".repeat(1 << 20));
        }
        if (out.contains("{1MB}")) {
            out = out.replace("{1MB}", "x".repeat(1_000_000));
        }
        if (out.contains("{LONG}")) {
            out = out.replace("{LONG}", "x".repeat(3_000));
        }
        if (out.contains("{DEEP}")) {
            out = out.replace("{DEEP}", "[".repeat(2000) + "]".repeat(2000));
        }
        if (out.contains("{DIGITS}")) {
            out = out.replace("{DIGITS}", "9".repeat(1500));
        }
        if (out.contains("{TAGS100K}")) {
            StringBuilder tags = new StringBuilder("[");
            for (int i = 0; i < 100_000; i++) {
                tags.append(i == 0 ? "" : ",").append("\"t").append(i % 10).append('"');
            }
            out = out.replace("{TAGS100K}", tags.append(']').toString());
        }
        return out;
    }

    @Override
    public String toString() {
        return id;
    }
}
