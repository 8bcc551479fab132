package io.modelwatch.catalog.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.contract.Language;
import io.modelwatch.contract.compute.TrainingComputeFormatter;
import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.parameters.ParameterCount;
import io.modelwatch.contract.parameters.ParameterCountFormatter;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Values as a reader of the language expects them: dates in their stated precision, counts as 175B / 1,750亿. */
public final class DisplayText {

    private DisplayText() {
    }

    public static DashboardMessages messages(Language lang) {
        return lang.chinese() ? MessageBundles.get(DashboardMessages.class, Localized.Literal.of("zh-CN"))
                : MessageBundles.get(DashboardMessages.class);
    }

    public static String parameters(ParameterCount count, Language lang) {
        return count == null ? messages(lang).undisclosed() : ParameterCountFormatter.format(count, lang.locale());
    }

    public static String published(PublishedDate date, Language lang) {
        if (date == null) {
            return messages(lang).notStated();
        }
        return switch (date.precision()) {
            case YEAR -> lang.chinese() ? date.value() + "年" : date.value();
            case MONTH -> month(YearMonth.from(date.start()), lang);
            case DAY -> lang.chinese() ? DateTimeFormatter.ofPattern("yyyy年M月d日").format(date.start())
                    : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.US).format(date.start());
        };
    }

    public static String month(YearMonth month, Language lang) {
        return lang.chinese() ? DateTimeFormatter.ofPattern("yyyy年M月").format(month)
                : DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH).format(month);
    }

    public static String instant(Instant at, Language lang) {
        if (at == null) {
            return "";
        }
        var time = at.atZone(ZoneOffset.UTC);
        return lang.chinese() ? DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm 'UTC'").format(time)
                : DateTimeFormatter.ofPattern("MMM d, yyyy, HH:mm 'UTC'", Locale.ENGLISH).format(time);
    }

    public static String country(String code, Language lang) {
        if (code == null) {
            return messages(lang).unknown();
        }
        String name = new Locale("", code).getDisplayCountry(lang.locale());
        return name == null || name.isBlank() ? code : name;
    }

    /** A value from the API's JSON (a provenance statement, a revision) as text. */
    public static String json(String field, JsonNode value, Language lang) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "parameters".equals(field) ? messages(lang).undisclosed() : messages(lang).notStated();
        }
        if ("parameters".equals(field) && value.isObject()) {
            return ParameterCountFormatter.format(new ParameterCount(value.path("value").asLong(),
                    value.path("asWritten").asText(null), value.path("approximate").asBoolean(), value.path("note").asText(null)), lang.locale());
        }
        if ("trainingCompute".equals(field) && value.isObject() && value.path("value").isNumber()) {
            return TrainingComputeFormatter.format(value.path("value").asDouble(), value.path("approximate").asBoolean(), lang);
        }
        if ("published".equals(field) && value.isTextual()) {
            try {
                return published(PublishedDate.parse(value.asText()), lang);
            } catch (RuntimeException e) {
                return value.asText();
            }
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(json(field, v, lang)));
            return String.join(lang.chinese() ? "、" : ", ", parts);
        }
        if (value.isObject() && value.has("name")) {
            List<String> countries = new ArrayList<>();
            if (value.hasNonNull("country")) {
                countries.add(country(value.get("country").asText(), lang));
            }
            value.path("otherCountries").forEach(c -> countries.add(country(c.asText(), lang)));
            return value.path("name").asText() + (countries.isEmpty() ? "" : " (" + String.join(lang.chinese() ? "、" : ", ", countries) + ")");
        }
        if (value.isObject()) {
            List<String> parts = new ArrayList<>();
            value.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    parts.add(e.getKey() + ": " + (e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
                }
            });
            return String.join("; ", parts);
        }
        if ("kind".equals(field)) {
            return messages(lang).kindName(value.asText());
        }
        if ("confidence".equals(field)) {
            return messages(lang).confidenceName(value.asText());
        }
        if ("accessibility".equals(field)) {
            return messages(lang).accessibilityName(value.asText());
        }
        if ("modalities".equals(field)) {
            return messages(lang).modalityName(value.asText());
        }
        if ("tags".equals(field)) {
            return messages(lang).tagName(value.asText());
        }
        if (("firstSeen".equals(field) || "lastSeen".equals(field)) && value.isTextual()) {
            try {
                return instant(Instant.parse(value.asText()), lang);
            } catch (RuntimeException e) {
                return value.asText();
            }
        }
        return value.asText();
    }

}
