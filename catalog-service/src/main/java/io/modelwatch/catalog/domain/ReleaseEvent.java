package io.modelwatch.catalog.domain;

import io.modelwatch.contract.ReleaseAnnounced;
import io.modelwatch.contract.ReleaseRetracted;

/** A release event read from model-releases, already parsed and checked. */
public sealed interface ReleaseEvent {

    String id();

    String type();

    record Announced(String id, String type, ReleaseAnnounced data) implements ReleaseEvent {
    }

    record Retracted(String id, String type, ReleaseRetracted data) implements ReleaseEvent {
    }
}
