package io.modelwatch.catalog.dashboard;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import java.util.List;
import java.util.Locale;

/**
 * The two languages of the dashboard. Chosen by {@code ?lang=} (remembered in a cookie), else the cookie, else the
 * browser's Accept-Language (Chinese when it prefers any zh), else English.
 */
public enum Lang {
    EN("en", Locale.ENGLISH),
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE);

    public static final String COOKIE = "modelwatch-lang";

    public final String tag;
    public final Locale locale;

    Lang(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    public Lang other() {
        return this == EN ? ZH_CN : EN;
    }

    public boolean chinese() {
        return this == ZH_CN;
    }

    /** A tag as people write it (zh, zh-CN, zh_cn, en-GB...), or null when it is neither language. */
    public static Lang parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String language = text.strip().toLowerCase(Locale.ROOT).replace('_', '-').split("-")[0];
        return switch (language) {
            case "zh" -> ZH_CN;
            case "en" -> EN;
            default -> null;
        };
    }

    public static Lang of(String query, HttpHeaders headers) {
        Lang chosen = parse(query);
        if (chosen != null) {
            return chosen;
        }
        var cookie = headers.getCookies().get(COOKIE);
        chosen = cookie == null ? null : parse(cookie.getValue());
        if (chosen != null) {
            return chosen;
        }
        List<Locale> accepted = headers.getAcceptableLanguages();
        for (Locale l : accepted) {
            Lang lang = parse(l.toLanguageTag());
            if (lang != null) {
                return lang;
            }
        }
        return EN;
    }

    public NewCookie cookie() {
        return new NewCookie.Builder(COOKIE).value(tag).path("/").maxAge(365 * 24 * 3600).sameSite(NewCookie.SameSite.LAX).build();
    }
}
