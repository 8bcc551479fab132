package io.modelwatch.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.contract.Accessibility;
import io.modelwatch.contract.Confidence;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Links;
import io.modelwatch.contract.LocalizedText;
import io.modelwatch.contract.ModelChanged;
import io.modelwatch.contract.ModelChangedBuilder;
import io.modelwatch.contract.Organization;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseAnnouncedBuilder;
import io.modelwatch.contract.parameters.ParameterCount;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The field table stays the catalog's one place for a contract field: a field both records carry and the table lacks fails here. */
class ModelFieldsTest {

    /** Fields both records carry that the entry does not take from announcements. */
    private static final Set<String> THE_ENTRY_S_OWN = Set.of("slug");

    @Test
    void everyFieldAnnouncementsStateAndTheEntryShowsIsInTheTableOnce() {
        Set<String> announced = names(ReleaseAnnounced.class);
        Set<String> shared = names(ModelChanged.class).stream().filter(announced::contains)
                .filter(n -> !THE_ENTRY_S_OWN.contains(n)).collect(Collectors.toSet());
        List<String> table = ModelFields.ALL.stream().map(ModelFields.Field::json).toList();
        assertThat(table).as("add a line to ModelFields for each").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(shared);
        assertThat(table).as("in the order of ModelChanged").isSortedAccordingTo((a, b) ->
                Integer.compare(order(ModelChanged.class, a), order(ModelChanged.class, b)));
    }

    @Test
    void eachLineReadsSetsAndShowsItsOwnField() {
        ReleaseAnnounced stated = ReleaseAnnouncedBuilder.builder().slug("x").kind(Kind.FRAMEWORK).name("X")
                .organizations(List.of(new Organization("O", "FR"))).published(PublishedDate.parse("2022-05"))
                .parameters(new ParameterCount(7_000_000_000L, "7B", false)).modalities(List.of("text")).tasks(List.of("chat"))
                .accessibility(Accessibility.API).architecture("decoder").baseModel("base").tags(List.of("t"))
                .links(new Links("p", "c", "w", "a")).summary(new LocalizedText("en", "zh")).confidence(Confidence.LIKELY)
                .publisher("p").announcedAt(Instant.parse("2022-05-01T00:00:00Z")).build();
        stated = withEveryStringStated(stated);
        for (ModelFields.Field<?> field : ModelFields.ALL) {
            assertThat(roundTrip(field, stated)).as(field.json()).isEqualTo(component(stated, field.json()));
        }
    }

    private static <T> Object roundTrip(ModelFields.Field<T> field, ReleaseAnnounced stated) {
        ModelChangedBuilder entry = ModelChangedBuilder.builder();
        field.set().accept(entry, field.stated().apply(stated));
        ModelChanged built = entry.build();
        assertThat(component(built, field.json())).as(field.json() + " set by its setter").isEqualTo(field.shown().apply(built));
        return field.shown().apply(built);
    }

    /** A string field added to the contract later gets a value too, so that its line is checked like the others. */
    private static ReleaseAnnounced withEveryStringStated(ReleaseAnnounced stated) {
        ReleaseAnnouncedBuilder builder = ReleaseAnnouncedBuilder.builder(stated);
        try {
            for (RecordComponent c : ReleaseAnnounced.class.getRecordComponents()) {
                if (c.getType() == String.class && c.getAccessor().invoke(stated) == null) {
                    ReleaseAnnouncedBuilder.class.getMethod(c.getName(), String.class).invoke(builder, "stated " + c.getName());
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return builder.build();
    }

    private static Set<String> names(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
    }

    private static int order(Class<?> record, String name) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList().indexOf(name);
    }

    private static Object component(Record record, String name) {
        try {
            return record.getClass().getMethod(name).invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
