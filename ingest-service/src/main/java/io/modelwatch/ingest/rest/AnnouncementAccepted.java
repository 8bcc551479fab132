package io.modelwatch.ingest.rest;

/** The answer to an accepted announcement: the CloudEvent id it travels under and the catalog slug. */
public record AnnouncementAccepted(String eventId, String slug) {
}
