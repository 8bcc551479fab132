package io.modelwatch.contract.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Jackson's errors in the project's words: the field they are about, and what it must be, without Java class names
 * ({@code Cannot deserialize value of type java.util.ArrayList<...>} becomes "must be a list").
 */
public final class JsonErrors {

    /** What a JSON request may hold: far above what the contract needs (it nests 3 deep, its longest text is 2,048). */
    public static final int MAX_NESTING_DEPTH = 64;
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Longer than any field of the contract, shorter than the 1 MiB body limit: a 1 MiB name fails while read. */
    public static final int MAX_STRING_LENGTH = 1_000_000;

    /** The read limits every service's ObjectMapper applies (Jackson's defaults are 1,000 levels and 1,000 digits). */
    public static final StreamReadConstraints READ_CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .build();

    /** The JSON path of the field an error is about ("organizations[0].name"), or "$" for the whole body. */
    public static String field(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
        return field.isEmpty() ? "$" : field;
    }

    /** What is wrong with the field of a {@link JsonMappingException}. */
    public static String message(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "is not a field of this request" + known(unknown.getKnownPropertyIds());
        }
        if (e.getCause() instanceof IllegalArgumentException cause && cause.getMessage() != null) {
            return cause.getMessage(); // value-level checks (dates, enums) in a creator: their message is the reason
        }
        if (e instanceof InvalidFormatException invalid) {
            return "is not " + expected(invalid.getTargetType()).replaceFirst("^must be ", "");
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return expected(mismatched.getTargetType());
        }
        return "does not have the expected type";
    }

    /** The whole error as one sentence, for bodies that are not JSON or break a read limit. */
    public static String unreadable(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "The body exceeds what a JSON request may hold here (at most " + MAX_NESTING_DEPTH
                    + " levels of nesting, numbers of at most " + MAX_NUMBER_LENGTH + " digits, texts of at most "
                    + MAX_STRING_LENGTH + " characters).";
        }
        String detail = e.getOriginalMessage();
        if (detail != null) {
            detail = detail.replaceAll("\\(class [^)]*\\)", "").replaceAll("`[a-z]+(\\.[A-Za-z0-9_$]+)+[^`]*`", "a value");
        }
        return "The body is not valid JSON: " + detail;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "does not have the expected type";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "must be text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != char.class)) {
            return "must be a number";
        }
        if (type.isEnum()) {
            return "must be one of its listed values";
        }
        if (type.getName().startsWith("java.time.")) {
            return "must be a date or time in ISO-8601 form";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "must be an object";
        }
        return "does not have the expected type";
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "";
        }
        return " (its fields are: " + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
    }

    private JsonErrors() {
    }
}
