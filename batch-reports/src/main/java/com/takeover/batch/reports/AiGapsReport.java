package com.takeover.batch.reports;


import com.takeover.batch.stats.Interval;
import com.takeover.batch.stats.Proportions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Report 2, where the AI needs work, per topic ("*" = all): how AI-only conversations end, how
 * often humans step in or are asked for, low-confidence answers, and missed interventions
 * (high-risk AI-only conversations that ended badly), with the change against the previous window.
 */
public final class AiGapsReport {
    public static final String NAME = "ai_gaps";

    // conversations, aiOnly, aiOnlyWithOutcome, aiOnlyResolved, takenOver, humanRequested,
    // lowConfidenceAnswers, aiMessages, missed, highRiskAiOnlyWithOutcome
    private static final int W = 10;

    private AiGapsReport() {}

    /** Per topic, from the fact cells of a window. */
    private static Map<String, long[]> sums(List<FactCells.Cell> cells) {
        Map<String, long[]> out = new TreeMap<>();
        for (FactCells.Cell c : cells) {
            boolean ai = !c.takenOver();
            long n = c.get(FactCells.N);
            long[] v = {
                n,
                ai ? n : 0,
                ai && c.hasOutcome() ? n : 0,
                ai ? c.get(FactCells.RESOLVED) : 0,
                ai ? 0 : n,
                c.get(FactCells.HUMAN_REQUESTED),
                c.get(FactCells.LOW_CONFIDENCE),
                c.get(FactCells.AI_MESSAGES),
                ai && c.highRisk() ? c.get(FactCells.BAD) : 0,
                ai && c.highRisk() && c.hasOutcome() ? n : 0
            };
            out.merge(c.topic(), v, Sums::add);
        }
        return out;
    }

    public static Table build(ReportContext ctx) {
        return fromSums(sums(ctx.cellsIn(ctx.window())), sums(ctx.cellsIn(ctx.previousWindow())));
    }

    static Table fromSums(Map<String, long[]> current, Map<String, long[]> previous) {
        Table.Builder b = Table.builder(NAME)
                .string("topic", "topic (platform intent or phrase rules), * = all")
                .lng("conversations", "conversations that ended in the window")
                .lng("aiOnly", "of which the AI handled alone")
                .lng("aiOnlyWithOutcome", "AI-only conversations with a known outcome")
                .dbl("aiOnlyResolutionRate", "share of AI-only conversations resolved")
                .dbl("aiOnlyResolutionCiLow", "95% Wilson interval, low")
                .dbl("aiOnlyResolutionCiHigh", "95% Wilson interval, high")
                .dbl("takeoverRate", "share taken over by a human")
                .dbl("humanRequestRate", "share where the customer asked for a human")
                .dbl("lowConfidenceShare", "low-confidence AI answers / all AI answers")
                .lng("missedInterventions", "high-risk AI-only conversations that ended badly")
                .dbl("missedInterventionRate", "missedInterventions / high-risk AI-only conversations with an outcome")
                .lng("previousConversations", "conversations in the previous window")
                .dbl("aiOnlyResolutionRateChange", "change against the previous window (rate points)")
                .dbl("takeoverRateChange", "change against the previous window")
                .dbl("humanRequestRateChange", "change against the previous window")
                .dbl("lowConfidenceShareChange", "change against the previous window")
                .lng("missedInterventionsChange", "change against the previous window (count)");
        record R(String topic, Object[] v, double aiRate) {}
        List<R> rows = new ArrayList<>();
        List<String> topics = new ArrayList<>(current.keySet());
        topics.add(0, InterventionEffectReport.ALL);
        for (String topic : topics) {
            boolean all = topic.equals(InterventionEffectReport.ALL);
            long[] c = all ? Sums.totalOf(current, W) : current.get(topic);
            long[] p = all ? Sums.totalOf(previous, W) : previous.getOrDefault(topic, new long[W]);
            double[] cr = rates(c);
            double[] pr = rates(p);
            Interval ci = Proportions.wilson(c[3], c[2]);
            Object[] v = {
                topic, c[0], c[1], c[2], cr[0], ci.low(), ci.high(), cr[1], cr[2], cr[3], c[8],
                Rates.ratio(c[8], c[9]), p[0], cr[0] - pr[0], cr[1] - pr[1], cr[2] - pr[2], cr[3] - pr[3],
                p[0] == 0 ? null : c[8] - p[8]
            };
            rows.add(new R(topic, v, all ? -1 : cr[0]));
        }
        // The AI's weakest topics first
        rows.sort(Comparator.<R>comparingDouble(r -> Double.isNaN(r.aiRate()) ? 2 : r.aiRate()).thenComparing(R::topic));
        rows.forEach(r -> b.row(r.v()));
        return b.build();
    }

    /** AI-only resolution, takeover, human request, low-confidence share. */
    private static double[] rates(long[] s) {
        return new double[] {
            Rates.ratio(s[3], s[2]), Rates.ratio(s[4], s[0]), Rates.ratio(s[5], s[0]), Rates.ratio(s[6], s[7])
        };
    }

}
