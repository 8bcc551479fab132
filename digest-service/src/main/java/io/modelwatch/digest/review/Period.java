package io.modelwatch.digest.review;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days a review covers, both ends inclusive, and how they were cut. Calendar kinds have a key
 * ("2022-W05", "2022-03", "2022-Q1", "2022-H1", "2022"; a
 * mid-year review by the year it ends in, "2022" for July 2021 to June 2022); an on-demand range is keyed "from..to".
 */
public record Period(ReviewKind kind, LocalDate from, LocalDate to) {

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern HALF = Pattern.compile("(\\d{4})-H([12])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");

    public Period {
        if (kind == null || from == null || to == null || to.isBefore(from)) {
            throw new IllegalArgumentException("a period needs a kind and from <= to");
        }
    }

    public static Period onDemand(LocalDate from, LocalDate to) {
        return new Period(ReviewKind.ON_DEMAND, from, to);
    }

    /** The period of this kind that contains the day. */
    public static Period containing(ReviewKind kind, LocalDate day) {
        return switch (kind) {
            case WEEKLY -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new Period(kind, monday, monday.plusDays(6));
            }
            case MONTHLY -> new Period(kind, day.withDayOfMonth(1), YearMonth.from(day).atEndOfMonth());
            case QUARTERLY -> {
                int firstMonth = (day.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1;
                LocalDate start = LocalDate.of(day.getYear(), firstMonth, 1);
                yield new Period(kind, start, start.plusMonths(3).minusDays(1));
            }
            case HALF_YEAR -> {
                LocalDate start = LocalDate.of(day.getYear(), day.getMonthValue() <= 6 ? 1 : 7, 1);
                yield new Period(kind, start, start.plusMonths(6).minusDays(1));
            }
            case YEARLY -> new Period(kind, LocalDate.of(day.getYear(), 1, 1), LocalDate.of(day.getYear(), 12, 31));
            case MID_YEAR -> {
                int endYear = day.getMonthValue() <= 6 ? day.getYear() : day.getYear() + 1;
                yield new Period(kind, LocalDate.of(endYear - 1, 7, 1), LocalDate.of(endYear, 6, 30));
            }
            case ON_DEMAND -> new Period(kind, day, day);
        };
    }

    /** The last period of this kind that ended before the day: what a scheduler publishes on that day. */
    public static Period lastCompleted(ReviewKind kind, LocalDate today) {
        Period current = containing(kind, today);
        return current.previous();
    }

    /**
     * The period just before, to compare with: the previous calendar period for calendar kinds
     * (so February follows January whatever their lengths), the same number of days for a range.
     */
    public Period previous() {
        if (kind == ReviewKind.ON_DEMAND) {
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            return new Period(kind, from.minusDays(days), from.minusDays(1));
        }
        return containing(kind, from.minusDays(1));
    }

    public String key() {
        return switch (kind) {
            case WEEKLY -> String.format("%d-W%02d", from.get(IsoFields.WEEK_BASED_YEAR), from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTHLY -> YearMonth.from(from).toString();
            case QUARTERLY -> from.getYear() + "-Q" + from.get(IsoFields.QUARTER_OF_YEAR);
            case HALF_YEAR -> from.getYear() + "-H" + (from.getMonthValue() <= 6 ? 1 : 2);
            case YEARLY -> String.valueOf(from.getYear());
            case MID_YEAR -> String.valueOf(to.getYear());
            case ON_DEMAND -> from + ".." + to;
        };
    }

    /** Reads a key of the kind back into its period. */
    public static Period parse(ReviewKind kind, String key) {
        String k = key == null ? "" : key.strip();
        Matcher m;
        try {
            switch (kind) {
                case WEEKLY -> {
                    if ((m = WEEK.matcher(k)).matches()) {
                        LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), 1, 4)
                                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Long.parseLong(m.group(2)));
                        Period p = containing(kind, day);
                        if (p.key().equals(k)) {
                            return p;
                        }
                    }
                }
                case MONTHLY -> {
                    if ((m = MONTH.matcher(k)).matches()) {
                        return containing(kind, YearMonth.parse(k).atDay(1));
                    }
                }
                case QUARTERLY -> {
                    if ((m = QUARTER.matcher(k)).matches()) {
                        return containing(kind, LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1));
                    }
                }
                case HALF_YEAR -> {
                    if ((m = HALF.matcher(k)).matches()) {
                        return containing(kind, LocalDate.of(Integer.parseInt(m.group(1)), m.group(2).equals("1") ? 1 : 7, 1));
                    }
                }
                case YEARLY -> {
                    if (YEAR.matcher(k).matches()) {
                        return containing(kind, LocalDate.of(Integer.parseInt(k), 1, 1));
                    }
                }
                case MID_YEAR -> {
                    if (YEAR.matcher(k).matches()) {
                        return containing(kind, LocalDate.of(Integer.parseInt(k), 6, 30));
                    }
                }
                case ON_DEMAND -> {
                    if ((m = RANGE.matcher(k)).matches()) {
                        return onDemand(LocalDate.parse(m.group(1)), LocalDate.parse(m.group(2)));
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + k + "' is not a " + kind.tag() + " period", e);
        }
        throw new IllegalArgumentException("'" + k + "' is not a " + kind.tag() + " period ("
                + switch (kind) {
                    case WEEKLY -> "2022-W05";
                    case MONTHLY -> "2022-03";
                    case QUARTERLY -> "2022-Q1";
                    case HALF_YEAR -> "2022-H1";
                    case YEARLY -> "2022";
                    case MID_YEAR -> "2022, the twelve months to 30 June 2022";
                    case ON_DEMAND -> "2021-07-01..2022-06-30";
                } + ")");
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
