package io.modelwatch.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.catalog.domain.InvalidQuery;
import io.modelwatch.catalog.domain.ModelFilter;
import io.modelwatch.catalog.store.CatalogQueries.Position;
import io.modelwatch.catalog.store.CatalogQueries.Sort;
import io.modelwatch.problem.InputGuard;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Fuzzing the catalog's query parsers, which stand between a URL and SQL: generated query strings (known and unknown
 * parameters, repeated ones, hostile and plausible values) and cursors (any text, and base64 of any "key\nslug"). A
 * query the door ({@link InputGuard}) lets through is either refused with {@link InvalidQuery} naming each bad parameter (a 400) or holds only values PostgreSQL
 * takes (no NUL, dates within its range, ordered bounds); a cursor is either refused (empty: the first page) or its key
 * fits its sort. No other exception escapes. Seeded.
 */
class QueryFuzzTest {

    private static final Set<String> ALLOWED = Set.of("limit", "sort", "after");

    @Property(tries = 3000, seed = "20261207")
    void aQueryIsRefusedWithNamedParametersOrSafeForSql(@ForAll("queries") Map<String, List<String>> query) {
        if (!InputGuard.queryErrors(query).isEmpty()) {
            return; // refused at the door (InputGuard, every service): a 400 naming the parameter
        }
        ModelFilter filter;
        try {
            filter = ModelFilter.parse(query, ALLOWED);
        } catch (InvalidQuery e) {
            assertThat(e.errors()).as("each bad parameter named").isNotEmpty();
            assertThat(e.errors()).allSatisfy(p -> assertThat(query).containsKey(p.field()));
            return;
        }
        Stream.of(Stream.ofNullable(filter.q()), filter.kinds().stream(), filter.organizations().stream(), filter.countries().stream(),
                filter.modalities().stream(), filter.accessibilities().stream(), filter.tags().stream()).flatMap(s -> s)
                .forEach(v -> assertThat(v).as("a value for SQL").doesNotContain("\u0000"));
        Stream.of(filter.from(), filter.to()).filter(java.util.Objects::nonNull)
                .forEach(d -> assertThat(d.getYear()).as("PostgreSQL's date range").isBetween(-4713, 5874897));
        if (filter.from() != null && filter.to() != null) {
            assertThat(filter.from()).isBeforeOrEqualTo(filter.to());
        }
        if (filter.minParameters() != null && filter.maxParameters() != null) {
            assertThat(filter.minParameters()).isLessThanOrEqualTo(filter.maxParameters());
        }
        Stream.of(filter.minCompute(), filter.maxCompute()).filter(java.util.Objects::nonNull)
                .forEach(c -> assertThat(c).as("compute bound").isFinite());
    }

    @Property(tries = 3000, seed = "20261207")
    void aCursorIsRefusedOrFitsItsSort(@ForAll("cursors") String cursor, @ForAll Sort sort) {
        Optional<Position> position = CatalogReads.position(cursor, sort);
        position.ifPresent(p -> {
            assertThat(p.key()).doesNotContain("\u0000");
            assertThat(p.slug()).doesNotContain("\u0000");
            switch (sort) {
                case PUBLISHED, PUBLISHED_DESC -> assertThat(p.key().matches("-?infinity") || isDate(p.key())).as(p.key()).isTrue();
                case PARAMETERS, PARAMETERS_DESC -> assertThat(p.key()).matches("[-+]?[0-9]+");
                default -> { }
            }
        });
    }

    private static boolean isDate(String key) {
        try {
            java.time.LocalDate.parse(key);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<Map<String, List<String>>> queries() {
        List<String> names = new ArrayList<>(ModelFilter.NAMES);
        names.addAll(ALLOWED);
        Arbitrary<String> name = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.of(names)),
                Tuple.of(1, Arbitraries.of("colour", "Country", "min_parameters", "", "q\u0000")));
        return Arbitraries.maps(name, value().list().ofMinSize(1).ofMaxSize(3)).ofMaxSize(5);
    }

    private static Arbitrary<String> value() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("CN", "us", "China", "model", "framework", "car", "open-weights-unrestricted", "api",
                        "text", "image", "2022", "2022-05", "2022-05-17", "2022-13-01", "0000-01-01", "99999-01-01", "-2022-01-01",
                        "7B", "62亿", "1e15", "-5", "18446744073709551617", "3.8e25", "1e400", "NaN", "Infinity", "-0", "a,b,,c",
                        "instruction-tuned", "GPT-3", "")),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().withChars("ab\u0000\u202e%;'\"\\,").ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().withChars("x").ofMinLength(500).ofMaxLength(5000)));
    }

    @Provide
    Arbitrary<String> cursors() {
        Arbitrary<String> key = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("2022-05-01", "infinity", "-infinity", "175000000000", "-1", "9223372036854775808",
                        "0000-00-00", "+999999999-12-31", "1e9", "gpt-3")),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(20)));
        Arbitrary<String> slug = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("gpt-3", "t0", "")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(20)));
        Arbitrary<String> encoded = Combinators.combine(key, slug).as((k, s) ->
                Base64.getUrlEncoder().withoutPadding().encodeToString((k + "\n" + s).getBytes(StandardCharsets.UTF_8)));
        return Arbitraries.frequencyOf(Tuple.of(4, encoded), Tuple.of(1, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withChars("ABCabc019-_=+/").ofMaxLength(40)));
    }
}
