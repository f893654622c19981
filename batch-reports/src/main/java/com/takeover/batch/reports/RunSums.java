package com.takeover.batch.reports;

import com.takeover.batch.lake.DateRange;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the reports of one run share, computed by Spark on first use: the facts summed once (by day, so every
 * report date of the run rolls up its own windows from the same sums), and the alerts summed per report window.
 */
public final class RunSums {
    private final Dataset<Row> facts;
    private final Dataset<Row> alerts;
    private final Dataset<Row> takeovers;
    private final Dataset<Row> latestOutcomes;
    private FactCells cells;
    private final Map<AlertWindow, Map<String, AlertEffectivenessReport.AlertSums>> alertSums = new HashMap<>();

    /** The alerts of one report window, and how soon a takeover counts as acting on an alert. */
    private record AlertWindow(DateRange window, long actedWithinMs) {}

    /** The sums the reports need. */
    public RunSums(Dataset<Row> facts, Dataset<Row> alerts, Dataset<Row> takeovers) {
        this(facts, alerts, takeovers, null);
    }

    /** The sums the reports need, and the latest outcomes counted by the day they became known. */
    public RunSums(Dataset<Row> facts, Dataset<Row> alerts, Dataset<Row> takeovers, Dataset<Row> latestOutcomes) {
        this.facts = facts;
        this.alerts = alerts;
        this.takeovers = takeovers;
        this.latestOutcomes = latestOutcomes;
    }

    synchronized FactCells cells() {
        if (cells == null) {
            cells = SparkJobs.described(takeovers.sparkSession(), "the facts summed",
                    () -> FactCells.collect(facts, takeovers, latestOutcomes));
        }
        return cells;
    }

    /** The alerts fired in {@code window} summed per rule ("*" = any rule). */
    synchronized Map<String, AlertEffectivenessReport.AlertSums> alertSums(DateRange window, ReportSettings s) {
        return alertSums.computeIfAbsent(new AlertWindow(window, s.actedWithinMinutes() * 60_000L),
                w -> SparkJobs.described(alerts.sparkSession(), "the alerts of " + w.window() + " summed",
                        () -> AlertEffectivenessReport.alertSums(alerts, takeovers, w.window(), w.actedWithinMs())));
    }

    /** The latest outcomes whose conversation is in the lake read, by the UTC date they became known. */
    public Map<LocalDate, Long> matchedOutcomesByKnownDate() {
        return cells().matchedOutcomesByKnownDate();
    }

    /** Every latest outcome by the UTC date it became known (empty unless the latest outcomes were given). */
    public Map<LocalDate, Long> latestOutcomesByKnownDate() {
        return cells().latestOutcomesByKnownDate();
    }

    /** Older versions of outcomes that a later version replaced (0 unless the latest outcomes were given). */
    public long supersededOutcomes() {
        return cells().supersededOutcomes();
    }

    /**
     * Computes the sums now, so that a run's log shows what they took apart from the reports: the facts' sums, and
     * the alerts' sums of each date's window.
     *
     * @param dates the report dates of the run, whose windows' alerts are summed
     * @return how many cells the facts were summed into
     */
    public int computeAll(List<ReportContext> dates) {
        for (ReportContext ctx : dates) {
            alertSums(ctx.window(), ctx.settings());
        }
        return cells().cells().size() + cells().rules().size() + cells().timing().size();
    }
}
