package io.modelwatch.contract;

/** CloudEvent types (`ce_type`) and sources (`ce_source`) of modelwatch. Versioned: a breaking change is a new type. */
public final class EventTypes {

    public static final String RELEASE_ANNOUNCED = "io.modelwatch.release.announced.v1";
    public static final String RELEASE_RETRACTED = "io.modelwatch.release.retracted.v1";
    public static final String MODEL_CHANGED = "io.modelwatch.catalog.model.changed.v1";

    public static final String INGEST_SOURCE = "/modelwatch/ingest";
    public static final String CATALOG_SOURCE = "/modelwatch/catalog";

    private EventTypes() {
    }
}
