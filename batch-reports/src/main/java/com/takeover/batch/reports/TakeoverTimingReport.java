package com.takeover.batch.reports;

import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import com.takeover.batch.stats.Interval;
import com.takeover.batch.stats.Proportions;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Report 4, takeover timing: outcomes of taken-over conversations by when the (first) takeover
 * happened — customer turns so far, minutes since the start, risk at the takeover, and minutes
 * after the first alert — to see whether humans step in too early or too late.
 */
public final class TakeoverTimingReport {
    public static final String NAME = "takeover_timing";

    /** A dimension: lower bucket edges (the first bucket also takes anything below) and labels. */
    public record Dimension(String name, double[] edges, List<String> labels) {
        Column bucket(Column value) {
            Column c = null;
            for (int i = edges.length - 1; i >= 1; i--) {
                c = c == null ? when(value.geq(edges[i]), i) : c.when(value.geq(edges[i]), i);
            }
            return c == null ? lit(0) : c.otherwise(0);
        }
    }

    public static final Dimension TURNS = new Dimension("turns at takeover",
            new double[] {0, 3, 5, 7, 10}, List.of("0-2", "3-4", "5-6", "7-9", "10+"));
    public static final Dimension MINUTES = new Dimension("minutes since start",
            new double[] {0, 1, 3, 5, 10}, List.of("<1", "1-3", "3-5", "5-10", "10+"));
    public static final Dimension RISK = new Dimension("risk at takeover",
            new double[] {0, 0.3, 0.5, 0.7, 0.9}, List.of("<0.3", "0.3-0.5", "0.5-0.7", "0.7-0.9", ">=0.9"));
    /** Bucket 0 is "no alert" before the takeover; the others are minutes after the first alert. */
    public static final Dimension AFTER_ALERT = new Dimension("minutes after first alert",
            new double[] {Double.NEGATIVE_INFINITY, 0, 1, 3, 10},
            List.of("no alert", "<1", "1-3", "3-10", "10+"));
    public static final List<Dimension> DIMENSIONS = List.of(TURNS, MINUTES, RISK, AFTER_ALERT);

    /** takeovers, withOutcome, resolved, csat answers, csat sum, reopened. */
    private static final int SUMS = 6;

    private TakeoverTimingReport() {}

    /**
     * Sums of the taken-over conversations that ended on {@code day} with one bucket per dimension (at most 5^4 a
     * day, from the run's {@link FactCells}); each dimension's rows are its marginal sums, added up on the driver.
     */
    record TimingCell(LocalDate day, int[] buckets, long[] sums) {}

    public static Table build(ReportContext ctx) {
        List<TimingCell> cells = ctx.sums().cells().timing().stream()
                .filter(c -> c.day() != null && ctx.window().contains(c.day())).toList();
        Table.Builder b = columns();
        for (int d = 0; d < DIMENSIONS.size(); d++) {
            Map<String, long[]> s = new TreeMap<>();
            for (TimingCell c : cells) {
                s.merge(Integer.toString(c.buckets()[d]), c.sums(), Sums::add);
            }
            addRows(b, DIMENSIONS.get(d), s);
        }
        return b.build();
    }

    /** The first takeover of each conversation: t_id, t_time and the signals at that moment. */
    static Dataset<Row> firstTakeovers(Dataset<Row> takeovers) {
        return takeovers
                .withColumn("_n", row_number().over(Window.partitionBy("conversationId")
                        .orderBy(asc("takeoverTime"), asc("eventId"))))
                .filter(col("_n").equalTo(1))
                .select(col("conversationId").as("t_id"), col("takeoverTime").as("t_time"),
                        col("signals.turns").as("t_turns"), col("signals.elapsedMs").as("t_elapsed"),
                        col("signals.risk").as("t_risk"));
    }

    /** The bucket of each dimension of a fact row joined with its {@link #firstTakeovers}. */
    static Column[] buckets() {
        Column afterAlert = when(col("firstAlertTime").isNull().or(col("firstAlertTime").gt(col("t_time"))), lit(-1.0))
                .otherwise(col("t_time").minus(col("firstAlertTime")).divide(60_000.0));
        Column[] values = {
            col("t_turns").cast("double"), col("t_elapsed").divide(60_000.0), col("t_risk"), afterAlert
        };
        Column[] buckets = new Column[DIMENSIONS.size()];
        for (int d = 0; d < buckets.length; d++) {
            buckets[d] = DIMENSIONS.get(d).bucket(values[d]);
        }
        return buckets;
    }

    static void addRows(Table.Builder b, Dimension dim, Map<String, long[]> s) {
        for (int i = 0; i < dim.labels().size(); i++) {
            long[] v = s.getOrDefault(Integer.toString(i), new long[6]);
            Interval ci = Proportions.wilson(v[2], v[1]);
            b.row(dim.name(), dim.labels().get(i), (long) i, v[0], v[1], Rates.ratio(v[2], v[1]), ci.low(), ci.high(),
                    Rates.ratio(v[4], v[3]), Rates.ratio(v[5], v[1]));
        }
    }

    static Table.Builder columns() {
        return Table.builder(NAME)
                .string("dimension", "what the timing is measured in")
                .string("bucket", "the range").lng("bucketOrder", "order of the buckets, earliest first")
                .lng("takeovers", "taken-over conversations (first takeover)")
                .lng("withOutcome", "of which the outcome is known")
                .dbl("resolvedRate", "share resolved").dbl("resolvedCiLow", "95% Wilson interval, low")
                .dbl("resolvedCiHigh", "95% Wilson interval, high")
                .dbl("meanCsat", "mean CSAT").dbl("reopenedRate", "share reopened within 7 days");
    }
}
