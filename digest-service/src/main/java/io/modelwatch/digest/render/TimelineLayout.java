package io.modelwatch.digest.render;

import io.modelwatch.contract.PublishedDate;
import io.modelwatch.contract.Language;
import io.modelwatch.digest.review.Period;
import io.modelwatch.digest.review.Review;
import io.modelwatch.digest.review.Review.Entry;
import io.modelwatch.digest.review.Review.SectionKey;
import io.modelwatch.digest.review.Review.Timeline;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Places the timeline section's releases on a month axis, in SVG user units: a mark at the middle of each release's
 * stated date range, its label in the first row above the axis where it overlaps no other label (7 units a Latin
 * character, 14 a CJK one); near the right edge a label ends at its mark instead of starting there.
 */
public final class TimelineLayout {

    private static final int WIDTH = 960;
    private static final int LEFT = 20;
    private static final int RIGHT = 20;
    private static final int ROW_HEIGHT = 18;
    private static final int CHAR_WIDTH = 7;

    private TimelineLayout() {
    }

    /** The review with its timeline laid out; unchanged (no timeline) when it has no timeline section. */
    public static Review laidOut(Review review, Language language) {
        return review.section(SectionKey.TIMELINE).map(s -> review.withTimeline(layout(review.period(), s, language)))
                .orElse(review);
    }

    private static Timeline layout(Period period, Review.Section section, Language language) {
        List<Entry> marks = section.entries();
        long days = Math.max(1, period.days());
        double perDay = (double) (WIDTH - LEFT - RIGHT) / days;
        boolean zh = language == Language.ZH_CN;
        List<Timeline.Tick> ticks = new ArrayList<>();
        YearMonth month = YearMonth.from(period.from());
        int monthCount = (int) ChronoUnit.MONTHS.between(month, YearMonth.from(period.to())) + 1;
        int step = Math.max(1, (int) Math.ceil(monthCount / 12.0));
        for (int i = 0; !month.isAfter(YearMonth.from(period.to())); i++, month = month.plusMonths(1)) {
            LocalDate first = month.atDay(1).isBefore(period.from()) ? period.from() : month.atDay(1);
            if (i % step == 0) {
                String label = zh ? month.getYear() + "年" + month.getMonthValue() + "月"
                        : month.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + month.getYear();
                ticks.add(new Timeline.Tick(LEFT + (int) Math.round(ChronoUnit.DAYS.between(period.from(), first) * perDay), label));
            }
        }
        record Slot(Entry entry, int x, int left, int right, boolean end) {
        }
        List<Slot> slots = new ArrayList<>();
        for (Entry m : marks) {
            PublishedDate published = PublishedDate.parse(m.published());
            LocalDate start = published.start().isBefore(period.from()) ? period.from() : published.start();
            LocalDate end = published.end().isAfter(period.to()) ? period.to() : published.end();
            double middle = ChronoUnit.DAYS.between(period.from(), start) + ChronoUnit.DAYS.between(start, end) / 2.0;
            int x = LEFT + (int) Math.round(middle * perDay);
            int labelWidth = m.nameShown().codePoints().map(c -> c > 0x2E80 ? 2 * CHAR_WIDTH : CHAR_WIDTH).sum() + 8;
            boolean atEnd = x + labelWidth > WIDTH;
            slots.add(new Slot(m, x, atEnd ? x - labelWidth : x - 2, atEnd ? x + 2 : x + labelWidth, atEnd));
        }
        slots.sort(Comparator.comparingInt(Slot::left));
        List<List<int[]>> rowsTaken = new ArrayList<>();
        List<int[]> positions = new ArrayList<>();
        for (Slot slot : slots) {
            int row = 0;
            while (row < rowsTaken.size()
                    && rowsTaken.get(row).stream().anyMatch(r -> r[0] < slot.right() && slot.left() < r[1])) {
                row++;
            }
            if (row == rowsTaken.size()) {
                rowsTaken.add(new ArrayList<>());
            }
            rowsTaken.get(row).add(new int[] {slot.left(), slot.right()});
            positions.add(new int[] {slot.x(), row});
        }
        int rows = Math.max(1, rowsTaken.size());
        int axisY = 20 + rows * ROW_HEIGHT;
        List<Timeline.Mark> placed = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            Entry m = slots.get(i).entry();
            int[] pos = positions.get(i);
            placed.add(new Timeline.Mark(pos[0], axisY - 8 - pos[1] * ROW_HEIGHT, slots.get(i).end(), m.nameShown(), m.slug(),
                    m.china(), m.published(), m.catalogUrl()));
        }
        return new Timeline(WIDTH, axisY + 30, axisY, ticks, placed, marks.size(), section.total());
    }
}
