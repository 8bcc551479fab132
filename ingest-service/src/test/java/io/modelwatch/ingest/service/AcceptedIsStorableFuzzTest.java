package io.modelwatch.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.modelwatch.contract.Json;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.validation.ContractValidator;
import io.modelwatch.contract.validation.JsonErrors;
import io.modelwatch.ingest.api.AnnouncementRequest;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Fuzzing the door: generated announcement bodies (known and unknown fields, values of every JSON type, hostile and
 * plausible texts, truncated JSON) go through what the single endpoint does with a body: the JSON read with the
 * services' limits and unknown fields refused, the request check, the normaliser. Each body is either refused in a
 * way the REST layer answers with a 400 naming the problem (a Jackson error, a contract violation, a {@link Refusal})
 * or accepted, and then the event passes the catalog's storage check, round-trips through JSON and matches its
 * schema: no exception escapes, and whatever is accepted the catalog stores. Seeded, so every run tries the same bodies.
 */
class AcceptedIsStorableFuzzTest {

    private static final ObjectMapper JSON = Json.mapper();
    private static final ObjectReader READER;
    private static final AnnouncementNormalizer NORMALIZER = new AnnouncementNormalizer(JSON);
    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                    builder -> builder.schemaMappers(m -> m.mapPrefix("https://modelwatch.io/schemas/", "classpath:schemas/")))
            .getSchema(SchemaLocation.of("https://modelwatch.io/schemas/release-announced.v1.json"));

    static {
        ObjectMapper limited = Json.mapper();
        limited.getFactory().setStreamReadConstraints(JsonErrors.READ_CONSTRAINTS);
        READER = limited.readerFor(AnnouncementRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static final List<String> FIELDS = List.of("kind", "name", "organizations", "published", "parameters",
            "trainingCompute", "modalities", "tasks", "accessibility", "architecture", "baseModel", "tags", "links",
            "summary", "source", "confidence");
    /** Fields the request does not have: a typo, and two the event has that a publisher may not state. */
    private static final List<String> UNKNOWN = List.of("paramters", "slug", "publisher");

    @Property(tries = 2000, seed = "20261207")
    void everyBodyIsRefusedCleanlyOrStorable(@ForAll("bodies") String body) throws Exception {
        outcome(body);
    }

    /** The generator reaches both outcomes often enough for the property to mean something. */
    @Property(tries = 1, seed = "20261207")
    void theBodiesAreOftenAcceptedAndOftenRefused() throws Exception {
        int accepted = 0;
        List<String> sample = bodies().sampleStream().limit(1_000).toList();
        for (String body : sample) {
            accepted += outcome(body) ? 1 : 0;
        }
        assertThat(accepted).as("accepted of 1,000").isBetween(100, 900);
    }

    /**
     * The batch endpoint's NDJSON: each non-blank line of a generated body (lines of the bodies above, blank lines, CR LF,
     * two values on one line) is found, and reading it with the reader shared over the body gives what reading the line
     * alone gives: the same request, or the same error.
     */
    @Property(tries = 400, seed = "20261207")
    void everyNdjsonLineReadsAsItWouldAlone(@ForAll("ndjson") List<String> generated) throws Exception {
        // as the bytes carry them (an unpaired surrogate becomes '?')
        List<String> lines = generated.stream()
                .map(l -> new String(l.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8)).toList();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(lines.get(i)).append(i % 3 == 1 ? "\r\n" : "\n");
        }
        byte[] body = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<String> expected = lines.stream().filter(l -> !l.replaceAll("[ \t\r\u000b\f]", "").isEmpty()).toList();
        List<NdjsonReader.Line> found = NdjsonReader.lines(body);
        assertThat(found).extracting(l -> new String(body, l.from(), l.length(), java.nio.charset.StandardCharsets.UTF_8))
                .containsExactlyElementsOf(expected);
        try (NdjsonReader shared = new NdjsonReader(READER, body)) {
            for (int i = 0; i < found.size(); i++) {
                NdjsonReader.Line line = found.get(i);
                Object together = read(() -> shared.read(line));
                String alone = expected.get(i);
                Object aloneRead = read(() -> READER.readValue(alone.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                assertThat(together).as("line %d: %s", line.number(), alone).isEqualTo(aloneRead);
            }
        }
    }

    private interface Read {
        Object read() throws Exception;
    }

    /** The value read, or the error's class and message (what the answer says, which names no position). */
    private static Object read(Read read) {
        try {
            return read.read();
        } catch (Exception e) {
            // without the location: a column counts characters in the line alone and bytes in the shared body
            return e.getClass().getName() + ": " + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage());
        }
    }

    @Provide
    Arbitrary<List<String>> ndjson() {
        return Arbitraries.frequencyOf(Tuple.of(10, bodies()),
                Tuple.of(1, Arbitraries.of("", "  ", "\t", "{} {}", "[1] x", "{\"name\":\"a\"}{\"name\":\"b\"}", "\"text\"", "null")))
                .list().ofMaxSize(8);
    }

    /** True when accepted (and then storable); false when refused in a way the REST layer answers with a 400. */
    private static boolean outcome(String body) throws Exception {
        AnnouncementRequest request;
        try {
            request = READER.readValue(body);
        } catch (JacksonException e) {
            return false; // ProblemMappers: 400 naming the field or the syntax error
        }
        if (request == null || !ContractValidator.violations(request).isEmpty()) {
            return false; // BodyCheck: 400 naming every bad field
        }
        ReleaseAnnounced event;
        try {
            event = NORMALIZER.normalize(request, "fuzz", AT);
        } catch (Refusal refusal) {
            assertThat(refusal.errors()).as("a refusal names the bad fields").isNotEmpty();
            return false;
        }
        assertThat(ContractValidator.storageViolations(event)).as("the catalog's check of %s", body).isEmpty();
        String json = JSON.writeValueAsString(event);
        assertThat(JSON.readValue(json, ReleaseAnnounced.class)).isEqualTo(event);
        assertThat(SCHEMA.validate(JSON.readTree(json))).as("schema of %s", json).isEmpty();
        return true;
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> whole = Combinators.combine(
                        organizations().injectNull(0.1),
                        Arbitraries.frequencyOf(Tuple.of(6, plausibleName()), Tuple.of(1, value(2))),
                        Arbitraries.subsetOf(FIELDS).ofMaxSize(5).flatMap(fields -> Combinators.combine(
                                fields.stream().map(f -> fieldValue(f)).toList()).as(values -> pairs(List.copyOf(fields), values))),
                Arbitraries.of(UNKNOWN).injectNull(0.9))
                .as((orgs, name, rest, unknown) -> {
                    StringBuilder b = new StringBuilder("{");
                    List<String> members = new ArrayList<>();
                    if (orgs != null) {
                        members.add("\"organizations\":" + orgs);
                    }
                    members.add("\"name\":" + name);
                    members.addAll(rest);
                    if (unknown != null) {
                        members.add(quote(unknown) + ":\"7B\"");
                    }
                    b.append(String.join(",", members));
                    return b.append('}').toString();
                });
        // Some bodies cut short or not objects at all: the reader's errors.
        return Arbitraries.frequencyOf(Tuple.of(16, whole),
                Tuple.of(2, Combinators.combine(whole, Arbitraries.integers().between(0, 200))
                        .as((s, cut) -> s.substring(0, Math.min(cut, s.length())))),
                Tuple.of(1, value(3)));
    }

    private static List<String> pairs(List<String> fields, List<String> values) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).equals("organizations") && !fields.get(i).equals("name")) {
                out.add(quote(fields.get(i)) + ":" + values.get(i));
            }
        }
        return out;
    }

    private Arbitrary<String> fieldValue(String field) {
        Arbitrary<String> plausible = switch (field) {
            case "kind" -> Arbitraries.of("model", "framework", "application", "Model", "robot").map(AcceptedIsStorableFuzzTest::quote);
            case "published" -> Arbitraries.of("2022", "2022-05", "2022-05-17", "0000", "1899-12", "2031-01-01", "2022-13-01",
                    "2022-02-30", "22-5", "").map(AcceptedIsStorableFuzzTest::quote);
            case "parameters" -> Arbitraries.oneOf(
                    Arbitraries.of("7B", "62亿", "1.2 trillion", "137B", "0", "-5", "1e15", "18446744073709551617", "about 10B",
                            "~540B", "NaN").map(AcceptedIsStorableFuzzTest::quote),
                    Arbitraries.longs().map(String::valueOf),
                    Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.TEN.pow(30)).map(String::valueOf),
                    Arbitraries.of("{\"value\":\"7B\",\"note\":\"estimated\"}", "{\"note\":\"x\"}", "{\"value\":7,\"note\":7}"));
            case "trainingCompute" -> Arbitraries.oneOf(
                    Arbitraries.of("3.8e25", "1e400", "-1", "0", "2.1×10²⁴", "lots").map(AcceptedIsStorableFuzzTest::quote),
                    Arbitraries.doubles().map(String::valueOf).filter(d -> !d.contains("N") && !d.contains("I")),
                    Arbitraries.of("{\"value\":3.8e25,\"approximate\":true}", "{\"value\":\"1e24\",\"approximate\":\"yes\"}"));
            case "accessibility" -> Arbitraries.of("open-weights-unrestricted", "api", "closed", "hosted", "OPEN").map(AcceptedIsStorableFuzzTest::quote);
            case "confidence" -> Arbitraries.of("confident", "likely", "speculative", "sure").map(AcceptedIsStorableFuzzTest::quote);
            case "links" -> Arbitraries.of("{\"paper\":\"https://arxiv.org/abs/2110.08207\"}", "{\"code\":\"javascript:alert(1)\"}",
                    "{\"weights\":\"data:text/html,x\"}", "{\"announcement\":\"http://example.org/a b\"}", "{\"paper\":42}");
            case "summary" -> Combinators.combine(text(), text()).as((en, zh) -> "{\"en\":" + quote(en) + ",\"zh\":" + quote(zh) + "}");
            case "source" -> text().map(t -> "{\"url\":\"https://example.org/\",\"name\":" + quote(t) + "}");
            case "modalities", "tasks", "tags" -> text().list().ofMaxSize(5).map(l -> "[" + String.join(",", l.stream().map(AcceptedIsStorableFuzzTest::quote).toList()) + "]");
            default -> text().map(AcceptedIsStorableFuzzTest::quote);
        };
        return Arbitraries.frequencyOf(Tuple.of(12, good(field)), Tuple.of(3, plausible), Tuple.of(1, value(2)));
    }

    /** A value the contract takes, so that whole bodies are accepted often enough to check what follows. */
    private static Arbitrary<String> good(String field) {
        Arbitrary<String> words = clean().list().ofMinSize(1).ofMaxSize(4)
                .map(l -> "[" + String.join(",", l.stream().map(AcceptedIsStorableFuzzTest::quote).toList()) + "]");
        return switch (field) {
            case "kind" -> Arbitraries.of("\"model\"", "\"framework\"", "\"application\"");
            case "published" -> Arbitraries.of("\"2022\"", "\"2022-05\"", "\"2021-10-15\"", "\"1950-01\"");
            case "parameters" -> Arbitraries.oneOf(Arbitraries.of("\"7B\"", "\"62亿\"", "\"1.2 trillion\"", "\"137B\"",
                    "{\"value\":\"7B\",\"note\":\"estimated\"}"), Arbitraries.longs().between(1, 10_000_000_000_000L).map(String::valueOf));
            case "trainingCompute" -> Arbitraries.oneOf(Arbitraries.of("\"3.8e25\"", "{\"value\":3.8e25,\"approximate\":true}"),
                    Arbitraries.doubles().between(1e10, 1e27).map(String::valueOf));
            case "accessibility" -> Arbitraries.of("\"open-weights-unrestricted\"", "\"api\"", "\"hosted\"", "\"unreleased\"");
            case "confidence" -> Arbitraries.of("\"confident\"", "\"likely\"", "\"speculative\"");
            case "links" -> Arbitraries.of("{\"paper\":\"https://arxiv.org/abs/2110.08207\",\"code\":\"https://github.com/a/b\"}");
            case "summary" -> clean().map(t -> "{\"en\":" + quote(t) + "}");
            case "source" -> clean().map(t -> "{\"url\":\"https://example.org/post\",\"name\":" + quote(t) + "}");
            case "modalities", "tasks", "tags" -> words;
            default -> clean().map(AcceptedIsStorableFuzzTest::quote);
        };
    }

    private static Arbitrary<String> clean() {
        return Arbitraries.strings().withChars("abcXYZ 中文é-.()0123456789").ofMinLength(1).ofMaxLength(24)
                .filter(t -> !t.isBlank());
    }

    private Arbitrary<String> organizations() {
        Arbitrary<String> org = Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("Google", "清华大学", "BigScience", "Example Lab")),
                        Tuple.of(1, text())),
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("US", "CN", "FR")), Tuple.of(1, Arbitraries.of("cn", "XX", "USA", "")))
                        .injectNull(0.3),
                Arbitraries.of("US", "CN", "GB", "gb", "").list().ofMaxSize(12).injectNull(0.9))
                .as((name, country, others) -> "{\"name\":" + quote(name)
                        + (country == null ? "" : ",\"country\":" + quote(country))
                        + (others == null ? "" : ",\"otherCountries\":[" + String.join(",", others.stream().map(AcceptedIsStorableFuzzTest::quote).toList()) + "]")
                        + "}");
        return Arbitraries.frequencyOf(Tuple.of(8, org.list().ofMinSize(1).ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]")),
                Tuple.of(1, value(2)));
    }

    private Arbitrary<String> plausibleName() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("T0", "GPT-3 175B (davinci)", "文心一言", "Café", "a/b", "+++")),
                        Tuple.of(1, text()))
                .map(AcceptedIsStorableFuzzTest::quote);
    }

    /** Texts a careless or hostile publisher writes: any characters, control and direction marks, long and blank ones. */
    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withChars("ab 中文\u0000\u0007\r\n\u202e\u200b\u0301é<>\"'`=+-@").ofMaxLength(40),
                Arbitraries.strings().withChars("x ").ofMinLength(150).ofMaxLength(2500),
                Arbitraries.of("", " ", "\t", "x\u0000y", "javascript:alert(1)", "=HYPERLINK(\"x\")", "Cafe\u0301"));
    }

    /** Any JSON value, nested up to {@code depth}. */
    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                text().map(AcceptedIsStorableFuzzTest::quote),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(d -> !d.contains("N") && !d.contains("I")),
                Arbitraries.of("true", "false", "null", "1e999", "-0", "0.0000001"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> inner = value(depth - 1);
        return Arbitraries.oneOf(scalar, scalar,
                inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                Combinators.combine(Arbitraries.of(FIELDS), inner).as((k, v) -> quote(k) + ":" + v)
                        .list().ofMaxSize(3).map(l -> "{" + String.join(",", l) + "}"));
    }

    private static String quote(String s) {
        try {
            return new ObjectMapper().writeValueAsString(s);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
