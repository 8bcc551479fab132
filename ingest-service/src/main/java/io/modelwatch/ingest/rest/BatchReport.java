package io.modelwatch.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelwatch.problem.Problem;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a batch: one entry per non-blank line, in line order. */
@Schema(name = "BatchReport", description = "What became of each line of a batch.")
public record BatchReport(
        @Schema(description = "Non-blank lines read") int lines,
        @Schema(description = "Lines acknowledged by the broker (status 202)") int accepted,
        @Schema(description = "Lines not accepted (status 400 or 503)") int rejected,
        @Schema(description = "One entry per non-blank line, in order") List<Line> results) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "BatchLine", description = "One line of a batch: accepted with its eventId and slug, or not, with why.")
    public record Line(
            @Schema(description = "The line number in the request body, from 1") int line,
            @Schema(description = "202 accepted; 400 invalid (see errors); 503 the broker did not take it (retry the batch)",
                    enumeration = {"202", "400", "503"}) int status,
            @Schema(description = "The CloudEvent id the announcement travels under (202 only)") String eventId,
            @Schema(description = "The canonical slug (202 only)") String slug,
            @Schema(description = "Why the line was not accepted") String detail,
            @Schema(description = "Every bad field of the line (400 only)") List<Problem.FieldError> errors) {

        static Line accepted(int line, String eventId, String slug) {
            return new Line(line, 202, eventId, slug, null, null);
        }

        static Line failed(int line, int status, String detail, List<Problem.FieldError> errors) {
            return new Line(line, status, null, null, detail, errors);
        }
    }
}
