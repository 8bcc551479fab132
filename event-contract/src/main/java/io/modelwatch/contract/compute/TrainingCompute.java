package io.modelwatch.contract.compute;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The compute used to train a model, in floating-point operations (FLOP), as Epoch AI's notable-models database records
 * it: "3.8e25", "3.8×10^25", "2.1e24 FLOP". Undisclosed compute is an absent field, never 0.
 *
 * @param value the FLOP, positive and finite
 * @param asWritten the publisher's text, trimmed; null when the value arrived as a bare JSON number
 * @param approximate true when the text said it is an estimate ("~", "about")
 * @param note how it was estimated, in the publisher's words (Epoch's "Training compute notes"), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingCompute(double value, String asWritten, boolean approximate, String note) {

    public TrainingCompute {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidTrainingComputeException("'" + value + "' is not a training compute: it must be a positive, finite number of FLOP");
        }
        asWritten = asWritten == null || asWritten.isBlank() ? null : asWritten.strip();
        note = note == null || note.isBlank() ? null : note.strip();
    }

    /** The same compute with {@code note} (null or blank: none). */
    public TrainingCompute withNote(String note) {
        return new TrainingCompute(value, asWritten, approximate, note);
    }
}
