package io.modelwatch.ingest.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Retraction", description = "Why an announcement is withdrawn (the body is optional).")
public record RetractionRequest(@Schema(description = "Free text, shown in the catalog's history", examples = "announced by mistake")
                                String reason) {
}
