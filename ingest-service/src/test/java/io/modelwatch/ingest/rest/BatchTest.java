package io.modelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.modelwatch.platform.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class BatchTest {

    private static final String NDJSON = "application/x-ndjson";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyLineIsReportedAndTheValidOnesAreOnTheTopic() throws Exception {
        String run = UUID.randomUUID().toString();
        String body = String.join("\n",
                Topic.announcement("OPT " + run, "\"175B\""),
                "",
                "{\"name\": \"Bad " + run + "\", \"organizations\": [], \"parameters\": \"7B or 13B\"}",
                "{\"name\": ",
                Topic.announcement("BLOOM " + run, "\"1,760亿\"")) + "\n";

        JsonPath report = given().header("Authorization", "Bearer publisher-a-key").contentType(NDJSON).body(Topic.utf8(body))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("lines", equalTo(4)).body("accepted", equalTo(2)).body("rejected", equalTo(2))
                .body("results.line", equalTo(List.of(1, 3, 4, 5)))
                .body("results.status", equalTo(List.of(202, 400, 400, 202)))
                .body("results[1].errors.field", hasItems("organizations", "parameters"))
                .body("results[2].detail", containsString("not valid JSON"))
                .extract().jsonPath();

        Map<String, ConsumerRecord<String, String>> byId = Topic.records(bootstrapServers).stream()
                .filter(r -> TopicRecords.header(r, "ce_id") != null)
                .collect(Collectors.toMap(r -> TopicRecords.header(r, "ce_id"), r -> r, (a, b) -> a));
        ConsumerRecord<String, String> opt = byId.get(report.getString("results[0].eventId"));
        ConsumerRecord<String, String> bloom = byId.get(report.getString("results[3].eventId"));
        assertThat(opt).isNotNull();
        assertThat(bloom).isNotNull();
        assertThat(opt.key()).isEqualTo(report.getString("results[0].slug")).startsWith("opt-");
        assertThat(TopicRecords.header(bloom, "ce_type")).isEqualTo("io.modelwatch.release.announced.v1");
        assertThat(TopicRecords.header(bloom, "ce_source")).isEqualTo("/modelwatch/ingest");
        assertThat(TopicRecords.header(bloom, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicRecords.header(bloom, "ce_id")).isEqualTo(report.getString("results[3].eventId"));
        assertThat(TopicRecords.header(bloom, "ce_subject")).isEqualTo(bloom.key());
        assertThat(TopicRecords.header(bloom, "content-type")).isEqualTo("application/json");
        assertThat(java.time.OffsetDateTime.parse(TopicRecords.header(bloom, "ce_time")).toInstant())
                .isEqualTo(java.time.Instant.parse(json.readTree(bloom.value()).get("announcedAt").asText()));
        JsonNode data = json.readTree(bloom.value());
        assertThat(data.get("name").asText()).isEqualTo("BLOOM " + run);
        assertThat(data.get("parameters").get("value").asLong()).isEqualTo(176_000_000_000L);
        assertThat(data.get("publisher").asText()).isEqualTo("publisher-a");
        assertThat(byId.values().stream().filter(r -> r.value().contains("Bad " + run))).isEmpty();
    }

    /**
     * The lines of a batch are read with one parser over the body, and a line it does not read cleanly is read again
     * on its own: every line's outcome in a batch (status, detail, the fields named) must be what the same line gets as
     * a batch of its own, for lines that are odd in every way the shared parser could see differently.
     */
    @Test
    void eachLineOfABatchHasTheOutcomeItHasAlone() {
        String run = UUID.randomUUID().toString();
        List<String> lines = List.of(
                Topic.announcement("Plain " + run, "\"11B\""),
                "   \t" + Topic.announcement("Indented " + run, "1"),
                Topic.announcement("Trailing space " + run, "2") + " \t ",
                Topic.announcement("Trailing text " + run, "3") + " and more",
                Topic.announcement("Two values " + run, "4") + " " + Topic.announcement("Second value " + run, "5"),
                "{\"name\": \"Over two lines " + run + "\",",
                "\"organizations\": [{\"name\": \"BigScience\"}]}",
                "\f",
                Topic.announcement("After a form feed " + run, "6"),
                "null",
                "123",
                "[]",
                "\"text\"",
                "{\"name\": 5, \"organizations\": \"none\", \"tags\": {}}",
                "{\"name\": \"Unclosed " + run + "\"",
                Topic.announcement("After unclosed " + run, "7"),
                "// a comment",
                "{\"name\": \"Broken \\x escape " + run + "\", \"organizations\": [{\"name\": \"A\"}]}",
                Topic.announcement("CRLF " + run, "8") + "\r",
                Topic.announcement("Last, without a newline " + run, "\"9B\""));
        List<Map<String, Object>> together = given().header("Authorization", "Bearer publisher-a-key").contentType(NDJSON)
                .body(Topic.utf8(String.join("\n", lines)))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(200).extract().jsonPath().getList("results");
        List<String> nonBlank = lines.stream().filter(l -> !l.isBlank()).toList();
        assertThat(together).hasSize(nonBlank.size());
        for (int i = 0; i < nonBlank.size(); i++) {
            var alone = given().header("Authorization", "Bearer publisher-a-key").contentType(NDJSON)
                    .body(Topic.utf8(nonBlank.get(i).replace("\r", "") + "\n"))
                    .when().post("/api/v1/announcements/batch")
                    .then().statusCode(200).extract().jsonPath();
            Map<String, Object> inBatch = together.get(i);
            assertThat(inBatch.get("status")).as("status of %s", nonBlank.get(i)).isEqualTo(alone.get("results[0].status"));
            assertThat(inBatch.get("detail")).as("detail of %s", nonBlank.get(i)).isEqualTo(alone.get("results[0].detail"));
            assertThat(inBatch.get("slug")).as("slug of %s", nonBlank.get(i)).isEqualTo(alone.get("results[0].slug"));
            assertThat(String.valueOf(inBatch.get("errors"))).as("errors of %s", nonBlank.get(i))
                    .isEqualTo(String.valueOf((Object) alone.get("results[0].errors")));
        }
        // not a list of rejections: the lines that are announcements on their own are accepted in the batch too
        assertThat(together.stream().filter(r -> Integer.valueOf(202).equals(r.get("status")))).hasSizeGreaterThanOrEqualTo(7);
    }

    @Test
    void theLinesOfABatchWithoutKeyAreRecordedForRetraction() {
        // A batch without Idempotency-Key records its rows in one insert (no conflict check): each accepted line must be
        // in the ledger with its slug and publisher, so its publisher (and only they) can retract it.
        String run = UUID.randomUUID().toString();
        String body = IntStream.range(0, 3).mapToObj(i -> Topic.announcement("Copied " + i + " " + run, "\"7B\""))
                .collect(Collectors.joining("\n")) + "\n";
        JsonPath report = given().header("Authorization", "Bearer publisher-a-key").contentType(NDJSON).body(Topic.utf8(body))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(200).body("accepted", equalTo(3)).extract().jsonPath();
        for (int i = 0; i < 3; i++) {
            String eventId = report.getString("results[" + i + "].eventId");
            given().header("Authorization", "Bearer publisher-b-key")
                    .when().post("/api/v1/announcements/{id}/retraction", eventId)
                    .then().statusCode(403).contentType("application/problem+json").body("detail", containsString("publisher-a"));
            given().header("Authorization", "Bearer publisher-a-key")
                    .when().post("/api/v1/announcements/{id}/retraction", eventId)
                    .then().statusCode(202).body("retracts", equalTo(eventId))
                    .body("slug", equalTo(report.getString("results[" + i + "].slug")));
        }
    }

    @Test
    void withAcceptNdjsonTheReportIsStreamedLineByLineAndEndsWithASummary() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add(Topic.announcement("Stream " + i + " " + run, "\"" + (i + 1) + "B\""));
        }
        lines.set(7, "{\"name\": \"Broken " + run + "\"}");
        io.restassured.response.Response answer = given().header("Authorization", "Bearer publisher-a-key")
                .header("Accept", NDJSON).contentType(NDJSON).body(Topic.utf8(String.join("\n", lines)))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(200).contentType(NDJSON).extract().response();
        // Streamed: no Content-Length, chunks as the broker acknowledges
        assertThat(answer.getHeader("Content-Length")).isNull();
        List<JsonNode> reported = answer.asString().lines().map(line -> {
            try {
                return json.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
        assertThat(reported).hasSize(301);
        JsonNode summary = reported.get(300);
        assertThat(summary.has("line")).isFalse();
        assertThat(summary.get("lines").asInt()).isEqualTo(300);
        assertThat(summary.get("accepted").asInt()).isEqualTo(299);
        assertThat(summary.get("rejected").asInt()).isEqualTo(1);
        List<JsonNode> perLine = reported.subList(0, 300);
        assertThat(perLine.stream().map(n -> n.get("line").asInt()).sorted().toList())
                .isEqualTo(IntStream.rangeClosed(1, 300).boxed().toList());
        JsonNode broken = perLine.stream().filter(n -> n.get("line").asInt() == 8).findFirst().orElseThrow();
        assertThat(broken.get("status").asInt()).isEqualTo(400);
        assertThat(broken.get("errors").findValuesAsText("field")).contains("organizations");

        Map<String, ConsumerRecord<String, String>> byId = Topic.records(bootstrapServers).stream()
                .filter(r -> TopicRecords.header(r, "ce_id") != null)
                .collect(Collectors.toMap(r -> TopicRecords.header(r, "ce_id"), r -> r, (a, b) -> a));
        for (JsonNode line : perLine) {
            if (line.get("status").asInt() != 202) {
                continue;
            }
            ConsumerRecord<String, String> record = byId.get(line.get("eventId").asText());
            assertThat(record).as("record of line %s", line.get("line")).isNotNull();
            assertThat(record.key()).isEqualTo(line.get("slug").asText());
            assertThat(TopicRecords.header(record, "ce_type")).isEqualTo("io.modelwatch.release.announced.v1");
            assertThat(json.readTree(record.value()).get("name").asText())
                    .isEqualTo("Stream " + (line.get("line").asInt() - 1) + " " + run);
        }
        assertThat(byId.values().stream().filter(r -> r.value().contains("Broken " + run))).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AsAProblemAndEmitsNothing() throws Exception {
        long before = Topic.endOffset(bootstrapServers);
        // No Content-Length: the body arrives in chunks, so only its length as read can be judged.
        String huge = "{\"name\": \"Huge chunked\", \"organizations\": [{\"name\": \"x\"}], \"tags\": [\""
                + "a".repeat(1_100_000) + "\"]}";
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        java.net.http.HttpResponse<String> single = http.send(java.net.http.HttpRequest.newBuilder(url("/api/v1/announcements"))
                .header("Authorization", "Bearer publisher-a-key").header("Content-Type", "application/json")
                .POST(chunked(huge)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(single.statusCode()).isEqualTo(413);
        assertThat(single.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json.readTree(single.body()).get("status").asInt()).isEqualTo(413);

        // A chunked batch over its 16 MiB: judged as it is read, not only by the HTTP layer (64M)
        String line = Topic.announcement("Chunk " + UUID.randomUUID(), "1") + "\n";
        java.net.http.HttpResponse<String> batch = http.send(java.net.http.HttpRequest.newBuilder(url("/api/v1/announcements/batch"))
                .header("Authorization", "Bearer publisher-a-key").header("Content-Type", NDJSON)
                .POST(chunked(line.repeat(18 * 1024 * 1024 / line.length() + 1))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(batch.statusCode()).isEqualTo(413);
        assertThat(batch.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json.readTree(batch.body()).get("status").asInt()).isEqualTo(413);
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI root;

    private java.net.URI url(String path) {
        return root.resolve(path);
    }

    /**
     * A single announcement sent chunked is judged as it arrives: the 413 problem comes once the body runs past its 1 MiB,
     * not after the HTTP layer has read its 64M. The client asks for 100 Continue, as curl does, then keeps sending 64 KiB
     * chunks (up to 80 MiB) until the answer comes, and counts what it had sent by then.
     */
    @Test
    void aChunkedSingleAnnouncementIsRefusedAsSoonAsItPassesItsLimit() throws Exception {
        long before = Topic.endOffset(bootstrapServers);
        long mib = 1024 * 1024;
        try (java.net.Socket socket = new java.net.Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(60_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(Topic.utf8("POST /api/v1/announcements HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer publisher-a-key\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"));
            java.io.InputStream in = socket.getInputStream();
            assertThat(readHead(in)).as("the interim answer to Expect").startsWith("HTTP/1.1 100");
            byte[] chunk = Topic.utf8("10000\r\n" + " ".repeat(0x10000) + "\r\n");
            java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
            Thread sender = new Thread(() -> {
                try {
                    while (!answered.get() && sent.get() < 80 * mib) {
                        out.write(chunk);
                        sent.addAndGet(0x10000);
                    }
                } catch (java.io.IOException closed) {
                    // the socket was closed once the answer was read
                }
            }, "endless-chunked-body");
            sender.start();

            String head = readHead(in);
            answered.set(true);
            long sentWhenAnswered = sent.get();
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
            assertThat(length.find()).as(head).isTrue();
            String problem = new String(in.readNBytes(Integer.parseInt(length.group(1))), java.nio.charset.StandardCharsets.UTF_8);
            socket.close();
            sender.join(10_000);

            assertThat(head).startsWith("HTTP/1.1 413");
            assertThat(head).containsIgnoringCase("content-type: application/problem+json");
            assertThat(json.readTree(problem).get("detail").asText()).contains("at most 1048576 bytes");
            assertThat(sentWhenAnswered).as("bytes sent before the answer").isLessThan(16 * mib);
        }
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }

    /** An HTTP response's status line and headers, read up to the blank line that ends them. */
    private static String readHead(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("the connection closed after: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /**
     * The single endpoint reads its body on the HTTP event loop, whole, before the resource sees it: a body that arrives
     * in many chunks (here about 600 KiB, most of it whitespace between the fields, no Content-Length, in the client's
     * 16 KiB chunks) is read and accepted.
     */
    @Test
    void aChunkedSingleAnnouncementWithinTheLimitIsAcceptedAndSentOnce() throws Exception {
        String name = "Chunked single " + UUID.randomUUID();
        String body = "{\"name\": \"" + name + "\"," + " ".repeat(600_000) + "\"organizations\": [{\"name\": \"Example Lab\"}]}";
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        java.net.http.HttpResponse<String> single = http.send(java.net.http.HttpRequest.newBuilder(url("/api/v1/announcements"))
                .header("Authorization", "Bearer publisher-a-key").header("Content-Type", "application/json")
                .POST(chunked(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(single.statusCode()).as(single.body()).isEqualTo(202);
        String eventId = json.readTree(single.body()).get("eventId").asText();
        var records = Topic.withId(bootstrapServers, eventId);
        assertThat(records).hasSize(1);
        assertThat(json.readTree(records.get(0).value()).get("name").asText()).isEqualTo(name);
    }

    /** A body of unknown length: sent with Transfer-Encoding: chunked. */
    private static java.net.http.HttpRequest.BodyPublisher chunked(String text) {
        byte[] bytes = Topic.utf8(text);
        return java.net.http.HttpRequest.BodyPublishers.fromPublisher(
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)));
    }

    @Test
    void aRetriedBatchWithItsIdempotencyKeyGetsTheSameEventIdsAndAnotherBodyIs409() {
        String run = UUID.randomUUID().toString();
        String body = IntStream.range(0, 5).mapToObj(i -> Topic.announcement("Idem " + i + " " + run, "\"350M\""))
                .collect(Collectors.joining("\n"));
        String idempotencyKey = UUID.randomUUID().toString();
        List<String> first = given().header("Authorization", "Bearer publisher-b-key").header("Idempotency-Key", idempotencyKey)
                .contentType(NDJSON).body(Topic.utf8(body))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(200).body("accepted", equalTo(5)).extract().path("results.eventId");
        List<String> second = given().header("Authorization", "Bearer publisher-b-key").header("Idempotency-Key", idempotencyKey)
                .contentType(NDJSON).body(Topic.utf8(body))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(200).body("accepted", equalTo(5)).extract().path("results.eventId");
        assertThat(second).isEqualTo(first).doesNotHaveDuplicates();
        List<ConsumerRecord<String, String>> sentTwice = Topic.withId(bootstrapServers, first.get(2));
        assertThat(sentTwice).hasSize(2);
        // the retry sends the same event: the first request's announcedAt, in the body and in ce_time
        assertThat(sentTwice.get(1).value()).isEqualTo(sentTwice.get(0).value());
        assertThat(TopicRecords.header(sentTwice.get(1), "ce_time")).isEqualTo(TopicRecords.header(sentTwice.get(0), "ce_time"));

        long before = Topic.endOffset(bootstrapServers);
        given().header("Authorization", "Bearer publisher-b-key").header("Idempotency-Key", idempotencyKey)
                .contentType(NDJSON).body(Topic.utf8(body + "\n" + Topic.announcement("One more " + run, "1")))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }

    @Test
    void tooManyLinesIs413AWrongTypeIs415AndAnEmptyBatchIs400AndNoneEmits() {
        long before = Topic.endOffset(bootstrapServers);
        String tooMany = "{}\n".repeat(10_001);
        given().header("Authorization", "Bearer publisher-a-key").contentType(NDJSON).body(Topic.utf8(tooMany))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(413).contentType("application/problem+json").body("detail", containsString("10000"));
        given().header("Authorization", "Bearer publisher-a-key").contentType(ContentType.JSON)
                .body(Topic.announcement("Json " + UUID.randomUUID(), "1"))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(415).contentType("application/problem+json");
        given().header("Authorization", "Bearer publisher-a-key").contentType(NDJSON).body(Topic.utf8("\n\n"))
                .when().post("/api/v1/announcements/batch")
                .then().statusCode(400).contentType("application/problem+json");
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }

    @Test
    void aSingleAnnouncementOverItsLimitIs413() {
        long before = Topic.endOffset(bootstrapServers);
        String huge = "{\"name\": \"Huge\", \"organizations\": [{\"name\": \"x\"}], \"tags\": [\"" + "a".repeat(1_100_000) + "\"]}";
        given().header("Authorization", "Bearer publisher-a-key").contentType(ContentType.JSON).body(huge)
                .when().post("/api/v1/announcements")
                .then().statusCode(413).contentType("application/problem+json");
        assertThat(Topic.endOffset(bootstrapServers)).isEqualTo(before);
    }
}
