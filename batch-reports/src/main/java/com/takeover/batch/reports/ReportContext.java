package com.takeover.batch.reports;

import com.takeover.batch.lake.DateRange;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one date's reports are computed from.
 *
 * @param date the report date
 * @param sums the facts' and alerts' sums, shared by the dates of a run
 */
public record ReportContext(LocalDate date, ReportSettings settings, RunSums sums) {

    /**
     * A context of its own (one date): its sums are computed on first use.
     *
     * @param facts {@link ConversationFacts} over everything read (the window, the previous window and the trend)
     * @param alerts TakeoverAlert rows read
     * @param takeovers TakeoverRecord rows read
     */
    public ReportContext(LocalDate date, ReportSettings settings, Dataset<Row> facts, Dataset<Row> alerts,
            Dataset<Row> takeovers) {
        this(date, settings, new RunSums(facts, alerts, takeovers));
    }

    /** The conversations this date's report is about: those that ended in the window. */
    public DateRange window() {
        return DateRange.ending(date, settings.windowDays());
    }

    /** The window before, for "change against the previous period". */
    public DateRange previousWindow() {
        return DateRange.ending(date.minusDays(settings.windowDays()), settings.windowDays());
    }

    public DateRange trendRange() {
        return DateRange.ending(date, settings.trendDays());
    }

    /** The fact cells of conversations that ended in {@code range}. */
    List<FactCells.Cell> cellsIn(DateRange range) {
        return sums.cells().cellsIn(range);
    }
}
