package io.modelwatch.catalog.dashboard;

import java.util.List;

/** One model's page as a reader reads it: the facts first, then its links, every field with its sources, its history. */
public record ModelPage(String slug, String name, String original, String summary, List<Field> facts, Size size,
                        List<Link> links, List<Field> fields, List<Source> sources, List<Provenance> provenance,
                        List<Revision> revisions) {

    public record Field(String name, String label, String value) {
    }

    /** source: who said it (the source's name, else the publisher); url: the source's link, null when none or not http(s). */
    public record Statement(String value, String source, String url, String confidence, String at, boolean shown) {
    }

    public record Provenance(String label, List<Statement> statements) {
    }

    /** One revision as a reader reads it: what changed, from which source, when. */
    public record Revision(long revision, String cause, List<String> changes, String source, String url, String at) {
    }

    public record Link(String label, String url) {
    }

    /** One announcement of the entry: its source (named and linked), the publisher that sent it, when. */
    public record Source(String name, String url, String publisher, String confidence, String at) {
    }

    /** The parameter count with its context: against GPT-3 and against the median of its year. */
    public record Size(String value, boolean undisclosed, String versusReference, String versusPeriod) {
    }
}
