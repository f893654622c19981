package com.takeover.batch.reports;

import static com.takeover.batch.reports.Sums.countIf;
import static com.takeover.batch.reports.Sums.total;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.when;

import com.takeover.batch.lake.DateRange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The facts summed by every key the conversation-level reports group on (day × topic × segment × channel × risk
 * stratum × high risk × arm × outcome known): one Spark aggregation per run, a few thousand cells per day, which
 * intervention effect, AI gaps, the trend, data quality and alert recall roll up on the driver for their dates.
 * Integer sums only, so any roll-up is exact and independent of partitioning.
 */
public final class FactCells {
    // Sums per cell, by index
    static final int N = 0;
    static final int RESOLVED = 1;
    static final int CSAT_N = 2;
    static final int CSAT_SUM = 3;
    static final int CSAT_SQ = 4;
    static final int REOPENED = 5;
    static final int TTR_N = 6; // time to resolution, of resolved conversations
    static final int TTR_SUM = 7;
    static final int HUMAN_REQUESTED = 8;
    static final int LOW_CONFIDENCE = 9;
    static final int AI_MESSAGES = 10;
    static final int BAD = 11;
    static final int TROUBLED = 12;
    private static final int WIDTH = 13;

    /** One cell; {@code day} is null for conversations without an end time (in no report's range). */
    record Cell(LocalDate day, String topic, String segment, String channel, int riskBin, boolean highRisk,
            boolean takenOver, boolean hasOutcome, long[] sums) {
        long get(int i) {
            return sums[i];
        }
    }

    private FactCells() {}

    static List<Cell> collect(Dataset<Row> facts) {
        Column resolvedTtr = when(col("resolved").equalTo(1), col("timeToResolutionMs"));
        Column[] sums = new Column[WIDTH];
        sums[N] = Sums.rows();
        sums[RESOLVED] = total(col("resolved"));
        sums[CSAT_N] = count(col("csat"));
        sums[CSAT_SUM] = total(col("csat"));
        sums[CSAT_SQ] = total(col("csat").multiply(col("csat")));
        sums[REOPENED] = total(col("reopened"));
        sums[TTR_N] = count(resolvedTtr);
        sums[TTR_SUM] = total(resolvedTtr);
        sums[HUMAN_REQUESTED] = countIf(col("humanRequested"));
        sums[LOW_CONFIDENCE] = total(col("lowConfidenceAnswers"));
        sums[AI_MESSAGES] = total(col("aiMessages"));
        sums[BAD] = total(col("bad"));
        sums[TROUBLED] = total(col("troubled"));
        List<Row> rows = facts.groupBy(col("endDate"), col("topic"), col("segment"), col("channel"), col("riskBin"),
                        col("highRisk"), col("takenOver"), col("hasOutcome"))
                .agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, WIDTH))
                .collectAsList();
        List<Cell> cells = new ArrayList<>(rows.size());
        for (Row r : rows) {
            long[] v = new long[WIDTH];
            for (int i = 0; i < WIDTH; i++) {
                v[i] = Rates.lng(r.get(8 + i));
            }
            cells.add(new Cell(r.isNullAt(0) ? null : r.getDate(0).toLocalDate(), r.getString(1), r.getString(2),
                    r.getString(3), r.getInt(4), r.getBoolean(5), r.getBoolean(6), r.getBoolean(7), v));
        }
        return cells;
    }

    /** The cells of conversations that ended in {@code range}. */
    static List<Cell> in(List<Cell> cells, DateRange range) {
        return cells.stream().filter(c -> c.day() != null && range.contains(c.day())).toList();
    }
}
