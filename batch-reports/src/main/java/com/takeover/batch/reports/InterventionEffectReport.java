package com.takeover.batch.reports;


import com.takeover.batch.stats.ArmSummary;
import com.takeover.batch.stats.EffectEstimate;
import com.takeover.batch.stats.RiskAdjustment;
import com.takeover.batch.stats.Stratum;
import com.takeover.batch.stats.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Report 1, where intervention pays: per conversation type (topic × segment × channel and every
 * roll-up, "*" meaning all), outcomes of taken-over vs AI-only conversations, the naive difference
 * and the difference adjusted for risk (strata of the highest pre-takeover risk, standardised to
 * the taken-over population), its 95% interval, a verdict, ranked by expected gain within each level.
 *
 * <p>It rolls up the run's {@link FactCells} (integer sums per type, risk stratum and arm); the statistics run
 * on the driver, so the numbers do not depend on partitioning.
 */
public final class InterventionEffectReport {
    public static final String NAME = "intervention_effect";
    public static final String ALL = "*";
    static final String[] LEVELS = {
        "all", "channel", "segment", "segment x channel", "topic", "topic x channel", "topic x segment",
        "topic x segment x channel"
    };
    private static final int[] LEVEL_ORDER = {0, 3, 2, 6, 1, 5, 4, 7}; // by mask: all, topic, segment, channel, then pairs

    private InterventionEffectReport() {}

    /** Integer sums of one (type, stratum, arm, outcome known) cell. */
    record Cell(String topic, String segment, String channel, int riskBin, boolean takenOver, boolean hasOutcome,
            long n, long resolved, long csatN, long csatSum, long csatSq, long reopened, long ttrN, long ttrSum) {}

    /** Sums of one group and arm, per risk stratum. */
    static final class Arm {
        long n;
        long withOutcome;
        final Map<Integer, long[]> byBin = new TreeMap<>(); // n, resolved, csatN, csatSum, csatSq, reopened
        long ttrN;
        long ttrSum;

        void add(Cell c) {
            n += c.n();
            if (!c.hasOutcome()) {
                return;
            }
            withOutcome += c.n();
            long[] b = byBin.computeIfAbsent(c.riskBin(), k -> new long[6]);
            b[0] += c.n();
            b[1] += c.resolved();
            b[2] += c.csatN();
            b[3] += c.csatSum();
            b[4] += c.csatSq();
            b[5] += c.reopened();
            ttrN += c.ttrN();
            ttrSum += c.ttrSum();
        }

        long total(int i) {
            return byBin.values().stream().mapToLong(b -> b[i]).sum();
        }
    }

    static final class Group {
        final int level;
        final String topic;
        final String segment;
        final String channel;
        final Arm taken = new Arm();
        final Arm ai = new Arm();

        Group(int level, String topic, String segment, String channel) {
            this.level = level;
            this.topic = topic;
            this.segment = segment;
            this.channel = channel;
        }
    }

    public static Table build(ReportContext ctx) {
        List<Cell> cells = new ArrayList<>();
        for (FactCells.Cell c : ctx.cellsIn(ctx.window())) {
            cells.add(new Cell(c.topic(), c.segment(), c.channel(), c.riskBin(), c.takenOver(), c.hasOutcome(),
                    c.get(FactCells.N), c.get(FactCells.RESOLVED), c.get(FactCells.CSAT_N), c.get(FactCells.CSAT_SUM),
                    c.get(FactCells.CSAT_SQ), c.get(FactCells.REOPENED), c.get(FactCells.TTR_N),
                    c.get(FactCells.TTR_SUM)));
        }
        return fromCells(cells, ctx.settings());
    }

    static Table fromCells(List<Cell> cells, ReportSettings settings) {
        Map<String, Group> groups = new TreeMap<>();
        for (Cell c : cells) {
            for (int mask = 0; mask < 8; mask++) {
                String t = (mask & 4) != 0 ? c.topic() : ALL;
                String s = (mask & 2) != 0 ? c.segment() : ALL;
                String ch = (mask & 1) != 0 ? c.channel() : ALL;
                int m = mask;
                Group g = groups.computeIfAbsent(m + "\u0000" + t + "\u0000" + s + "\u0000" + ch,
                        k -> new Group(m, t, s, ch));
                (c.takenOver() ? g.taken : g.ai).add(c);
            }
        }
        record Computed(Group g, Object[] values, Verdict verdict, double gain) {}
        List<Computed> computed = new ArrayList<>();
        for (Group g : groups.values()) {
            EffectEstimate resolved = estimate(g, 1, -1);
            EffectEstimate csat = estimate(g, 3, 4);
            EffectEstimate reopened = estimate(g, 5, -1);
            Verdict verdict = Verdict.of(resolved, settings.minPerArm());
            long conversations = g.taken.n + g.ai.n;
            double gain = verdict == Verdict.TOO_LITTLE_DATA ? Double.NaN : resolved.adjusted() * conversations;
            String minimum = String.format(Locale.ROOT,
                    "needs >= %d taken-over and >= %d AI-only conversations with outcomes at comparable risk; has %d and %d",
                    settings.minPerArm(), settings.minPerArm(), resolved.takenOverCompared(), resolved.aiOnlyCompared());
            Object[] v = {
                LEVELS[g.level], g.topic, g.segment, g.channel, conversations, g.taken.n,
                Rates.ratio(g.taken.n, conversations), (g.taken.n - g.taken.withOutcome) + (g.ai.n - g.ai.withOutcome),
                g.taken.withOutcome, g.ai.withOutcome,
                Rates.ratio(g.taken.total(1), g.taken.withOutcome), Rates.ratio(g.ai.total(1), g.ai.withOutcome),
                resolved.naive(), resolved.adjusted(), resolved.ci().low(), resolved.ci().high(),
                resolved.takenOverCompared(), resolved.aiOnlyCompared(),
                Rates.ratio(g.taken.total(3), g.taken.total(2)), Rates.ratio(g.ai.total(3), g.ai.total(2)),
                csat.naive(), csat.adjusted(), csat.ci().low(), csat.ci().high(),
                Rates.ratio(g.taken.total(5), g.taken.withOutcome), Rates.ratio(g.ai.total(5), g.ai.withOutcome),
                reopened.naive(), reopened.adjusted(), reopened.ci().low(), reopened.ci().high(),
                Rates.ratio(g.taken.ttrSum, g.taken.ttrN * 3_600_000.0), Rates.ratio(g.ai.ttrSum, g.ai.ttrN * 3_600_000.0),
                verdict.label(), minimum, gain, null
            };
            computed.add(new Computed(g, v, verdict, gain));
        }
        // Within each level: judged types by expected gain (largest first), then the rest by volume
        Comparator<Computed> order = Comparator.<Computed>comparingInt(c -> LEVEL_ORDER[c.g().level])
                .thenComparing(c -> c.verdict() == Verdict.TOO_LITTLE_DATA)
                .thenComparing(c -> Double.isNaN(c.gain()) ? 0 : -c.gain())
                .thenComparing(c -> -(long) c.values()[4])
                .thenComparing(c -> c.g().topic).thenComparing(c -> c.g().segment).thenComparing(c -> c.g().channel);
        computed.sort(order);
        Table.Builder b = columns();
        int rank = 0;
        int level = -1;
        for (Computed c : computed) {
            if (c.g().level != level) {
                level = c.g().level;
                rank = 0;
            }
            c.values()[c.values().length - 1] = (long) ++rank;
            b.row(c.values());
        }
        return b.build();
    }

    /** Adjusted difference of one outcome: sum at index {@code sumIdx}, sum of squares at {@code sqIdx} (binary when -1), count at sumIdx-1 for CSAT else 0. */
    private static EffectEstimate estimate(Group g, int sumIdx, int sqIdx) {
        List<Stratum> strata = new ArrayList<>();
        TreeMap<Integer, Boolean> bins = new TreeMap<>();
        g.taken.byBin.keySet().forEach(k -> bins.put(k, true));
        g.ai.byBin.keySet().forEach(k -> bins.put(k, true));
        for (int bin : bins.keySet()) {
            strata.add(new Stratum(Integer.toString(bin), arm(g.taken.byBin.get(bin), sumIdx, sqIdx),
                    arm(g.ai.byBin.get(bin), sumIdx, sqIdx)));
        }
        return RiskAdjustment.standardise(strata);
    }

    private static ArmSummary arm(long[] b, int sumIdx, int sqIdx) {
        if (b == null) {
            return ArmSummary.EMPTY;
        }
        if (sqIdx < 0) {
            return ArmSummary.binary(b[0], b[sumIdx]);
        }
        return new ArmSummary(b[sumIdx - 1], b[sumIdx], b[sqIdx]);
    }

    static Table.Builder columns() {
        return Table.builder(NAME)
                .string("level", "which columns define the conversation type (the others are rolled up)")
                .string("topic", "topic, * = all").string("segment", "customer segment, * = all")
                .string("channel", "channel, * = all")
                .lng("conversations", "conversations that ended in the window")
                .lng("takenOver", "of which a human took over")
                .dbl("takeoverRate", "takenOver / conversations")
                .lng("pendingOutcome", "conversations whose outcome is not known yet (left out of outcome rates)")
                .lng("takenOverWithOutcome", "taken-over conversations with a known outcome")
                .lng("aiOnlyWithOutcome", "AI-only conversations with a known outcome")
                .dbl("resolvedRateTakenOver", "share resolved, taken over")
                .dbl("resolvedRateAiOnly", "share resolved, AI-only")
                .dbl("naiveResolvedDiff", "resolvedRateTakenOver - resolvedRateAiOnly (biased)")
                .dbl("adjustedResolvedDiff", "risk-adjusted difference in resolution rate")
                .dbl("adjustedResolvedCiLow", "95% interval, low").dbl("adjustedResolvedCiHigh", "95% interval, high")
                .lng("comparedTakenOver", "taken-over conversations with AI-only peers of similar risk")
                .lng("comparedAiOnly", "AI-only conversations in the compared strata")
                .dbl("meanCsatTakenOver", "mean CSAT (1-5), taken over").dbl("meanCsatAiOnly", "mean CSAT, AI-only")
                .dbl("naiveCsatDiff", "naive CSAT difference").dbl("adjustedCsatDiff", "risk-adjusted CSAT difference")
                .dbl("adjustedCsatCiLow", "95% interval, low").dbl("adjustedCsatCiHigh", "95% interval, high")
                .dbl("reopenedRateTakenOver", "share reopened within 7 days, taken over")
                .dbl("reopenedRateAiOnly", "share reopened within 7 days, AI-only")
                .dbl("naiveReopenedDiff", "naive reopened difference")
                .dbl("adjustedReopenedDiff", "risk-adjusted reopened difference (negative is better)")
                .dbl("adjustedReopenedCiLow", "95% interval, low").dbl("adjustedReopenedCiHigh", "95% interval, high")
                .dbl("meanHoursToResolutionTakenOver", "mean hours from start to resolution, resolved taken-over conversations")
                .dbl("meanHoursToResolutionAiOnly", "mean hours from start to resolution, resolved AI-only conversations")
                .string("verdict", "helps / no clear effect / hurts (95% interval of the adjusted resolution difference) / too little data")
                .string("minimumSample", "the sample the verdict needs and has")
                .dbl("expectedGain", "adjustedResolvedDiff x conversations: resolutions gained (or lost) per window at this volume")
                .lng("rank", "rank by expectedGain within the level");
    }
}
