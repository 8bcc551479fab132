package io.modelwatch.ingest.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelwatch.ingest.service.FieldError;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an import: what became of the rows, with the refused ones and the warnings each named by line. */
@Schema(name = "ImportReport", description = "What became of the rows of an imported file.")
public record ImportReport(
        @Schema(description = "Where the rows come from (the source of every announcement)") String source,
        @Schema(description = "The credit line the data's licence requires wherever it is shown") String credit,
        @Schema(description = "Rows read (the header not counted)") int rows,
        @Schema(description = "Rows acknowledged by the broker") int accepted,
        @Schema(description = "Accepted rows new or changed since an earlier import (new announcements)") int imported,
        @Schema(description = "Accepted rows imported before with the same content (sent again under the same event id: no change)")
        int unchanged,
        @Schema(description = "Rows refused: unreadable or invalid (see refusals)") int refused,
        @Schema(description = "Rows the broker did not take (import the file again: accepted rows are not counted twice)")
        int unavailable,
        @Schema(description = "Each row not accepted: its line, its model and why") List<Line> refusals,
        @Schema(description = "Accepted rows with something left out (an unknown country, more countries than organisations)")
        List<Line> warnings,
        @Schema(description = "Rows earlier imports held that this file does not (by model name): reported, not deleted")
        int missing,
        @Schema(description = "The models of those rows, by name (the first 1,000)")
        List<String> missingModels,
        @Schema(description = "Milliseconds from the first byte read to the last acknowledgement") long millis) {

    /** How many missing rows the report names; it counts them all. */
    public static final int MISSING_NAMED = 1000;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ImportLine", description = "One row of an imported file and what is to be said about it.")
    public record Line(
            @Schema(description = "The line of the file the row starts on (the header is line 1)") long line,
            @Schema(description = "The model the row names, when it could be read") String model,
            @Schema(description = "400 refused, 503 not taken by the broker; absent for a warning") Integer status,
            @Schema(description = "What is wrong or was left out") String detail,
            @Schema(description = "Every bad field (400 only)") List<FieldError> errors) {
    }
}
