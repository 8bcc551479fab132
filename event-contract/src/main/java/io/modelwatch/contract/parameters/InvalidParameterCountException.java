package io.modelwatch.contract.parameters;

/**
 * A text or number that is not a usable parameter count. The message says why in plain English, because
 * ingest hands it straight back to the publisher as the reason their field was refused.
 */
public class InvalidParameterCountException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidParameterCountException(String message) {
        super(message);
    }

    public InvalidParameterCountException(String message, Throwable cause) {
        super(message, cause);
    }
}
