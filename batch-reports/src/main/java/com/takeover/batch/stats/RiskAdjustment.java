package com.takeover.batch.stats;

import java.util.List;

/**
 * Compares like with like: the takeover effect within each risk stratum, averaged with weights
 * equal to the stratum's share of the taken-over conversations (direct standardisation to the
 * taken-over population, i.e. the effect on the conversations supervisors actually took over).
 *
 * <p>Var(adjusted) = Σ w² (var₁/n₁ + var₀/n₀) with the variances of {@link ArmSummary#variance()}
 * (an arm with a single value borrows its arm's variance over all strata); the 95% interval is normal. Strata missing either arm cannot be compared and are left out; {@link
 * EffectEstimate#coverage()} says how much of the taken-over population that left.
 */
public final class RiskAdjustment {
    private RiskAdjustment() {}

    public static EffectEstimate standardise(List<Stratum> strata) {
        return standardise(strata, Proportions.Z95);
    }

    public static EffectEstimate standardise(List<Stratum> strata, double z) {
        ArmSummary allTaken = ArmSummary.EMPTY;
        ArmSummary allAi = ArmSummary.EMPTY;
        long takenCompared = 0;
        long aiCompared = 0;
        int strataCompared = 0;
        for (Stratum s : strata) {
            allTaken = allTaken.plus(s.takenOver());
            allAi = allAi.plus(s.aiOnly());
            if (s.takenOver().n() > 0 && s.aiOnly().n() > 0) {
                takenCompared += s.takenOver().n();
                aiCompared += s.aiOnly().n();
                strataCompared++;
            }
        }
        double naive = allTaken.mean() - allAi.mean();
        if (takenCompared == 0) {
            return new EffectEstimate(naive, Double.NaN, Double.NaN, Interval.UNDEFINED,
                    0, 0, allTaken.n(), allAi.n(), 0);
        }
        double pooledTaken = allTaken.variance();
        double pooledAi = allAi.variance();
        double adjusted = 0;
        double variance = 0;
        for (Stratum s : strata) {
            ArmSummary t = s.takenOver();
            ArmSummary a = s.aiOnly();
            if (t.n() == 0 || a.n() == 0) {
                continue;
            }
            double w = (double) t.n() / takenCompared;
            adjusted += w * (t.mean() - a.mean());
            variance += w * w * (orElse(t.variance(), pooledTaken) / t.n() + orElse(a.variance(), pooledAi) / a.n());
        }
        double se = Math.sqrt(variance);
        if (Double.isNaN(se)) {
            return new EffectEstimate(naive, adjusted, Double.NaN, Interval.UNDEFINED,
                    takenCompared, aiCompared, allTaken.n(), allAi.n(), strataCompared);
        }
        return new EffectEstimate(naive, adjusted, se, new Interval(adjusted - z * se, adjusted + z * se),
                takenCompared, aiCompared, allTaken.n(), allAi.n(), strataCompared);
    }

    private static double orElse(double v, double fallback) {
        return Double.isNaN(v) ? fallback : v;
    }
}
