package io.modelwatch.ingest.imports;

import java.util.List;
import java.util.Map;

/**
 * The columns of Epoch AI's notable-models CSV that the import reads, under each name they have had: {@code Model} or
 * (older snapshots) {@code System}; {@code Country (of organization)} or {@code Country (from Organization)};
 * {@code Model accessibility} or (older) {@code Open-source}. A leading UTF-8 BOM is not part of the first name.
 */
record EpochColumns(String name, String organization, String country, String published, String domain, String task,
                    String parameters, String parametersNotes, String compute, String computeNotes, String confidence,
                    String link, String baseModel, String accessibility, String abstractText) {

    private static final List<String> NAME = List.of("Model", "System");
    private static final List<String> COUNTRY = List.of("Country (of organization)", "Country (from Organization)");
    private static final List<String> ACCESSIBILITY = List.of("Model accessibility", "Open-source");

    /**
     * The columns of a header (names as the file has them, BOM removed; a column the file lacks is null).
     *
     * @throws IllegalArgumentException when the header has no model name column: not Epoch's file
     */
    static EpochColumns of(Map<String, Integer> header) {
        String name = first(header, NAME);
        if (name == null) {
            throw new IllegalArgumentException("The CSV has no 'Model' (or 'System') column: is it Epoch AI's notable-models file?"
                    + " Its header has: " + String.join(", ", header.keySet().stream().limit(12).toList()));
        }
        return new EpochColumns(name, one(header, "Organization"), first(header, COUNTRY), one(header, "Publication date"),
                one(header, "Domain"), one(header, "Task"), one(header, "Parameters"), one(header, "Parameters notes"),
                one(header, "Training compute (FLOP)"), one(header, "Training compute notes"), one(header, "Confidence"),
                one(header, "Link"), one(header, "Base model"), first(header, ACCESSIBILITY), one(header, "Abstract"));
    }

    /** Whether the accessibility column is the older "Open-source" one. */
    boolean olderAccessibility() {
        return "Open-source".equals(accessibility);
    }

    private static String first(Map<String, Integer> header, List<String> names) {
        return names.stream().filter(header::containsKey).findFirst().orElse(null);
    }

    private static String one(Map<String, Integer> header, String name) {
        return header.containsKey(name) ? name : null;
    }
}
