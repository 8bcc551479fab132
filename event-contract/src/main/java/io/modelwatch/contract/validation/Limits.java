package io.modelwatch.contract.validation;

/**
 * The sizes the contract takes: every string has a length limit and every list a size limit, the same at ingest (which
 * refuses), in the OpenAPI schema (from the {@code @Size} annotations that use these constants) and in the consumers
 * (which defend), so whatever ingest accepts the catalog can store.
 */
public final class Limits {

    /** A release's name (the catalog's slug and Kafka key are made from it). */
    public static final int NAME = 200;
    /** A name of an organisation, a publisher, a feed. */
    public static final int ORGANIZATION_NAME = 200;
    /** Organisations behind one release (Epoch AI's file lists 37 behind StarCoder). */
    public static final int ORGANIZATIONS = 100;
    /** A short term: a modality, a task, a tag, an architecture, a base model. */
    public static final int TERM = 100;
    /** Entries of one list of terms (modalities, tasks, tags). */
    public static final int TERMS = 50;
    /** A summary in one language, a retraction's reason. */
    public static final int TEXT = 2000;
    /** A link. */
    public static final int URL = 2048;
    /** An ISO 3166-1 alpha-2 country code. */
    public static final int COUNTRY = 2;
    /** Countries of one organisation besides its own. */
    public static final int OTHER_COUNTRIES = 10;
    /** The parameter count's text as written. */
    public static final int PARAMETERS_TEXT = 100;
    /** More parameters than any model has or will soon have (100 trillion): a larger count is a typo or a prank. */
    public static final long MAX_PARAMETERS = 100_000_000_000_000L;
    /** The earliest year a release may be dated. */
    public static final int EARLIEST_YEAR = 1900;
    /** How far ahead of today a release may be dated (announced releases are dated at most this far ahead). */
    public static final int YEARS_AHEAD = 1;

    private Limits() {
    }
}
