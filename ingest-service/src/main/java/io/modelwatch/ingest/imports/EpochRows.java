package io.modelwatch.ingest.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.contract.Credits;
import io.modelwatch.contract.Links;
import io.modelwatch.contract.LocalizedText;
import io.modelwatch.contract.validation.Limits;
import io.modelwatch.contract.Source;
import io.modelwatch.ingest.api.AnnouncementRequest;
import io.modelwatch.ingest.api.AnnouncementRequestBuilder;
import io.modelwatch.ingest.api.AnnouncementRequest.OrganizationInput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * One row of Epoch AI's notable-models CSV as an announcement: each organisation with its own country (the lists are
 * in the same order), Domain as modalities, Task as tasks, Confidence, accessibility, parameters and training compute
 * with their notes, base model, link, abstract, publication date (its precision kept). What cannot be mapped without
 * guessing (an unknown country name, more countries than organisations) is left out and said in a warning; what is
 * invalid (a bad number or date) is left for the normaliser, which refuses the row naming the field.
 */
final class EpochRows {

    /**
     * Organisations Epoch AI places in several countries (in its file, alone on a row with these countries): how many
     * countries each takes from a row's list. Google DeepMind: US and UK; Facebook AI Research: US and France; Disney
     * Research: US and Switzerland.
     */
    static final Map<String, Integer> MULTINATIONALS = Map.of("google deepmind", 2, "facebook ai research", 2, "disney research", 2);

    /** Tag of every imported row, so that the catalog can find (and credit) Epoch's entries. */
    static final String TAG = io.modelwatch.contract.Credits.EPOCH_AI_TAG;
    /** The organisation of a row that names none: the contract needs one, and "unknown" is the truth. */
    static final String UNKNOWN_ORGANIZATION = "Unknown";

    /** A row mapped: the announcement, what its identity is derived from, and what was left out. */
    record Mapped(AnnouncementRequest request, String content, List<String> warnings) {
    }

    private static final Map<String, String> DOMAINS = Map.of(
            "language", "text", "vision", "image", "image generation", "image", "speech", "speech", "audio", "audio",
            "video", "video", "multimodal", "multimodal");

    private final EpochColumns columns;
    private final Source source;
    private final ObjectMapper json;

    EpochRows(EpochColumns columns, LocalDate snapshot, ObjectMapper json) {
        this.columns = columns;
        this.source = new Source(Credits.EPOCH_AI_URL, "Epoch AI, 'Data on AI Models' (snapshot " + snapshot + ")");
        this.json = json;
    }

    Mapped map(CSVRecord row) {
        List<String> warnings = new ArrayList<>();
        AnnouncementRequest request = AnnouncementRequestBuilder.builder().kind("model").name(get(row, columns.name()))
                .organizations(organizations(row, warnings)).published(get(row, columns.published()))
                .parameters(withNote(wholeCount(get(row, columns.parameters()), warnings), get(row, columns.parametersNotes())))
                .modalities(list(get(row, columns.domain())).stream().map(d -> DOMAINS.getOrDefault(d.toLowerCase(Locale.ROOT), d)).toList())
                .tasks(list(get(row, columns.task()))).accessibility(accessibility(get(row, columns.accessibility()), warnings))
                .baseModel(get(row, columns.baseModel())).tags(List.of(TAG)).links(links(get(row, columns.link())))
                .summary(abstractText(get(row, columns.abstractText()))).confidence(confidence(get(row, columns.confidence()), warnings))
                .trainingCompute(withNote(get(row, columns.compute()), get(row, columns.computeNotes())))
                .build();
        String content;
        try {
            // the row's identity: what it states, without the source (whose snapshot date changes with every file)
            content = json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an announcement request is always writable", e);
        }
        return new Mapped(request.withSource(source), content, warnings);
    }


    /**
     * Epoch lists the countries of a row's organisations in order, each organisation's own together: [Facebook AI
     * Research, NYU] with [US, France, US] is FAIR in the US and France, NYU in the US. A known multinational organisation
     * ({@link #MULTINATIONALS}) takes as many countries as it has when the row has room for them, every other one
     * takes one; countries left over go to the last organisation, so that none is lost, and a warning says so.
     */
    private List<OrganizationInput> organizations(CSVRecord row, List<String> warnings) {
        List<String> names = list(get(row, columns.organization()));
        List<String> countries = list(get(row, columns.country()));
        if (names.isEmpty()) {
            warnings.add("No organisation in the file: recorded as '" + UNKNOWN_ORGANIZATION + "'");
            names = List.of(UNKNOWN_ORGANIZATION);
        }
        List<List<String>> shares = new ArrayList<>(names.size());
        int next = 0;
        for (int i = 0; i < names.size(); i++) {
            int wanted = MULTINATIONALS.getOrDefault(names.get(i).toLowerCase(Locale.ROOT), 1);
            int room = countries.size() - next - (names.size() - i - 1); // leave one for each organisation after it
            int take = Math.min(Math.max(1, Math.min(wanted, room)), countries.size() - next);
            if (i == names.size() - 1) {
                take = countries.size() - next;
            }
            shares.add(countries.subList(next, next + take));
            next += take;
        }
        int expected = names.stream().mapToInt(n -> MULTINATIONALS.getOrDefault(n.toLowerCase(Locale.ROOT), 1)).sum();
        if (!countries.isEmpty() && countries.size() != expected) {
            warnings.add(countries.size() + " countries for " + names.size() + " organisation(s): paired in order, "
                    + (countries.size() > expected ? "the last one given " + String.join(", ", shares.get(shares.size() - 1))
                    : "no country for the last " + shares.stream().filter(List::isEmpty).count()));
        }
        List<OrganizationInput> organizations = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            List<String> codes = new ArrayList<>();
            for (String country : shares.get(i)) {
                String code = CountryNames.code(country);
                if (code == null && !CountryNames.MULTINATIONAL.equalsIgnoreCase(country)) {
                    warnings.add("Unknown country '" + country + "' (of " + names.get(i) + "): left out");
                }
                if (code != null && !codes.contains(code)) {
                    codes.add(code);
                }
            }
            organizations.add(new OrganizationInput(names.get(i), codes.isEmpty() ? null : codes.get(0),
                    codes.size() > 1 ? codes.subList(1, codes.size()) : null));
        }
        return organizations;
    }

    /** A number with its notes as {value, note}; the value's text as written (the normaliser parses it). */
    private static ObjectNode withNote(String value, String note) {
        if (value == null) {
            return null;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("value", value);
        if (note != null) {
            node.put("note", note);
        }
        return node;
    }

    /**
     * A parameter count as a whole number when the file wrote one with binary floating-point noise (256999999.99999997
     * for 257M: the relative difference below 1e-9); any other text is left for the parser to judge.
     */
    private static String wholeCount(String text, List<String> warnings) {
        if (text == null) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            BigDecimal whole = value.setScale(0, RoundingMode.HALF_UP);
            if (value.compareTo(whole) != 0 && whole.signum() > 0
                    && value.subtract(whole).abs().divide(whole, MathContext.DECIMAL64).compareTo(FLOAT_NOISE) < 0) {
                warnings.add("Parameters '" + text + "' read as " + whole.toPlainString() + " (floating-point noise)");
                return whole.toPlainString();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // not a plain number: the parser says what is wrong with it
        }
        return text;
    }

    private static final BigDecimal FLOAT_NOISE = new BigDecimal("1e-9");

    /** Epoch's values, and the older "Open-source" column's; anything else is said, not guessed. */
    private static String accessibility(String value, List<String> warnings) {
        if (value == null) {
            return null;
        }
        String v = value.toLowerCase(Locale.ROOT);
        String mapped = v.contains("non-commercial") || v.contains("noncommercial") ? "open-weights-noncommercial"
                : v.contains("unrestricted") || v.equals("open source") || v.equals("open weights") ? "open-weights-unrestricted"
                : v.contains("restricted") ? "open-weights-restricted"
                : v.startsWith("api") ? "api"
                : v.startsWith("hosted") ? "hosted"
                : v.equals("unreleased") || v.equals("closed") || v.equals("closed source") ? "unreleased"
                : null;
        if (mapped == null) {
            warnings.add("Unknown accessibility '" + value + "': left out");
        }
        return mapped;
    }

    /** Confident, Likely, Speculative; Epoch's "Unknown" (or nothing) is speculative: Epoch does not vouch for it. */
    private static String confidence(String value, List<String> warnings) {
        if (value == null || value.equalsIgnoreCase("unknown")) {
            return "speculative";
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("confident") || v.equals("likely") || v.equals("speculative")) {
            return v;
        }
        warnings.add("Unknown confidence '" + value + "': recorded as speculative");
        return "speculative";
    }

    /** The first URL of the cell (some hold several, or a remark after it): a paper when it looks like one. */
    private static Links links(String cell) {
        if (cell == null) {
            return null;
        }
        String url = Arrays.stream(cell.split("[\\s,]+")).filter(s -> s.startsWith("http://") || s.startsWith("https://"))
                .findFirst().orElse(null);
        if (url == null) {
            return null;
        }
        boolean paper = url.contains("arxiv.org") || url.contains("doi.org") || url.endsWith(".pdf")
                || url.contains("openreview.net") || url.contains("aclanthology.org") || url.contains("proceedings");
        return paper ? new Links(url, null, null, null) : new Links(null, null, null, url);
    }

    /**
     * The abstract as a summary: plain text on one line (abstracts hold line breaks, tabs and other control characters),
     * cut after its last whole sentence, or else its last whole word, that fits {@link Limits#TEXT}, with an ellipsis.
     */
    static LocalizedText abstractText(String text) {
        if (text == null) {
            return null;
        }
        // control characters (line breaks, tabs, stray U+001E) become spaces; direction overrides are dropped
        String line = text.replaceAll("[\\p{Cc}\\s]+", " ").replaceAll("[\\u202A-\\u202E\\u2066-\\u2069]", "").strip();
        if (line.length() <= Limits.TEXT) {
            return new LocalizedText(line, null);
        }
        String head = line.substring(0, Limits.TEXT - 1);
        int sentence = head.lastIndexOf(". ");
        int word = head.lastIndexOf(' ');
        int cut = sentence > Limits.TEXT / 2 ? sentence + 1 : word > 0 ? word : head.length();
        return new LocalizedText(head.substring(0, cut).strip() + "…", null);
    }

    /** A comma-separated cell as its entries, trimmed, blanks dropped. */
    private static List<String> list(String cell) {
        if (cell == null) {
            return List.of();
        }
        return Arrays.stream(cell.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The cell, trimmed; null when the column is missing or the cell blank. */
    private static String get(CSVRecord row, String column) {
        if (column == null || !row.isSet(column)) {
            return null;
        }
        String value = row.get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
