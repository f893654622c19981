package com.takeover.batch.reports;

import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;

import com.takeover.batch.lake.DateRange;
import com.takeover.batch.stats.Interval;
import com.takeover.batch.stats.Proportions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntToLongFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Report 3, alert effectiveness per rule ("*" = any rule): volume, how often supervisors act on
 * an alert (a takeover within N minutes), how fast, precision (alerted conversations that were in
 * trouble), recall (troubled conversations that the rule alerted on) and a plain-words advice.
 *
 * <p>"In trouble": the customer asked for a human, or the outcome was bad (unresolved, reopened,
 * escalated or CSAT ≤ 2). Conversations whose outcome is still unknown and where no human was
 * asked for are left out of precision and recall. A rule that fires on the customer's request for a
 * human is right by that definition; for it, and next to precision for every rule, the share of alerted
 * conversations whose outcome was bad says what the request alone cannot.
 */
public final class AlertEffectivenessReport {
    public static final String NAME = "alert_effectiveness";
    public static final String ANY = "*";

    private AlertEffectivenessReport() {}

    /** Alert-side sums of one rule: alerts, followed by a takeover, acted on in time; median minutes. */
    record AlertSums(long alerts, long followed, long actedOn, double medianMinutes) {}

    /**
     * Conversation-side sums of one rule: alerted; with known trouble status, and troubled; where the customer
     * asked for a human; with a known outcome, and a bad one.
     */
    record ConversationSums(long alerted, long known, long troubled, long askedForHuman, long withOutcome,
            long badOutcome) {
        ConversationSums plus(ConversationSums o) {
            return new ConversationSums(alerted + o.alerted, known + o.known, troubled + o.troubled,
                    askedForHuman + o.askedForHuman, withOutcome + o.withOutcome, badOutcome + o.badOutcome);
        }
    }

    public static Table build(ReportContext ctx) {
        Map<String, AlertSums> alertSums = ctx.sums().alertSums(ctx.window(), ctx.settings());
        Map<String, ConversationSums> convSums = new TreeMap<>();
        for (FactCells.RuleCell c : ctx.sums().cells().rulesIn(ctx.window())) {
            convSums.merge(c.rule(), conversationSums(c::get), ConversationSums::plus);
        }
        long troubledTotal = 0;
        for (FactCells.Cell c : ctx.cellsIn(ctx.window())) {
            troubledTotal += c.get(FactCells.TROUBLED);
            if (c.alerted()) {
                convSums.merge(ANY, conversationSums(c::get), ConversationSums::plus);
            }
        }
        return fromSums(alertSums, convSums, troubledTotal, ctx.settings());
    }

    private static ConversationSums conversationSums(IntToLongFunction sum) {
        return new ConversationSums(sum.applyAsLong(FactCells.N), sum.applyAsLong(FactCells.TROUBLE_KNOWN),
                sum.applyAsLong(FactCells.TROUBLED), sum.applyAsLong(FactCells.HUMAN_REQUESTED),
                sum.applyAsLong(FactCells.WITH_OUTCOME), sum.applyAsLong(FactCells.BAD));
    }

    /** The alerts fired in {@code window} (each alert id once) summed per rule, and over all rules as "*". */
    static Map<String, AlertSums> alertSums(Dataset<Row> alertRows, Dataset<Row> takeovers, DateRange window,
            long actedWithinMs) {
        Dataset<Row> alerts = alertRows
                .filter(col("alertTime").geq(window.startMillis()).and(col("alertTime").lt(window.endMillisExclusive())))
                // A replayed stream may write an alert twice: one row per alertId, the same one every run. A window
                // sorts once; dropDuplicates keeps the first of string columns, which Spark can only sort-aggregate.
                .withColumn("_n", row_number().over(Window.partitionBy("alertId")
                        .orderBy(asc("alertTime"), asc("ruleId"), asc("conversationId"))))
                .filter(col("_n").equalTo(1)).drop("_n");
        Dataset<Row> t = takeovers.select(col("conversationId").as("t_id"), col("takeoverTime").as("t_time"));
        Dataset<Row> delays = alerts.join(t, alerts.col("conversationId").equalTo(t.col("t_id"))
                        .and(t.col("t_time").geq(alerts.col("alertTime"))), "left")
                .groupBy(col("alertId"), col("ruleId"), col("alertTime"))
                .agg(min(col("t_time")).as("next"))
                .withColumn("delay", col("next").minus(col("alertTime")));
        // One row per rule and delay (null: no takeover followed) with its count: the counts, the acted-on share and
        // the exact median of every rule and of all rules ("*") follow on the driver. A percentile aggregate over a
        // rollup kept and merged the same values per rule, and again for "*".
        Map<String, TreeMap<Long, Long>> delaysByRule = new TreeMap<>();
        Map<String, Long> unfollowed = new TreeMap<>();
        for (Row r : delays.groupBy(col("ruleId"), col("delay")).count().collectAsList()) {
            String rule = r.getString(0);
            if (r.isNullAt(1)) {
                unfollowed.merge(rule, r.getLong(2), Long::sum);
                unfollowed.merge(ANY, r.getLong(2), Long::sum);
            } else {
                delaysByRule.computeIfAbsent(rule, k -> new TreeMap<>()).merge(r.getLong(1), r.getLong(2), Long::sum);
                delaysByRule.computeIfAbsent(ANY, k -> new TreeMap<>()).merge(r.getLong(1), r.getLong(2), Long::sum);
            }
        }
        Map<String, AlertSums> sums = new TreeMap<>();
        Set<String> rules = new TreeSet<>(unfollowed.keySet());
        rules.addAll(delaysByRule.keySet());
        for (String rule : rules) {
            TreeMap<Long, Long> followed = delaysByRule.getOrDefault(rule, new TreeMap<>());
            long n = followed.values().stream().mapToLong(Long::longValue).sum();
            long actedOn = followed.headMap(actedWithinMs, true).values().stream().mapToLong(Long::longValue).sum();
            sums.put(rule, new AlertSums(n + unfollowed.getOrDefault(rule, 0L), n, actedOn,
                    n == 0 ? Double.NaN : median(followed, n) / 60_000.0));
        }
        return sums;
    }

    /**
     * The median of {@code n} values given as value → count, as Spark's {@code percentile(x, 0.5)}: the middle value,
     * or the mean of the two middle ones.
     */
    static double median(NavigableMap<Long, Long> counts, long n) {
        long lower = (n - 1) / 2; // 0-based ranks of the middle value(s)
        long upper = n / 2;
        Long lowerValue = null;
        long seen = 0;
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (lowerValue == null && seen > lower) {
                lowerValue = e.getKey();
            }
            if (seen > upper) {
                return (lowerValue + e.getKey()) / 2.0;
            }
        }
        throw new IllegalArgumentException("fewer than " + n + " values");
    }

    static Table fromSums(Map<String, AlertSums> alertSums, Map<String, ConversationSums> convSums, long troubledTotal,
            ReportSettings s) {
        Table.Builder b = Table.builder(NAME)
                .string("ruleId", "alert rule, * = any rule")
                .lng("alerts", "alerts fired in the window")
                .dbl("alertsPerHour", "alerts per hour over the window")
                .lng("alertedConversations", "conversations that ended in the window with an alert of this rule")
                .lng("actedOn", "alerts followed by a takeover within the acted-on limit")
                .dbl("shareActedOn", "actedOn / alerts")
                .dbl("medianMinutesToTakeover", "median minutes from alert to the takeover that followed it")
                .dbl("precision", "alerted conversations in trouble / alerted conversations (known status)")
                .dbl("precisionCiLow", "95% Wilson interval, low").dbl("precisionCiHigh", "95% Wilson interval, high")
                .dbl("recall", "troubled conversations this rule alerted on / all troubled conversations")
                .string("recommendation", "tighten / loosen / keep, in plain words")
                .dbl("askedForHumanShare", "alerted conversations where the customer asked for a human / alerted"
                        + " conversations (near 1: in trouble by definition, precision says nothing)")
                .dbl("badOutcomeRate", "alerted conversations that ended badly / alerted conversations with a known"
                        + " outcome (precision without counting requests for a human)");
        TreeSet<String> rules = new TreeSet<>(alertSums.keySet());
        rules.addAll(convSums.keySet());
        rules.add(ANY);
        double hours = s.windowDays() * 24.0;
        record R(String rule, long alerts, Object[] v) {}
        List<R> rows = new ArrayList<>();
        for (String rule : rules) {
            AlertSums a = alertSums.getOrDefault(rule, new AlertSums(0, 0, 0, Double.NaN));
            ConversationSums c = convSums.getOrDefault(rule, new ConversationSums(0, 0, 0, 0, 0, 0));
            double askedShare = Rates.ratio(c.askedForHuman(), c.alerted());
            double precision = Rates.ratio(c.troubled(), c.known());
            Interval ci = Proportions.wilson(c.troubled(), c.known());
            double recall = Rates.ratio(c.troubled(), troubledTotal);
            rows.add(new R(rule, a.alerts(), new Object[] {
                rule, a.alerts(), a.alerts() / hours, c.alerted(), a.actedOn(), Rates.ratio(a.actedOn(), a.alerts()),
                a.medianMinutes(), precision, ci.low(), ci.high(), recall,
                recommendation(a.alerts(), c.known(), precision, recall, askedShare, s),
                askedShare, Rates.ratio(c.badOutcome(), c.withOutcome())
            }));
        }
        rows.sort(Comparator.<R, Boolean>comparing(r -> !r.rule().equals(ANY))
                .thenComparing(r -> -r.alerts()).thenComparing(R::rule));
        rows.forEach(r -> b.row(r.v()));
        return b.build();
    }

    /** Alerted conversations that asked for a human, at or above which precision is right by definition. */
    static final double ASKED_FOR_HUMAN_BY_DEFINITION = 0.95;

    /**
     * Tighten when most alerted conversations were fine (precision below 40%); loosen when alerts
     * are nearly always right (precision 70% or more) but catch less than half of the trouble;
     * keep otherwise, or when there are too few alerts to judge. A rule whose alerted customers nearly all
     * asked for a human is right by definition: no advice from precision (it would always say loosen).
     */
    static String recommendation(long alerts, long known, double precision, double recall, double askedForHumanShare,
            ReportSettings s) {
        if (alerts < s.minAlertsToJudge() || known < s.minAlertsToJudge() || Double.isNaN(precision)) {
            return String.format(Locale.ROOT, "keep: too few alerts to judge (%d; needs %d with known outcomes)",
                    Math.min(alerts, known), s.minAlertsToJudge());
        }
        if (askedForHumanShare >= ASKED_FOR_HUMAN_BY_DEFINITION) {
            return "keep: it fires when customers ask for a human, who are in trouble by definition; judge it by"
                    + " how soon supervisors act and by badOutcomeRate";
        }
        int p = (int) Math.round(precision * 100);
        if (precision < 0.4) {
            return "tighten: only " + p + "% of alerted conversations were in trouble";
        }
        if (precision >= 0.7 && !Double.isNaN(recall) && recall < 0.5) {
            return "loosen: " + p + "% of its alerts are right but it catches only "
                    + Math.round(recall * 100) + "% of troubled conversations";
        }
        return "keep: " + p + "% of alerted conversations were in trouble";
    }

}
