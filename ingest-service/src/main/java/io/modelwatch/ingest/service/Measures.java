package io.modelwatch.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.contract.compute.TrainingCompute;
import io.modelwatch.contract.compute.TrainingComputeParser;
import io.modelwatch.contract.parameters.ParameterCount;
import io.modelwatch.contract.parameters.ParameterCountParser;
import java.util.Locale;

/**
 * A request's measures (parameter count, training compute) read from the JSON a publisher wrote: a number, a text
 * ("137B", "62亿", "3.8e25") or an object {value, note} (compute also {approximate}). Null when undisclosed, never 0;
 * an {@link IllegalArgumentException} names what is wrong with any other shape.
 */
final class Measures {

    static ParameterCount parameters(JsonNode node) {
        if (node == null || node.isNull()) {
            return null; // undisclosed, never 0
        }
        if (node.isObject()) {
            // {value, note}: the note says how the count was estimated (an import's notes column)
            JsonNode note = node.get("note");
            if (note != null && !note.isNull() && !note.isTextual()) {
                throw new IllegalArgumentException("note must be a text");
            }
            ParameterCount count = parameters(node.get("value"));
            if (count == null) {
                throw new IllegalArgumentException("value is required: leave the field out when the count is not disclosed");
            }
            return note == null || note.isNull() ? count
                    : new ParameterCount(count.value(), count.asWritten(), count.approximate(), note.asText());
        }
        if (node.isIntegralNumber()) {
            // canConvertToLong: asLong() would wrap 2^64+1 around to 1
            return node.canConvertToLong() ? ParameterCountParser.of(node.longValue())
                    : ParameterCountParser.parse(node.bigIntegerValue().toString());
        }
        if (node.isTextual()) {
            return ParameterCountParser.parse(node.asText());
        }
        if (node.isNumber()) {
            return ParameterCountParser.parse(node.decimalValue().toPlainString());
        }
        throw new IllegalArgumentException("must be a number or a text such as \"11B\" or \"62亿\", not " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    /**
     * A number, a text, or {value (number or text), approximate, note}: a note says how the compute was estimated, and
     * approximate (when given) overrides what the text says.
     */
    static TrainingCompute trainingCompute(JsonNode node) {
        if (node == null || node.isNull()) {
            return null; // undisclosed, never 0
        }
        if (node.isObject()) {
            JsonNode note = node.get("note");
            JsonNode approximate = node.get("approximate");
            if (note != null && !note.isNull() && !note.isTextual()) {
                throw new IllegalArgumentException("note must be a text");
            }
            if (approximate != null && !approximate.isNull() && !approximate.isBoolean()) {
                throw new IllegalArgumentException("approximate must be true or false");
            }
            TrainingCompute value = trainingCompute(node.get("value"));
            if (value == null) {
                throw new IllegalArgumentException("value is required: leave the field out when the compute is not disclosed");
            }
            return new TrainingCompute(value.value(), value.asWritten(),
                    approximate == null || approximate.isNull() ? value.approximate() : approximate.booleanValue(),
                    note == null || note.isNull() ? null : note.asText());
        }
        if (node.isNumber()) {
            return TrainingComputeParser.of(node.doubleValue());
        }
        if (node.isTextual()) {
            return TrainingComputeParser.parse(node.asText());
        }
        throw new IllegalArgumentException("must be a number, a text such as \"3.8e25\" or an object {value, approximate, note}, not "
                + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    private Measures() {
    }
}
