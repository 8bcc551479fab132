package io.modelwatch.ingest.imports;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Country names as datasets write them, to ISO 3166-1 alpha-2 codes: the JDK's English names of every ISO country
 * ("Canada", "Czechia", "Hong Kong SAR China"), plus the UN-style long names and short forms Epoch AI uses ("United States
 * of America", "Korea (Republic of)", "Hong Kong", "Iran (Islamic Republic of)"). A name it does not know is unknown,
 * never guessed.
 */
final class CountryNames {

    /** Not a country: an organisation spread over several (Epoch's "Multinational"); no code, and not an error. */
    static final String MULTINATIONAL = "multinational";

    private static final Map<String, String> CODES = codes();

    private CountryNames() {
    }

    private static Map<String, String> codes() {
        Map<String, String> codes = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            codes.put(key(new Locale("", code).getDisplayCountry(Locale.ENGLISH)), code);
        }
        Map.ofEntries(
                Map.entry("United States of America", "US"), Map.entry("USA", "US"), Map.entry("United States", "US"),
                Map.entry("United Kingdom of Great Britain and Northern Ireland", "GB"), Map.entry("UK", "GB"),
                Map.entry("Korea (Republic of)", "KR"), Map.entry("Republic of Korea", "KR"), Map.entry("Korea", "KR"),
                Map.entry("Korea (Democratic People's Republic of)", "KP"),
                Map.entry("Hong Kong", "HK"), Map.entry("Macao", "MO"), Map.entry("Macau", "MO"), Map.entry("Taiwan", "TW"),
                Map.entry("Iran (Islamic Republic of)", "IR"), Map.entry("Russian Federation", "RU"), Map.entry("Russia", "RU"),
                Map.entry("Viet Nam", "VN"), Map.entry("Czech Republic", "CZ"), Map.entry("Türkiye", "TR"), Map.entry("Turkey", "TR"),
                Map.entry("Netherlands (Kingdom of the)", "NL"), Map.entry("Bolivia (Plurinational State of)", "BO"),
                Map.entry("Venezuela (Bolivarian Republic of)", "VE"), Map.entry("Tanzania, United Republic of", "TZ"),
                Map.entry("Moldova (Republic of)", "MD"), Map.entry("Syrian Arab Republic", "SY"),
                Map.entry("Lao People's Democratic Republic", "LA"), Map.entry("United Arab Emirates", "AE"))
                .forEach((name, code) -> codes.put(key(name), code));
        return Map.copyOf(codes);
    }

    /** The code of {@code name}, or null when the name is not one of a country known here. */
    static String code(String name) {
        return name == null ? null : CODES.get(key(name));
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace('’', '\'');
    }
}
