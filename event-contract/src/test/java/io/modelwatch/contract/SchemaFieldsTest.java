package io.modelwatch.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.contract.parameters.ParameterCount;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every field of an event record is a property of its JSON Schema and every property is a field, down through the
 * nested records (organisations, links, summary, parameters, source): a field added to a record and forgotten in the
 * schema (or the other way round) fails here, not in a consumer.
 */
class SchemaFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "ReleaseAnnounced, release-announced.v1.json",
            "ModelChanged, model-changed.v1.json",
            "ReleaseRetracted, release-retracted.v1.json"})
    void recordFieldsAndSchemaPropertiesAreTheSame(String record, String schemaFile) throws Exception {
        Class<?> type = Class.forName("io.modelwatch.contract." + record);
        JsonNode schema = schema(schemaFile);
        List<String> differences = new ArrayList<>();
        compare(type, schema, record, differences);
        assertThat(differences).as("fields of %s against %s", record, schemaFile).isEmpty();
    }

    /** Compares the record's components with the (resolved) schema's properties, then each nested record. */
    private static void compare(Class<?> type, JsonNode schema, String path, List<String> differences) throws IOException {
        JsonNode resolved = resolve(schema);
        JsonNode properties = resolved.path("properties");
        Set<String> fields = new TreeSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            fields.add(component.getName());
        }
        Set<String> declared = new TreeSet<>();
        properties.fieldNames().forEachRemaining(declared::add);
        for (String field : fields) {
            if (!declared.contains(field)) {
                differences.add(path + "." + field + " is a record field missing from the schema");
            }
        }
        for (String property : declared) {
            if (!fields.contains(property)) {
                differences.add(path + "." + property + " is in the schema but not a record field");
            }
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> nested = recordType(component);
            if (nested != null && declared.contains(component.getName())) {
                JsonNode property = resolve(properties.get(component.getName()));
                JsonNode target = property.has("items") ? property.get("items") : property;
                compare(nested, target, path + "." + component.getName(), differences);
            }
        }
    }

    /**
     * The record a component holds, directly or as the element of a list, when it is written as a JSON object; null
     * for anything else (a record with a {@code @JsonValue}, like {@link PublishedDate}, is written as a string).
     */
    private static Class<?> recordType(RecordComponent component) {
        if (component.getType().isRecord()) {
            return writtenAsObject(component.getType()) ? component.getType() : null;
        }
        Type generic = component.getGenericType();
        if (generic instanceof ParameterizedType parameterized && List.class.equals(parameterized.getRawType())) {
            Type element = parameterized.getActualTypeArguments()[0];
            if (element instanceof Class<?> elementClass && elementClass.isRecord() && writtenAsObject(elementClass)) {
                return elementClass;
            }
        }
        return null;
    }

    private static boolean writtenAsObject(Class<?> type) {
        return Arrays.stream(type.getMethods()).noneMatch(m -> m.isAnnotationPresent(JsonValue.class));
    }

    /** Follows a {@code $ref} into the shared definitions (one level is all the schemas use). */
    private static JsonNode resolve(JsonNode node) throws IOException {
        if (node == null || !node.has("$ref")) {
            return node;
        }
        String ref = node.get("$ref").asText();
        String[] parts = ref.split("#", 2);
        JsonNode document = schema(parts[0]);
        JsonNode target = document;
        for (String step : parts[1].substring(1).split("/")) {
            target = target.get(step);
        }
        return target;
    }

    private static JsonNode schema(String file) throws IOException {
        try (InputStream in = SchemaFieldsTest.class.getResourceAsStream("/schemas/" + file)) {
            assertThat(in).as("schema %s on the classpath", file).isNotNull();
            return JSON.readTree(in);
        }
    }

    @Test
    void theComparisonSeesAMissingNestedField() throws Exception {
        // The test above must be able to fail: a schema without 'note' in parameters is caught.
        JsonNode schema = JSON.readTree("{\"properties\":{\"value\":{},\"asWritten\":{},\"approximate\":{}}}");
        List<String> differences = new ArrayList<>();
        compare(ParameterCount.class, schema, "parameters", differences);
        assertThat(differences).containsExactly("parameters.note is a record field missing from the schema");
    }
}
