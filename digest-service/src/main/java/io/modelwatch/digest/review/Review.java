package io.modelwatch.digest.review;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import io.modelwatch.contract.Kind;
import io.modelwatch.contract.Organization;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A review computed from the read model: what the templates write about, and the evidence behind every figure.
 * Words live in the templates and message bundles; numbers are already written the language's way
 * ({@code *Shown}) so that every output shows the same figure.
 *
 * @param figures every figure the review states, by key, each with the models (slugs) and catalog query behind it
 * @param trends the period against the previous one of the same length, metric by metric
 * @param sections the sections that have content, in the order they are read
 * @param compute the period's largest training run and the compute growth up to the period's end; null when no release
 *        of the period states its training compute
 * @param credits the credit lines that the licences of the data shown require (Epoch AI's CC BY 4.0); empty when none
 */
public record Review(Period period, Period previousPeriod, Reference reference, Map<String, Figure> figures,
                     List<Trend> trends, List<Section> sections, Timeline timeline, Compute compute,
                     List<Credit> credits) {

    public Review {
        credits = credits == null ? List.of() : credits; // reviews stored before credits existed
    }

    public Optional<Section> section(SectionKey key) {
        return sections.stream().filter(s -> s.key() == key).findFirst();
    }

    public Figure figure(String key) {
        return figures.get(key);
    }

    public Review withTimeline(Timeline laidOut) {
        return new Review(period, previousPeriod, reference, figures, trends, sections, laidOut, compute, credits);
    }

    /** The sections of the reference article, in its order. */
    public enum SectionKey {
        FRAMING, TIMELINE, BIGGEST, COMPUTE, SMALLER, MULTIMODAL, GENERALIST, RETRIEVAL_TOOLS, CHINA, OPEN, APPLICATIONS,
        FRAMEWORKS, SUMMARY;

        @JsonValue
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The model sizes are compared with ("1/16 of GPT-3").
     *
     * @param catalogUrl its catalog entry when the catalog knows it, else null
     */
    public record Reference(String name, String slug, long parameters, String parametersShown, String catalogUrl) {
    }

    /**
     * A number the review states, and how to reproduce it.
     *
     * @param value the number (a share is a fraction in [0, 1]), null when there is nothing to compute it from
     * @param shown the number as the review writes it
     * @param slugs the models it counts or is computed from
     * @param of for a share: the models it is a share of (the denominator); else null
     * @param excluded models left out of it (undisclosed sizes, unstated accessibility), never silently
     * @param query the catalog API query that lists {@code slugs} (or the denominator), when the catalog can express it
     */
    public record Figure(String key, Double value, String shown, List<String> slugs, List<String> of,
                         List<String> excluded, String query) {

        @JsonIgnore
        public int count() {
            return slugs.size();
        }

        @JsonIgnore
        public int excludedCount() {
            return excluded == null ? 0 : excluded.size();
        }
    }

    /**
     * One metric, this period against the previous.
     *
     * @param direction up, down, same, or unknown when there is too little data on either side
     * @param comparable false when either period has fewer than the minimum sample: the review says so instead
     */
    public record Trend(String metric, Double current, Double previous, String currentShown, String previousShown,
                        String direction, boolean comparable, int currentSample, int previousSample,
                        String currentFigure, String previousFigure) {
    }

    /**
     * A section with its content.
     *
     * @param total how many models belong in it ({@code entries} may be capped; the figure lists them all)
     * @param figure the key of the figure that lists every model of the section
     */
    public record Section(SectionKey key, int total, List<Entry> entries, String figure) {

        @JsonIgnore
        public int more() {
            return total - entries.size();
        }
    }

    /**
     * A model (or framework, or application) as a section mentions it.
     *
     * @param parameters the exact count, null when undisclosed
     * @param parametersShown "175B" / "1,750亿", "~100B" / "千亿级" when approximate, "undisclosed" / "未公开"
     * @param relative the size against the reference: "1/16" ({@code relativeForm} "fraction") or "78%" ("percent"); null when not compared
     * @param catalogUrl the model's page on the catalog's dashboard
     * @param nameShown the name as the review's language writes it (盘古 for Pangu in Chinese), {@code name} otherwise
     * @param full listed in full here; false when another section lists it and this one only names it
     */
    public record Entry(String slug, String name, Kind kind, List<Organization> organizations, String organizationsShown,
                        String published, String publishedShown, Long parameters, String parametersShown,
                        boolean parametersApproximate, String accessibility, boolean openWeights,
                        List<String> modalities, List<String> tags, boolean china, String relative, String relativeForm,
                        String summary, String catalogUrl, boolean full, String nameShown) {

        @JsonIgnore
        public boolean disclosed() {
            return parameters != null;
        }

        /** The same entry, listed in full here or only named (it is listed in full in another section). */
        public Entry withFull(boolean listedInFull) {
            return new Entry(slug, name, kind, organizations, organizationsShown, published, publishedShown, parameters,
                    parametersShown, parametersApproximate, accessibility, openWeights, modalities, tags, china, relative,
                    relativeForm, summary, catalogUrl, listedInFull, nameShown);
        }
    }

    /**
     * The timeline figure: marks placed on a month axis (SVG user units), China's releases highlighted. A mark with
     * {@code end} has its label ending at the mark (near the right edge).
     */
    public record Timeline(int width, int height, int axisY, List<Tick> ticks, List<Mark> marks, int shown, int total) {

        public record Tick(int x, String label) {
        }

        public record Mark(int x, int y, boolean end, String name, String slug, boolean china, String published, String catalogUrl) {
        }
    }

    /**
     * The period's largest training run, and how training compute grew up to the period's end.
     *
     * @param largest the release with the most training compute published in the period (figure {@code compute.largest})
     * @param flop its training compute
     * @param flopShown its compute as the review writes it ("2.05×10²⁴", "~2×10²⁴" when estimated or rounded)
     * @param known how many releases of the period state their training compute (the largest is the largest of these)
     * @param growth the fitted growth, null with fewer than {@code minimumPoints} dated releases with compute
     */
    public record Compute(Entry largest, double flop, String flopShown, int known, Growth growth) {
    }

    /**
     * A log-linear fit of the training compute of releases published from {@code since} to the period's end
     * ({@code event-contract}'s GrowthTrend, seeded so that the same data always states the same interval).
     *
     * @param n the releases fitted, dated {@code from} to {@code to}
     * @param perYear the growth as a factor per year, with its 90 % bootstrap interval
     * @param doublingMonths null when compute does not grow; its interval null when the growth's includes no growth
     * @param largestAgainstTrend the largest run's compute divided by the trend line's value on its publication date
     */
    public record Growth(java.time.LocalDate since, int n, java.time.LocalDate from, java.time.LocalDate to,
                         double perYear, double perYearLow, double perYearHigh, Double doublingMonths,
                         Double doublingLow, Double doublingHigh, double largestAgainstTrend) {
    }

    /**
     * A credit line the licence of shown data requires.
     *
     * @param line the credit as its owner asks for it
     * @param licence the licence's URL
     * @param slugs the releases of the review (listed or fitted) that carry the data
     */
    public record Credit(String line, String licenceName, String licence, List<String> slugs) {
    }
}
