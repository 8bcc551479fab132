package io.modelwatch.catalog.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.catalog.dashboard.DashboardPages.Field;
import io.modelwatch.catalog.dashboard.DashboardPages.Provenance;
import io.modelwatch.catalog.dashboard.DashboardPages.Statement;
import io.modelwatch.catalog.domain.ModelFields;
import io.modelwatch.catalog.domain.ModelFields.Place;
import io.modelwatch.contract.Language;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The model page's list of fields and its sources, from an entry's API view, in the order of {@link ModelFields}. */
final class ModelPageFields {

    /** The entry's own fields, after the stated ones; their labels are {@link DashboardMessages#fieldName}. */
    private static final List<String> ENTRY_FIELDS = List.of("aliases", "announcements", "firstSeen", "lastSeen", "revision", "slug");

    private ModelPageFields() {
    }

    /** The title's field, the listed ones, then the entry's own; a field without a value is left out unless always listed. */
    static List<Field> fields(JsonNode view, Language lang, DashboardMessages msg) {
        List<String> names = new ArrayList<>();
        ModelFields.ALL.stream().filter(f -> f.place() == Place.TITLE).forEach(f -> names.add(f.json()));
        ModelFields.ALL.stream().filter(f -> f.place() == Place.LISTED || f.place() == Place.ALWAYS_LISTED).forEach(f -> names.add(f.json()));
        names.addAll(ENTRY_FIELDS);
        List<Field> fields = new ArrayList<>();
        for (String name : names) {
            JsonNode value = view.get(name);
            boolean always = ModelFields.named(name).map(f -> f.place() == Place.ALWAYS_LISTED).orElse(false);
            if (always || (value != null && !value.isNull() && !(value.isArray() && value.isEmpty()))) {
                fields.add(new Field(name, label(name, lang, msg), DisplayText.json(name, value, lang)));
            }
        }
        return fields;
    }

    /** Per field in the view's {@code provenance}, every statement of it. */
    static List<Provenance> provenance(JsonNode view, Language lang, DashboardMessages msg) {
        List<Provenance> provenance = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = view.path("provenance").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<Statement> statements = new ArrayList<>();
            for (JsonNode s : e.getValue()) {
                statements.add(new Statement(DisplayText.json(e.getKey(), s.get("value"), lang), s.path("publisher").asText(""),
                        msg.confidenceName(s.path("confidence").asText("")), s.hasNonNull("statedAt")
                        ? DisplayText.instant(Instant.parse(s.get("statedAt").asText()), lang) : "", s.path("shown").asBoolean()));
            }
            provenance.add(new Provenance(label(e.getKey(), lang, msg), statements));
        }
        return provenance;
    }

    static String label(String name, Language lang, DashboardMessages msg) {
        return ModelFields.named(name).map(f -> lang.chinese() ? f.chinese() : f.english()).orElseGet(() -> msg.fieldName(name));
    }
}
