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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
        compare(type, schema, schemaFile, record, differences);
        assertThat(differences).as("fields of %s against %s", record, schemaFile).isEmpty();
    }

    /** Compares the record's components with the (resolved) schema's properties, then each nested record. */
    private static void compare(Class<?> type, JsonNode schema, String file, String path, List<String> differences)
            throws IOException {
        Located resolved = resolve(schema, file);
        Map<String, Located> properties = properties(resolved.node(), resolved.file());
        Set<String> fields = new TreeSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            fields.add(component.getName());
        }
        Set<String> declared = properties.keySet();
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
                Located declaredAt = properties.get(component.getName());
                Located property = resolve(declaredAt.node(), declaredAt.file());
                JsonNode target = property.node().has("items") ? property.node().get("items") : property.node();
                compare(nested, target, property.file(), path + "." + component.getName(), differences);
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

    /** A schema node and the file it is in, against which its {@code $ref}s resolve. */
    private record Located(JsonNode node, String file) {
    }

    /** The schema's properties (each with its file) with those of the schemas it includes through {@code allOf}. */
    private static Map<String, Located> properties(JsonNode schema, String file) throws IOException {
        Map<String, Located> all = new TreeMap<>();
        for (JsonNode included : schema.path("allOf")) {
            Located resolved = resolve(included, file);
            all.putAll(properties(resolved.node(), resolved.file()));
        }
        Iterator<Map.Entry<String, JsonNode>> declared = schema.path("properties").fields();
        while (declared.hasNext()) {
            Map.Entry<String, JsonNode> property = declared.next();
            all.put(property.getKey(), new Located(property.getValue(), file));
        }
        return all;
    }

    /** Follows a {@code $ref}, into another file ({@code common.v1.json#/$defs/x}) or within its own ({@code #/$defs/x}). */
    private static Located resolve(JsonNode node, String file) throws IOException {
        if (node == null || !node.has("$ref")) {
            return new Located(node, file);
        }
        String[] parts = node.get("$ref").asText().split("#", 2);
        String target = parts[0].isEmpty() ? file : parts[0];
        JsonNode found = schema(target);
        for (String step : parts[1].substring(1).split("/")) {
            found = found.get(step);
        }
        return resolve(found, target);
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
        compare(ParameterCount.class, schema, "common.v1.json", "parameters", differences);
        assertThat(differences).containsExactly("parameters.note is a record field missing from the schema");
    }
}
