package io.modelwatch.digest.store;

import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A review in the archive and the feed: everything but its body. */
@TemplateData
public record DigestHeader(UUID id, String kind, String period, int version,
                           LocalDate from, LocalDate to, String language, String title, String summary,
                           Instant createdAt) {
}
