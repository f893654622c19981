package com.takeover.batch.reports;

import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the reports of one run share: the facts summed once (by day, so every report date of the run rolls up
 * its own windows from the same sums), computed by Spark on first use.
 */
public final class RunSums {
    private final Dataset<Row> facts;
    private final Dataset<Row> takeovers;
    private FactCells cells;

    public RunSums(Dataset<Row> facts, Dataset<Row> takeovers) {
        this.facts = facts;
        this.takeovers = takeovers;
    }

    synchronized FactCells cells() {
        if (cells == null) {
            cells = FactCells.collect(facts, takeovers);
        }
        return cells;
    }

    /** The latest outcomes whose conversation is in the lake read, by the UTC date they became known. */
    public Map<LocalDate, Long> matchedOutcomesByKnownDate() {
        return cells().matchedOutcomesByKnownDate();
    }

    /** Computes the sums now (so that a run's log shows what they took, apart from the reports). */
    public int computeAll() {
        return cells().cells().size() + cells().rules().size() + cells().timing().size();
    }
}
