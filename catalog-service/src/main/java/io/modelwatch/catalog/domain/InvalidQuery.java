package io.modelwatch.catalog.domain;

import java.util.List;

/**
 * Query parameters a read of the catalog cannot take (an unknown name, a malformed value, a single value given twice):
 * a sentence for the client ({@link #detail()}) and every bad parameter with what is wrong with it. The rest layer
 * answers it as a 400 problem.
 */
public class InvalidQuery extends RuntimeException {

    /** One bad parameter: its name and what is wrong with its value. */
    public record ParameterError(String field, String message) {
    }

    private final transient List<ParameterError> errors;

    /** The detail counts the bad parameters: "A query parameter is not valid." or "3 query parameters are not valid.". */
    public InvalidQuery(List<ParameterError> errors) {
        this(errors.size() == 1 ? "A query parameter is not valid." : errors.size() + " query parameters are not valid.", errors);
    }

    public InvalidQuery(String detail, List<ParameterError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public String detail() {
        return getMessage();
    }

    public List<ParameterError> errors() {
        return errors;
    }
}
