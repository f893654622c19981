package com.takeover.batch.lake;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** An inclusive range of UTC dates. */
public record DateRange(LocalDate from, LocalDate to) {
    public DateRange {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("date range ends before it starts: " + from + ".." + to);
        }
    }

    public static DateRange of(LocalDate day) {
        return new DateRange(day, day);
    }

    /** The {@code days} days ending on {@code last}. */
    public static DateRange ending(LocalDate last, int days) {
        return new DateRange(last.minusDays(days - 1L), last);
    }

    public List<LocalDate> days() {
        return from.datesUntil(to.plusDays(1)).toList();
    }

    public boolean contains(LocalDate d) {
        return !d.isBefore(from) && !d.isAfter(to);
    }

    public long startMillis() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** First millisecond after the range. */
    public long endMillisExclusive() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    @Override
    public String toString() {
        return from.equals(to) ? from.toString() : from + ".." + to;
    }
}
