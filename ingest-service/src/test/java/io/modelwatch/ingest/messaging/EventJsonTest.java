package io.modelwatch.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Links;
import io.modelwatch.contract.LocalizedText;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseAnnouncedBuilder;
import io.modelwatch.contract.Source;
import io.modelwatch.contract.Topics;
import io.modelwatch.contract.parameters.ParameterCount;
import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The batch path serialises events with its own writer (a copy of the application's mapper with Blackbird and
 * {@link SharedInstantSerializer}, one generator per batch): every event must come out byte for byte as the channel's
 * serializer (the application's ObjectMapper) writes it.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class EventJsonTest {

    @Inject
    ObjectMapper json;

    /** Texts that exercise the UTF-8 writer: escapes, control characters, Latin-1, CJK, supplementary characters. */
    private static final String[] PIECES = {"BLOOM", " ", "T0", "a\"b", "back\\slash", "line\nbreak", "tab\t", "\u0001",
            "\u001f", "/", "é", "Ünïcödé", "ß", "ÿ", "\u0080", "\u00a0", "通义千问", "文心一言", "一千七百六十亿参数的模型",
            "，。", "😀", "𝔘", "\u2028", "\u2029", "\uffff", "<script>", "&amp;", "1,760亿", "~175B", "0",
            "https://example.org/p?q=1&r=2"};

    @Test
    void theBatchWriterWritesWhatTheChannelsSerializerWrites() throws Exception {
        ObjectWriter batchWriter = ReleasePublisher.announcedWriter(json);
        EventSerializer channel = new EventSerializer();
        Random random = new Random(11);
        List<ReleaseAnnounced> events = new ArrayList<>(fixed());
        for (int i = 0; i < 3_000; i++) {
            events.add(randomEvent(random));
        }
        int compared = 0;
        // one generator per batch, as publishAll does (batches of varied sizes, so a batch starts at several places)
        for (int from = 0; from < events.size(); ) {
            int to = Math.min(events.size(), from + 1 + random.nextInt(700));
            try (ReleasePublisher.EventJson batch = new ReleasePublisher.EventJson(batchWriter)) {
                for (ReleaseAnnounced event : events.subList(from, to)) {
                    byte[] expected = json.writeValueAsBytes(event);
                    byte[] written = batch.write(event);
                    assertThat(new String(written, StandardCharsets.UTF_8)).as("event %d", compared)
                            .isEqualTo(new String(expected, StandardCharsets.UTF_8));
                    assertThat(written).isEqualTo(expected);
                    assertThat(channel.serialize(Topics.MODEL_RELEASES, event)).isEqualTo(expected);
                    compared++;
                }
            }
            from = to;
        }
        assertThat(compared).isEqualTo(events.size());
    }

    @Test
    void aTextTheWriterRefusesIsRefusedAlike() throws Exception {
        // An unpaired surrogate: whatever Jackson does with it, the batch writer does the same.
        ReleaseAnnounced event = event("Lone \ud800 surrogate", null, null, null, Instant.parse("2026-11-29T21:53:18.123456Z"));
        Throwable plainFailure = catchThrowable(() -> json.writeValueAsBytes(event));
        try (ReleasePublisher.EventJson batch = new ReleasePublisher.EventJson(ReleasePublisher.announcedWriter(json))) {
            if (plainFailure == null) {
                assertThat(batch.write(event)).isEqualTo(json.writeValueAsBytes(event));
            } else {
                assertThat(catchThrowable(() -> batch.write(event))).isNotNull().hasMessage(plainFailure.getMessage());
            }
        }
    }

    @Test
    void instantsAreWrittenAsTheStandardSerializerWritesThem() throws Exception {
        ObjectWriter batchWriter = ReleasePublisher.announcedWriter(json);
        Random random = new Random(5);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.MIN, Instant.MAX,
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.9Z"), Instant.parse("2000-02-29T12:00:00.010Z"),
                Instant.parse("2026-11-29T21:53:18.000100Z"), Instant.parse("2026-11-29T21:53:18.000000001Z")));
        for (int i = 0; i < 20_000; i++) {
            long seconds = switch (random.nextInt(3)) {
                case 0 -> random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
                case 1 -> random.nextLong(-62_167_219_200L - 86_400, 253_402_300_799L + 86_400);
                default -> 1_700_000_000L + random.nextInt(200_000_000);
            };
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        try (ReleasePublisher.EventJson batch = new ReleasePublisher.EventJson(batchWriter)) {
            for (Instant at : instants) {
                ReleaseAnnounced event = event("Timed", null, null, null, at);
                assertThat(new String(batch.write(event), StandardCharsets.UTF_8)).as("%s", at)
                        .isEqualTo(json.writeValueAsString(event));
            }
        }
    }

    /** Requests in parallel each keep their own last instant: writers used in turn never write another's time. */
    @Test
    void writersInTurnEachWriteTheirOwnInstants() throws Exception {
        ObjectWriter batchWriter = ReleasePublisher.announcedWriter(json);
        Instant first = Instant.parse("2026-11-30T03:00:00.000001Z");
        Instant second = Instant.parse("2026-11-30T03:00:00.000002Z");
        try (ReleasePublisher.EventJson one = new ReleasePublisher.EventJson(batchWriter);
             ReleasePublisher.EventJson two = new ReleasePublisher.EventJson(batchWriter)) {
            for (int i = 0; i < 50; i++) {
                ReleaseAnnounced a = event("One " + i, null, null, null, i < 25 ? first : second);
                ReleaseAnnounced b = event("Two " + i, null, null, null, i < 25 ? second : first);
                assertThat(one.write(a)).isEqualTo(json.writeValueAsBytes(a));
                assertThat(two.write(b)).isEqualTo(json.writeValueAsBytes(b));
            }
        }
    }

    private static List<ReleaseAnnounced> fixed() {
        Instant at = Instant.parse("2026-11-29T21:53:18.123456Z");
        return List.of(
                event("T0", new ParameterCount(11_000_000_000L, "11B", false), new LocalizedText("T5-based.", null), null, at),
                event("Ünïcödé Mödel 😀", new ParameterCount(175_000_000_000L, "~175B", true, ParameterCount.ABOUT),
                        new LocalizedText(null, "一个拥有一千七百六十亿参数的模型，支持中文和英文。"), "some-base", at.plusNanos(1_000)),
                event("文心一言", new ParameterCount(1_000_000_000_000L, "超过千亿", true, ParameterCount.AT_LEAST),
                        new LocalizedText("About \"quotes\" and \\ slashes\n", "千亿级"), null, Instant.parse("2026-11-29T21:53:18Z")),
                event("Minimal", null, null, null, null),
                ReleaseAnnouncedBuilder.builder().slug("minimal-2").name("Minimal 2")
                        .organizations(List.of(new Organization("Org", null))).build());
    }

    private static ReleaseAnnounced event(String name, ParameterCount parameters, LocalizedText summary, String baseModel,
                                          Instant at) {
        return ReleaseAnnouncedBuilder.builder()
                .slug(name.toLowerCase().replace(' ', '-')).kind(Kind.MODEL).name(name)
                .organizations(List.of(new Organization("BigScience", "FR"), new Organization("Hugging Face", "US")))
                .published(PublishedDate.parse("2021-10-15")).parameters(parameters)
                .modalities(List.of("text")).tasks(List.of("zero-shot prompting"))
                .accessibility(Accessibility.OPEN_WEIGHTS_UNRESTRICTED).architecture("encoder-decoder").baseModel(baseModel)
                .tags(List.of("instruction-tuned")).links(new Links("https://arxiv.org/abs/2110.08207", null, null, null))
                .summary(summary).source(new Source("https://example.org/post", "example")).confidence(Confidence.CONFIDENT)
                .publisher("publisher-a").announcedAt(at)
                .build();
    }

    private static ReleaseAnnounced randomEvent(Random random) {
        Kind[] kinds = Kind.values();
        Accessibility[] access = Accessibility.values();
        Confidence[] confidence = Confidence.values();
        String[] dates = {"2022", "2022-07", "2022-07-12", "1999-12-31"};
        String[] notes = {null, ParameterCount.ABOUT, ParameterCount.AT_LEAST, ParameterCount.ORDER_OF_MAGNITUDE};
        List<Organization> organizations = new ArrayList<>();
        for (int i = random.nextInt(4); i >= 0; i--) {
            organizations.add(new Organization(text(random), random.nextBoolean() ? "CN" : null));
        }
        String note = notes[random.nextInt(notes.length)];
        ParameterCount parameters = random.nextInt(4) == 0 ? null
                : new ParameterCount(1 + random.nextLong(Long.MAX_VALUE - 1), maybe(random), note != null, note);
        Instant at = random.nextInt(10) == 0 ? null : Instant.ofEpochSecond(1_600_000_000L + random.nextInt(400_000_000),
                switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(1_000) * 1_000_000;
                    case 2 -> random.nextInt(1_000_000) * 1_000;
                    default -> random.nextInt(1_000_000_000);
                });
        // Drawn in the order of the record's fields, so a seed gives the same events as before.
        return ReleaseAnnouncedBuilder.builder()
                .slug(text(random))
                .kind(random.nextInt(5) == 0 ? null : kinds[random.nextInt(kinds.length)])
                .name(text(random))
                .organizations(organizations)
                .published(random.nextInt(5) == 0 ? null : PublishedDate.parse(dates[random.nextInt(dates.length)]))
                .parameters(parameters)
                .modalities(list(random))
                .tasks(list(random))
                .accessibility(random.nextInt(5) == 0 ? null : access[random.nextInt(access.length)])
                .architecture(maybe(random))
                .baseModel(maybe(random))
                .tags(list(random))
                .links(random.nextInt(4) == 0 ? null : new Links(maybe(random), maybe(random), maybe(random), maybe(random)))
                .summary(random.nextInt(4) == 0 ? null : new LocalizedText(maybe(random), maybe(random)))
                .source(random.nextInt(4) == 0 ? null : new Source(maybe(random), maybe(random)))
                .confidence(random.nextInt(5) == 0 ? null : confidence[random.nextInt(confidence.length)])
                .publisher(maybe(random))
                .announcedAt(at)
                .build();
    }

    private static List<String> list(Random random) {
        if (random.nextInt(5) == 0) {
            return null;
        }
        List<String> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            list.add(text(random));
        }
        return list;
    }

    private static String maybe(Random random) {
        return random.nextInt(4) == 0 ? null : text(random);
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i >= 0; i--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        if (random.nextInt(8) == 0) {
            text.append("x".repeat(random.nextInt(9_000))); // longer than the generator's buffer
        }
        return text.toString();
    }
}
