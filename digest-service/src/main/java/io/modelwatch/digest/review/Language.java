package io.modelwatch.digest.review;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** The languages reviews are written in. */
public enum Language {
    EN("en", Locale.ENGLISH),
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE);

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    @JsonValue
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /** Accepts the BCP 47 tag in any case; "zh" alone means Simplified Chinese. */
    public static Optional<Language> of(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String t = tag.trim();
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
}
