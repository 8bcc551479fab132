package io.modelwatch.ingest.rest;

import io.modelwatch.contract.validation.Limits;
import io.modelwatch.contract.validation.PlainText;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Retraction", description = "Why an announcement is withdrawn (the body is optional).")
public record RetractionRequest(@Schema(description = "Free text on one line, shown in the catalog's history", examples = "announced by mistake")
                                @PlainText @Size(max = Limits.TEXT) String reason) {
}
