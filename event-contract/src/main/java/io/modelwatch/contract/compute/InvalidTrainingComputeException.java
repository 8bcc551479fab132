package io.modelwatch.contract.compute;

/** A text or number that is not a usable training compute; the message says why, for the publisher. */
public class InvalidTrainingComputeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidTrainingComputeException(String message) {
        super(message);
    }
}
