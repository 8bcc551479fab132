package io.modelwatch.catalog.dashboard;

import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period the overview shows, as its URL names it: {@code last12} (the twelve months up to this month: a
 * future-dated entry never moves the default window), {@code 2022}, {@code 2022-H1}, {@code 2022-H2}, or
 * {@code custom} with {@code from}/{@code to} months.
 */
public record Period(String id, YearMonth from, YearMonth to) {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})(?:-H([12]))?");

    /** @param today the month the default window ends with (this month, never the newest date in the catalog) */
    public static Period resolve(String id, String fromText, String toText, YearMonth today) {
        if ("custom".equals(id)) {
            YearMonth from = month(fromText);
            YearMonth to = month(toText);
            if (from != null || to != null) {
                from = from == null ? (to.minusMonths(11)) : from;
                to = to == null ? from.plusMonths(11) : to;
                if (to.isBefore(from)) {
                    YearMonth swap = from;
                    from = to;
                    to = swap;
                }
                return new Period("custom", from, to);
            }
        }
        Matcher m = id == null ? null : YEAR.matcher(id);
        if (m != null && m.matches()) {
            int year = Integer.parseInt(m.group(1));
            if (m.group(2) == null) {
                return new Period(id, YearMonth.of(year, 1), YearMonth.of(year, 12));
            }
            return m.group(2).equals("1") ? new Period(id, YearMonth.of(year, 1), YearMonth.of(year, 6))
                    : new Period(id, YearMonth.of(year, 7), YearMonth.of(year, 12));
        }
        return new Period("last12", today.minusMonths(11), today);
    }

    private static YearMonth month(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String t = text.strip();
            return YearMonth.parse(t.length() > 7 ? t.substring(0, 7) : t);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
