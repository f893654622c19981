package com.takeover.batch.render;

import static com.takeover.batch.render.ReportRenderer.fmt;

import com.takeover.batch.reports.InterventionEffectReport;
import com.takeover.batch.reports.Table;
import com.takeover.batch.reports.TakeoverTimingReport;
import com.takeover.batch.stats.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Plain-words findings and the display views of the tables for report.html. */
final class Findings {
    private static final String ALL = InterventionEffectReport.ALL;
    private static final String TOO_LITTLE = Verdict.TOO_LITTLE_DATA.label();

    private Findings() {}

    // ---- formatting -------------------------------------------------------------------------

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : fmt("%.1f%%", v * 100);
    }

    static String pts(double v) {
        return Double.isNaN(v) ? "n/a" : fmt("%+.1f pts", v * 100);
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : fmt("%." + decimals + "f", v);
    }

    static String format(Object v, String column) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            String c = column.toLowerCase(java.util.Locale.ROOT);
            if (c.contains("csat")) {
                return c.contains("diff") || c.contains("ci") ? fmt("%+.2f", d) : fmt("%.2f", d);
            }
            if (c.contains("hours") || c.contains("minutes") || c.contains("perhour") || c.contains("gain")) {
                return fmt("%.1f", d);
            }
            if (c.contains("diff") || c.contains("change") || c.startsWith("adjusted")) {
                return pts(d);
            }
            return pct(d);
        }
        return v.toString();
    }

    private static double d(Table t, int r, String c) {
        return t.dbl(r, c);
    }

    static String type(Table effect, int r) {
        List<String> parts = new ArrayList<>();
        for (String c : List.of("topic", "segment", "channel")) {
            if (!effect.str(r, c).equals(ALL)) {
                parts.add(c + " " + effect.str(r, c));
            }
        }
        return parts.isEmpty() ? "all conversations" : String.join(", ", parts);
    }

    private static int allRow(Table effect) {
        return effect.find("level", "all");
    }

    /** Judged types other than "all", by expected gain. */
    private static List<Integer> judged(Table effect) {
        return IntStream.range(0, effect.rows().size())
                .filter(r -> !effect.str(r, "level").equals("all") && !effect.str(r, "verdict").equals(TOO_LITTLE))
                .boxed().sorted(Comparator.comparingDouble((Integer r) -> -d(effect, r, "expectedGain"))
                        .thenComparing(r -> r))
                .toList();
    }

    // ---- intervention effect ----------------------------------------------------------------

    static List<Charts.ForestRow> forestRows(Table effect, int max) {
        List<Charts.ForestRow> out = new ArrayList<>();
        int all = allRow(effect);
        List<Integer> rows = new ArrayList<>();
        if (all >= 0 && !effect.str(all, "verdict").equals(TOO_LITTLE)) {
            rows.add(all);
        }
        // One-dimension types first (they have the most data), then the finer ones
        judged(effect).stream().filter(r -> !effect.str(r, "level").contains(" x ")).forEach(rows::add);
        judged(effect).stream().filter(r -> effect.str(r, "level").contains(" x ")).forEach(rows::add);
        for (int r : rows.subList(0, Math.min(max, rows.size()))) {
            out.add(new Charts.ForestRow(type(effect, r) + " (n=" + effect.lng(r, "conversations") + ")",
                    d(effect, r, "naiveResolvedDiff"), d(effect, r, "adjustedResolvedDiff"),
                    d(effect, r, "adjustedResolvedCiLow"), d(effect, r, "adjustedResolvedCiHigh")));
        }
        return out;
    }

    static Table effectView(Table effect, int max) {
        Table.Builder b = Table.builder("effect_view")
                .string("conversation type", "").string("conversations", "").string("taken over", "")
                .string("resolved: taken over", "").string("resolved: AI-only", "").string("naive difference", "")
                .string("risk-adjusted (95% CI)", "").string("verdict", "").string("expected gain", "");
        List<Integer> rows = new ArrayList<>();
        if (allRow(effect) >= 0) {
            rows.add(allRow(effect));
        }
        rows.addAll(judged(effect));
        for (int r : rows.subList(0, Math.min(max, rows.size()))) {
            b.row(type(effect, r), Long.toString(effect.lng(r, "conversations")), pct(d(effect, r, "takeoverRate")),
                    pct(d(effect, r, "resolvedRateTakenOver")), pct(d(effect, r, "resolvedRateAiOnly")),
                    pts(d(effect, r, "naiveResolvedDiff")), ci(effect, r), effect.str(r, "verdict"),
                    Double.isNaN(d(effect, r, "expectedGain")) ? "" : fmt("%+.0f", d(effect, r, "expectedGain")));
        }
        return b.build();
    }

    private static String ci(Table effect, int r) {
        double a = d(effect, r, "adjustedResolvedDiff");
        if (Double.isNaN(a)) {
            return "n/a";
        }
        return pts(a) + " (" + fmt("%+.1f", d(effect, r, "adjustedResolvedCiLow") * 100) + " to "
                + fmt("%+.1f", d(effect, r, "adjustedResolvedCiHigh") * 100) + ")";
    }

    static String effectSentence(Table effect) {
        long judged = judged(effect).size();
        return "Each row compares taken-over with AI-only conversations of one type that had a similar risk score; "
                + judged + " types have enough data for a verdict, ranked by expected gain (resolutions gained per "
                + "window at their volume). The full table with CSAT, reopen and time-to-resolution columns is in "
                + "intervention_effect.csv.";
    }

    // ---- AI gaps ----------------------------------------------------------------------------

    static Table gapsView(Table gaps) {
        Table.Builder b = Table.builder("gaps_view").string("topic", "").string("conversations", "")
                .string("AI-only resolved (95% CI)", "").string("taken over", "").string("asked for a human", "")
                .string("low-confidence answers", "").string("missed interventions", "")
                .string("AI-only resolved vs previous", "").string("takeovers vs previous", "");
        for (int r = 0; r < gaps.rows().size(); r++) {
            b.row(gaps.str(r, "topic").equals(ALL) ? "all topics" : gaps.str(r, "topic"),
                    Long.toString(gaps.lng(r, "conversations")),
                    pct(d(gaps, r, "aiOnlyResolutionRate")) + (Double.isNaN(d(gaps, r, "aiOnlyResolutionCiLow")) ? ""
                            : " (" + pct(d(gaps, r, "aiOnlyResolutionCiLow")) + "-" + pct(d(gaps, r, "aiOnlyResolutionCiHigh")) + ")"),
                    pct(d(gaps, r, "takeoverRate")), pct(d(gaps, r, "humanRequestRate")),
                    pct(d(gaps, r, "lowConfidenceShare")), Long.toString(gaps.lng(r, "missedInterventions")),
                    pts(d(gaps, r, "aiOnlyResolutionRateChange")), pts(d(gaps, r, "takeoverRateChange")));
        }
        return b.build();
    }

    static String gapsSentence(Table gaps) {
        return "Topics where the AI resolves the fewest conversations on its own come first; a missed intervention "
                + "is a high-risk AI-only conversation that ended badly (unresolved, reopened, escalated or CSAT 1-2).";
    }

    // ---- alerts -----------------------------------------------------------------------------

    static Table alertsView(Table alerts) {
        Table.Builder b = Table.builder("alerts_view").string("rule", "").string("alerts", "").string("per hour", "")
                .string("acted on", "").string("median minutes to takeover", "").string("precision", "")
                .string("recall", "").string("ended badly", "").string("advice", "");
        for (int r = 0; r < alerts.rows().size(); r++) {
            b.row(alerts.str(r, "ruleId").equals(ALL) ? "any rule" : alerts.str(r, "ruleId"),
                    Long.toString(alerts.lng(r, "alerts")), num(d(alerts, r, "alertsPerHour"), 2),
                    pct(d(alerts, r, "shareActedOn")), num(d(alerts, r, "medianMinutesToTakeover"), 1),
                    pct(d(alerts, r, "precision")), pct(d(alerts, r, "recall")), pct(d(alerts, r, "badOutcomeRate")),
                    alerts.str(r, "recommendation"));
        }
        return b.build();
    }

    static String alertsSentence(Table alerts) {
        return "Per rule: how often it fires, how often a supervisor took over soon after, and how often the alerted "
                + "conversation really was in trouble (precision) or the trouble was caught (recall), and how many "
                + "alerted conversations ended badly (a rule on requests for a human is in trouble by definition).";
    }

    static String alertChartSentence(Table alerts) {
        return "Rules low on this chart fire for conversations that turn out fine: tighten them first if they are "
                + "also far to the right (many alerts per hour).";
    }

    // ---- timing -----------------------------------------------------------------------------

    static Table timingView(Table timing) {
        Table.Builder b = Table.builder("timing_view").string("when", "").string("bucket", "").string("takeovers", "")
                .string("resolved (95% CI)", "").string("mean CSAT", "").string("reopened", "");
        for (int r = 0; r < timing.rows().size(); r++) {
            b.row(timing.str(r, "dimension"), timing.str(r, "bucket"), Long.toString(timing.lng(r, "takeovers")),
                    pct(d(timing, r, "resolvedRate")) + (Double.isNaN(d(timing, r, "resolvedCiLow")) ? ""
                            : " (" + pct(d(timing, r, "resolvedCiLow")) + "-" + pct(d(timing, r, "resolvedCiHigh")) + ")"),
                    num(d(timing, r, "meanCsat"), 2), pct(d(timing, r, "reopenedRate")));
        }
        return b.build();
    }

    static String timingSentence(Table timing) {
        String turns = TakeoverTimingReport.TURNS.name();
        List<Integer> rows = IntStream.range(0, timing.rows().size())
                .filter(r -> timing.str(r, "dimension").equals(turns) && timing.lng(r, "withOutcome") >= 10)
                .boxed().toList();
        if (rows.size() < 2) {
            return "Too few taken-over conversations with outcomes to compare early and late takeovers yet.";
        }
        int early = rows.get(0);
        int late = rows.get(rows.size() - 1);
        double a = d(timing, early, "resolvedRate");
        double b = d(timing, late, "resolvedRate");
        String verdict = a - b > 0.05 ? "earlier takeovers end better: humans tend to step in too late"
                : b - a > 0.05 ? "later takeovers end better: early takeovers may be premature"
                : "early and late takeovers end about the same";
        return "Takeovers after " + timing.str(early, "bucket") + " customer turns resolve " + pct(a) + ", after "
                + timing.str(late, "bucket") + " turns " + pct(b) + ": " + verdict
                + " (not risk-adjusted: late takeovers are often the harder conversations).";
    }

    // ---- trend ------------------------------------------------------------------------------

    static Table trendView(Table trend) {
        Table.Builder b = Table.builder("trend_view").string("date", "").string("conversations", "")
                .string("taken over", "").string("resolved", "").string("mean CSAT", "");
        for (int r = trend.rows().size() - 1; r >= Math.max(0, trend.rows().size() - 7); r--) {
            b.row(trend.str(r, "date"), Long.toString(trend.lng(r, "conversations")), pct(d(trend, r, "takeoverRate")),
                    pct(d(trend, r, "resolutionRate")), num(d(trend, r, "meanCsat"), 2));
        }
        return b.build();
    }

    static String trendSentence(Table trend) {
        long total = 0;
        long days = 0;
        for (int r = 0; r < trend.rows().size(); r++) {
            total += trend.lng(r, "conversations");
            days += trend.lng(r, "conversations") > 0 ? 1 : 0;
        }
        return "Daily volume, takeover rate, resolution rate and CSAT over the last " + trend.rows().size() + " days ("
                + total + " conversations on " + days + " days with data); the table shows the last 7 days, "
                + "trend.csv has all of them.";
    }

    // ---- data quality -----------------------------------------------------------------------

    static String qualitySentence(Table q) {
        return q.lng(q.find("metric", "conversationsWithoutOutcomeYet"), "value") + " of "
                + q.lng(q.find("metric", "conversationsInWindow"), "value")
                + " conversations in the window still await their outcome and are left out of outcome rates; "
                + q.lng(q.find("metric", "outcomesWithoutConversation"), "value") + " outcomes had no conversation; "
                + q.lng(q.find("metric", "outcomeRowsRejected"), "value") + " outcome rows were rejected.";
    }

    // ---- headlines --------------------------------------------------------------------------

    static List<String> headlines(Table effect, Table gaps, Table alerts, Table timing, Table quality) {
        List<String> out = new ArrayList<>();
        int all = allRow(effect);
        if (all >= 0) {
            if (effect.str(all, "verdict").equals(TOO_LITTLE)) {
                out.add("Not enough data yet to tell whether takeovers help overall: "
                        + effect.str(all, "minimumSample") + ".");
            } else {
                out.add("Overall, a takeover changes the resolution rate by " + ci(effect, all)
                        + " compared with AI-only conversations of similar risk: it " + verb(effect.str(all, "verdict"))
                        + ". The naive comparison says " + pts(d(effect, all, "naiveResolvedDiff"))
                        + ", because supervisors take over the conversations that were already going badly.");
            }
        }
        List<Integer> judged = judged(effect);
        judged.stream().filter(r -> effect.str(r, "verdict").equals(Verdict.HELPS.label())).findFirst()
                .ifPresent(r -> out.add("Intervention pays most for " + type(effect, r) + ": "
                        + pts(d(effect, r, "adjustedResolvedDiff")) + " resolution, about "
                        + fmt("%.0f", d(effect, r, "expectedGain")) + " more resolved conversations per window."));
        judged.stream().filter(r -> effect.str(r, "verdict").equals(Verdict.HURTS.label())).findFirst()
                .ifPresent(r -> out.add("Takeovers appear to hurt for " + type(effect, r) + ": " + ci(effect, r) + "."));
        int allGaps = gaps.find("topic", ALL);
        for (int r = 0; r < gaps.rows().size(); r++) {
            if (!gaps.str(r, "topic").equals(ALL) && gaps.lng(r, "aiOnlyWithOutcome") >= 10) {
                out.add("The AI needs most work on " + gaps.str(r, "topic") + ": it resolves "
                        + pct(d(gaps, r, "aiOnlyResolutionRate")) + " of the conversations it handles alone, against "
                        + pct(d(gaps, allGaps, "aiOnlyResolutionRate")) + " over all topics; "
                        + gaps.lng(r, "missedInterventions") + " missed interventions.");
                break;
            }
        }
        int advice = 0;
        for (int r = 0; r < alerts.rows().size() && advice < 3; r++) {
            String rec = alerts.str(r, "recommendation");
            if (!alerts.str(r, "ruleId").equals(ALL) && (rec.startsWith("tighten") || rec.startsWith("loosen"))) {
                out.add("Alert rule " + alerts.str(r, "ruleId") + ": " + rec + ".");
                advice++;
            }
        }
        String timingLine = timingSentence(timing);
        if (!timingLine.startsWith("Too few")) {
            out.add(timingLine);
        }
        out.add(qualitySentence(quality));
        return out;
    }

    private static String verb(String verdict) {
        return switch (verdict) {
            case "helps" -> "helps";
            case "hurts" -> "hurts";
            default -> "has no clear effect either way";
        };
    }
}
