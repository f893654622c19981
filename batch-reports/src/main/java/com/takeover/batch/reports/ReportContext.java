package com.takeover.batch.reports;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.takeover.batch.lake.DateRange;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one date's reports are computed from: the reports read the sums; the rows are there for notebooks and
 * other analyses of the same inputs.
 *
 * @param date the report date
 * @param facts {@link ConversationFacts} over everything read (the window, the previous window and the trend)
 * @param alerts TakeoverAlert rows read
 * @param takeovers TakeoverRecord rows read
 * @param sums the facts' and the alerts' sums, shared by the dates of a run
 */
public record ReportContext(LocalDate date, ReportSettings settings, Dataset<Row> facts, Dataset<Row> alerts,
        Dataset<Row> takeovers, RunSums sums) {

    /** A context of its own (one date): its sums are computed on first use. */
    public ReportContext(LocalDate date, ReportSettings settings, Dataset<Row> facts, Dataset<Row> alerts,
            Dataset<Row> takeovers) {
        this(date, settings, facts, alerts, takeovers, new RunSums(facts, alerts, takeovers));
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

    public Dataset<Row> factsIn(DateRange range) {
        return facts.filter(col("endDate").between(lit(Date.valueOf(range.from())), lit(Date.valueOf(range.to()))));
    }

    public Dataset<Row> windowFacts() {
        return factsIn(window());
    }

    /** The fact cells of conversations that ended in {@code range}. */
    List<FactCells.Cell> cellsIn(DateRange range) {
        return sums.cells().cellsIn(range);
    }
}
