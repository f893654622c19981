package com.takeover.batch.reports;

import static com.takeover.batch.reports.Sums.countIf;
import static com.takeover.batch.reports.Sums.total;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.when;

import com.takeover.batch.lake.DateRange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The facts summed by every key the conversation-level reports group on, in one Spark aggregation per run:
 * <ul>
 * <li>cells: day × topic × segment × channel × risk stratum × high risk × arm × outcome known × alerted, a few
 * thousand a day, which intervention effect, AI gaps, the trend, data quality and alert effectiveness's recall and
 * "any rule" row roll up on the driver;
 * <li>rule cells: day × alert rule, for alert effectiveness;
 * <li>timing cells: day × the four takeover-timing buckets of the taken-over conversations;
 * <li>matched outcomes: the conversations with an outcome by the day it became known (the outcomes whose
 * conversation is in the lake; the others are orphans);
 * <li>latest outcomes: every latest outcome by the day it became known, and the older versions it replaced (the
 * latest outcomes' rows are summed in the same aggregation, so counting them costs no job of its own).
 * </ul>
 * Integer sums only, so any roll-up is exact and independent of partitioning. One pass over the facts is what
 * makes caching them unnecessary: building a columnar cache of every conversation cost more than computing them.
 */
public record FactCells(List<Cell> cells, List<RuleCell> rules, List<TakeoverTimingReport.TimingCell> timing,
        Map<LocalDate, Long> matchedOutcomesByKnownDate, Map<LocalDate, Long> latestOutcomesByKnownDate,
        long supersededOutcomes) {
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
    static final int SUPERSEDED = 15; // older versions of the latest outcomes
    private static final int WIDTH = 16;

    // What a summed row is: kind 0..3 are the positions of a conversation's exploded rows, 4 a latest outcome
    private static final int KIND_CELL = 0;
    private static final int KIND_TIMING = 1;
    private static final int KIND_MATCHED_OUTCOME = 2;
    private static final int KIND_RULE = 3;
    private static final int KIND_LATEST_OUTCOME = 4;

    /** One cell; {@code day} is null for conversations without an end time (in no report's range). */
    record Cell(LocalDate day, String topic, String segment, String channel, int riskBin, boolean highRisk,
            boolean takenOver, boolean hasOutcome, boolean alerted, long[] sums) {
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

    private static final DataType STRINGS = DataTypes.createArrayType(DataTypes.StringType);
    /** The facts' columns the sums read. */
    private static final String[] MEASURES = {
        "resolved", "csat", "reopened", "humanRequested", "lowConfidenceAnswers", "aiMessages", "hasOutcome", "bad",
        "troubled"
    };
    private static final String[] CELL_KEYS = {
        "topic", "segment", "channel", "riskBin", "highRisk", "takenOver", "hasOutcome", "alerted"
    };

    /**
     * @param latestOutcomes {@link ConversationFacts#latestOutcomes}, or null for a run that does not count them (its
     *     latest-outcome sums are then empty)
     */
    static FactCells collect(Dataset<Row> facts, Dataset<Row> takeovers, Dataset<Row> latestOutcomes) {
        // At most one first takeover per conversation, so the join keeps one row per conversation
        Dataset<Row> first = TakeoverTimingReport.firstTakeovers(takeovers);
        Dataset<Row> withFirst = facts.join(first, facts.col("conversationId").equalTo(first.col("t_id")), "left");
        // Each conversation as its cell (position 0), as its timing cell when taken over (position 1), as a matched
        // outcome when it has one (position 2), and once per distinct rule that alerted on it (positions 3..). "Any
        // rule" is the cells with alerted set: a row of its own for every alerted conversation would cost a fifth more
        Column ruleIds = concat(array(lit(null), lit(null), lit(null)).cast(STRINGS),
                array_distinct(col("alertRuleIds")));
        Dataset<Row> rows = withFirst.select(col("*"), posexplode(ruleIds).as(new String[] {"pos", "ruleId"}))
                .filter(when(col("pos").equalTo(1), col("t_id").isNotNull())
                        .when(col("pos").equalTo(2), col("hasOutcome")).otherwise(true));
        // Each kind is summed by its own keys (the others null); a matched outcome by the day it became known
        Column cellRow = col("pos").equalTo(0);
        Column timingRow = col("pos").equalTo(1);
        Column outcomeRow = col("pos").equalTo(2);
        Column[] buckets = TakeoverTimingReport.buckets();
        String[] keyNames = new String[3 + CELL_KEYS.length + buckets.length];
        Column[] keys = new Column[keyNames.length];
        keyNames[0] = "day";
        keys[0] = when(outcomeRow, col("outcomeKnownDate")).otherwise(col("endDate"));
        keyNames[1] = "kind";
        keys[1] = least(col("pos"), lit(KIND_RULE));
        keyNames[2] = "ruleId";
        keys[2] = col("ruleId");
        for (int i = 0; i < CELL_KEYS.length; i++) {
            keyNames[3 + i] = CELL_KEYS[i];
            keys[3 + i] = when(cellRow, col(CELL_KEYS[i]));
        }
        for (int d = 0; d < buckets.length; d++) {
            keyNames[3 + CELL_KEYS.length + d] = "b" + d;
            keys[3 + CELL_KEYS.length + d] = when(timingRow, buckets[d]);
        }
        List<Column> keyed = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            keyed.add(keys[i].as(keyNames[i]));
        }
        for (String m : MEASURES) {
            keyed.add(col(m).as(measure(m)));
        }
        keyed.add(when(col("resolved").equalTo(1), col("timeToResolutionMs")).as(measure("resolvedTtr")));
        keyed.add(lit(null).cast(DataTypes.LongType).as(measure("superseded")));
        Dataset<Row> summed = rows.select(keyed.toArray(Column[]::new));
        if (latestOutcomes != null) {
            // The conversations' columns are null in these rows, and theirs in the conversations' rows
            summed = summed.unionByName(latestOutcomes.select(
                    ConversationFacts.knownDate(col("knownAt")).as("day"), lit(KIND_LATEST_OUTCOME).as("kind"),
                    col("superseded").cast(DataTypes.LongType).as(measure("superseded"))), true);
        }

        Column[] sums = new Column[WIDTH];
        sums[N] = Sums.rows();
        sums[RESOLVED] = total(m("resolved"));
        sums[CSAT_N] = count(m("csat"));
        sums[CSAT_SUM] = total(m("csat"));
        sums[CSAT_SQ] = total(m("csat").multiply(m("csat")));
        sums[REOPENED] = total(m("reopened"));
        sums[TTR_N] = count(m("resolvedTtr"));
        sums[TTR_SUM] = total(m("resolvedTtr"));
        sums[HUMAN_REQUESTED] = countIf(m("humanRequested"));
        sums[LOW_CONFIDENCE] = total(m("lowConfidenceAnswers"));
        sums[AI_MESSAGES] = total(m("aiMessages"));
        sums[WITH_OUTCOME] = countIf(m("hasOutcome"));
        sums[BAD] = total(m("bad"));
        sums[TROUBLED] = total(m("troubled"));
        sums[TROUBLE_KNOWN] = count(m("troubled"));
        sums[SUPERSEDED] = total(m("superseded"));

        List<Cell> cells = new ArrayList<>();
        List<RuleCell> rules = new ArrayList<>();
        List<TakeoverTimingReport.TimingCell> timing = new ArrayList<>();
        Map<LocalDate, Long> matched = new TreeMap<>();
        Map<LocalDate, Long> latest = new TreeMap<>();
        long superseded = 0;
        List<Row> summedRows = summed.groupBy(keyNames[0], Arrays.copyOfRange(keyNames, 1, keyNames.length))
                .agg(sums[0], Arrays.copyOfRange(sums, 1, WIDTH)).collectAsList();
        for (Row r : summedRows) {
            LocalDate day = r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
            long[] v = new long[WIDTH];
            for (int i = 0; i < WIDTH; i++) {
                v[i] = Rates.lng(r.get(keys.length + i));
            }
            switch (r.getInt(1)) {
                case KIND_CELL -> cells.add(new Cell(day, r.getString(3), r.getString(4), r.getString(5), r.getInt(6),
                        r.getBoolean(7), r.getBoolean(8), r.getBoolean(9), r.getBoolean(10), v));
                case KIND_TIMING -> {
                    int[] b = new int[buckets.length];
                    for (int d = 0; d < b.length; d++) {
                        b[d] = r.getInt(3 + CELL_KEYS.length + d);
                    }
                    timing.add(new TakeoverTimingReport.TimingCell(day, b, new long[] {
                        v[N], v[WITH_OUTCOME], v[RESOLVED], v[CSAT_N], v[CSAT_SUM], v[REOPENED]}));
                }
                case KIND_MATCHED_OUTCOME -> matched.put(day, v[N]);
                case KIND_RULE -> rules.add(new RuleCell(day, r.getString(2), v));
                case KIND_LATEST_OUTCOME -> {
                    latest.put(day, v[N]);
                    superseded += v[SUPERSEDED];
                }
                default -> throw new IllegalStateException("unknown kind of summed row: " + r);
            }
        }
        return new FactCells(cells, rules, timing, matched, latest, superseded);
    }

    /** The name of a summed column in the aggregation's input (apart from the keys, some of which are facts too). */
    private static String measure(String fact) {
        return "m_" + fact;
    }

    private static Column m(String fact) {
        return col(measure(fact));
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
