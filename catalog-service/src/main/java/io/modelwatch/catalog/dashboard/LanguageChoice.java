package io.modelwatch.catalog.dashboard;

import io.modelwatch.contract.Language;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import java.util.Locale;
import java.util.Optional;

/**
 * The language a dashboard request is answered in: {@code ?lang=} (remembered in a cookie), else the cookie, else the
 * first of the browser's Accept-Language that is one of ours (any zh is Chinese), else English.
 */
public final class LanguageChoice {

    public static final String COOKIE = "modelwatch-lang";

    private LanguageChoice() {
    }

    public static Language of(String query, HttpHeaders headers) {
        Optional<Language> chosen = asked(query);
        if (chosen.isPresent()) {
            return chosen.get();
        }
        var cookie = headers.getCookies().get(COOKIE);
        chosen = cookie == null ? Optional.empty() : Language.preferred(cookie.getValue());
        if (chosen.isPresent()) {
            return chosen.get();
        }
        for (Locale accepted : headers.getAcceptableLanguages()) {
            chosen = Language.preferred(accepted.toLanguageTag());
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        return Language.EN;
    }

    /** The language {@code ?lang=} asks for, if it names one of ours. */
    public static Optional<Language> asked(String query) {
        return Language.preferred(query);
    }

    /** {@code ?lang=}'s language, English when it names none. */
    public static Language askedOrEnglish(String query) {
        return asked(query).orElse(Language.EN);
    }

    /** Remembers the language for a year. */
    public static NewCookie cookie(Language language) {
        return new NewCookie.Builder(COOKIE).value(language.tag()).path("/").maxAge(365 * 24 * 3600)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
