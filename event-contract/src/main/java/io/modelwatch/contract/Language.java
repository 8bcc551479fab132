package io.modelwatch.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * The two languages modelwatch writes for readers (dashboard, reviews, mails, feeds), one enum for every service.
 * {@link #of} reads a language given in an API field, strictly; {@link #preferred} reads a language a browser or a
 * reader expresses (Accept-Language, a cookie, {@code ?lang=}), by its primary subtag.
 */
public enum Language {
    EN("en", Locale.ENGLISH),
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE);

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** The BCP 47 tag: {@code en} or {@code zh-CN}. */
    @JsonValue
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    public boolean chinese() {
        return this == ZH_CN;
    }

    public Language other() {
        return this == EN ? ZH_CN : EN;
    }

    /** An API field's value: one of the tags in any case, {@code zh} and {@code zh-Hans} meaning Simplified Chinese. */
    public static Optional<Language> of(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String t = tag.strip();
        if (t.equalsIgnoreCase("zh") || t.equalsIgnoreCase("zh-Hans")) {
            return Optional.of(ZH_CN);
        }
        for (Language l : values()) {
            if (l.tag.equalsIgnoreCase(t)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * A preference as people and browsers write it ({@code zh}, {@code zh-CN}, {@code zh_cn}, {@code zh-TW},
     * {@code en-GB}...), by its primary subtag; empty when it is neither language.
     */
    public static Optional<Language> preferred(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String primary = text.strip().toLowerCase(Locale.ROOT).replace('_', '-').split("-")[0];
        return switch (primary) {
            case "zh" -> Optional.of(ZH_CN);
            case "en" -> Optional.of(EN);
            default -> Optional.empty();
        };
    }
}
