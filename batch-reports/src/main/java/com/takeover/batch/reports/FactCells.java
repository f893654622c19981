package com.takeover.batch.reports;

import static com.takeover.batch.reports.Sums.countIf;
import static com.takeover.batch.reports.Sums.total;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.takeover.batch.lake.DateRange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The facts summed by every key the conversation-level reports group on, in one Spark aggregation per run:
 * <ul>
 * <li>cells: day × topic × segment × channel × risk stratum × high risk × arm × outcome known, a few thousand a
 * day, which intervention effect, AI gaps, the trend, data quality and alert recall roll up on the driver;
 * <li>rule cells: day × alert rule ("*" = any rule), for alert effectiveness.
 * </ul>
 * Integer sums only, so any roll-up is exact and independent of partitioning. One pass over the facts is what
 * makes caching them unnecessary: building a columnar cache of every conversation cost more than computing them.
 */
public record FactCells(List<Cell> cells, List<RuleCell> rules) {
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
    static final int WITH_OUTCOME = 11;
    static final int BAD = 12;
    static final int TROUBLED = 13;
    static final int TROUBLE_KNOWN = 14; // the customer asked for a human, or the outcome is known
    private static final int WIDTH = 15;

    /** One cell; {@code day} is null for conversations without an end time (in no report's range). */
    record Cell(LocalDate day, String topic, String segment, String channel, int riskBin, boolean highRisk,
            boolean takenOver, boolean hasOutcome, long[] sums) {
        long get(int i) {
            return sums[i];
        }
    }

    /** The conversations that ended on {@code day} and that {@code rule} alerted on. */
    record RuleCell(LocalDate day, String rule, long[] sums) {
        long get(int i) {
            return sums[i];
        }
    }

    private static final String[] CELL_KEYS = {
        "topic", "segment", "channel", "riskBin", "highRisk", "takenOver", "hasOutcome"
    };

    static FactCells collect(Dataset<Row> facts) {
        // Each conversation once in its cell (rule null), once per distinct rule that alerted on it and once for
        // "*" when it was alerted (rule ids are never null: the schema's array items are not)
        Column ruleIds = concat(array(lit(null).cast(DataTypes.StringType)), array_distinct(col("alertRuleIds")),
                when(col("alerted"), array(lit(AlertEffectivenessReport.ANY)))
                        .otherwise(array().cast(DataTypes.createArrayType(DataTypes.StringType))));
        Dataset<Row> rows = facts.withColumn("ruleId", explode(ruleIds));
        // Rule rows are summed by day and rule only
        Column cellRow = col("ruleId").isNull();
        Column[] keys = new Column[CELL_KEYS.length + 2];
        keys[0] = col("endDate");
        for (int i = 0; i < CELL_KEYS.length; i++) {
            keys[i + 1] = when(cellRow, col(CELL_KEYS[i])).as(CELL_KEYS[i]);
        }
        keys[keys.length - 1] = col("ruleId");

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
        sums[WITH_OUTCOME] = countIf(col("hasOutcome"));
        sums[BAD] = total(col("bad"));
        sums[TROUBLED] = total(col("troubled"));
        sums[TROUBLE_KNOWN] = count(col("troubled"));

        List<Cell> cells = new ArrayList<>();
        List<RuleCell> rules = new ArrayList<>();
        for (Row r : rows.groupBy(keys).agg(sums[0], Arrays.copyOfRange(sums, 1, WIDTH)).collectAsList()) {
            LocalDate day = r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
            long[] v = new long[WIDTH];
            for (int i = 0; i < WIDTH; i++) {
                v[i] = Rates.lng(r.get(keys.length + i));
            }
            String rule = r.getString(keys.length - 1);
            if (rule != null) {
                rules.add(new RuleCell(day, rule, v));
            } else {
                cells.add(new Cell(day, r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getBoolean(5),
                        r.getBoolean(6), r.getBoolean(7), v));
            }
        }
        return new FactCells(cells, rules);
    }

    /** The cells of conversations that ended in {@code range}. */
    List<Cell> cellsIn(DateRange range) {
        return cells.stream().filter(c -> c.day() != null && range.contains(c.day())).toList();
    }

    /** The rule cells of conversations that ended in {@code range}. */
    List<RuleCell> rulesIn(DateRange range) {
        return rules.stream().filter(c -> c.day() != null && range.contains(c.day())).toList();
    }
}
