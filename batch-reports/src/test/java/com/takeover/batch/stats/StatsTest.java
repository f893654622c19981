package com.takeover.batch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void wilsonIntervalMatchesHandComputation() {
        // p = 0.8, z² = 3.8415: centre = (0.8 + 0.19207) / 1.38415, half = z·sqrt(0.016 + 0.0096036) / 1.38415
        Interval ci = Proportions.wilson(8, 10);
        assertThat(ci.low()).isCloseTo(0.490160, within(1e-5));
        assertThat(ci.high()).isCloseTo(0.943313, within(1e-5));
        // Never outside [0, 1], even at the edges where the normal interval collapses
        Interval zero = Proportions.wilson(0, 20);
        assertThat(zero.low()).isEqualTo(0.0);
        assertThat(zero.high()).isCloseTo(0.161125, within(1e-5));
        assertThat(Proportions.normal(0, 20)).isEqualTo(new Interval(0, 0));
        assertThat(Proportions.wilson(0, 0).isDefined()).isFalse();
    }

    @Test
    void normalIntervalMatchesHandComputation() {
        // 0.5 ± 1.96·sqrt(0.25/100) = 0.5 ± 0.098
        Interval ci = Proportions.normal(50, 100);
        assertThat(ci.low()).isCloseTo(0.5 - 0.0979982, within(1e-6));
        assertThat(ci.high()).isCloseTo(0.5 + 0.0979982, within(1e-6));
    }

    @Test
    void standardisesToTheTakenOverPopulation() {
        List<Stratum> strata = List.of(
                new Stratum("low", ArmSummary.binary(10, 6), ArmSummary.binary(40, 30)),
                new Stratum("high", ArmSummary.binary(30, 12), ArmSummary.binary(10, 5)),
                // no AI-only peers: cannot be compared, left out of the adjusted estimate
                new Stratum("extreme", ArmSummary.binary(5, 1), ArmSummary.EMPTY));
        EffectEstimate e = RiskAdjustment.standardise(strata);

        assertThat(e.naive()).isCloseTo(19.0 / 45 - 35.0 / 50, within(1e-12));
        // weights 10/40 and 30/40: 0.25·(0.6 - 0.75) + 0.75·(0.4 - 0.5)
        assertThat(e.adjusted()).isCloseTo(-0.1125, within(1e-12));
        // variances by the plus-two rule: p̃ = (k+1)/(n+2)
        double lowT = 7.0 / 12 * (5.0 / 12);
        double lowA = 31.0 / 42 * (11.0 / 42);
        double highT = 13.0 / 32 * (19.0 / 32);
        double highA = 0.25;
        double variance = 0.0625 * (lowT / 10 + lowA / 40) + 0.5625 * (highT / 30 + highA / 10);
        assertThat(variance).isCloseTo(0.0204064, within(1e-6));
        assertThat(e.standardError()).isCloseTo(Math.sqrt(variance), within(1e-12));
        assertThat(e.ci().low()).isCloseTo(-0.1125 - 1.959963984540054 * Math.sqrt(variance), within(1e-12));
        assertThat(e.ci().high()).isCloseTo(0.167482, within(1e-5));
        assertThat(e.takenOverCompared()).isEqualTo(40);
        assertThat(e.aiOnlyCompared()).isEqualTo(50);
        assertThat(e.takenOverTotal()).isEqualTo(45);
        assertThat(e.strataCompared()).isEqualTo(2);
        assertThat(e.coverage()).isCloseTo(40.0 / 45, within(1e-12));

        assertThat(Verdict.of(e, 30)).isEqualTo(Verdict.NO_CLEAR_EFFECT);
        assertThat(Verdict.of(e, 41)).isEqualTo(Verdict.TOO_LITTLE_DATA);
    }

    @Test
    void continuousOutcomeUsesItsVariance() {
        // CSAT: taken over {4, 5} vs AI-only {2, 4}: means 4.5 and 3, sample variances 0.5 and 2
        Stratum s = new Stratum("one", new ArmSummary(2, 9, 41), new ArmSummary(2, 6, 20));
        EffectEstimate e = RiskAdjustment.standardise(List.of(s));
        assertThat(e.adjusted()).isCloseTo(1.5, within(1e-12));
        assertThat(e.standardError()).isCloseTo(Math.sqrt(0.5 / 2 + 2.0 / 2), within(1e-12));
    }

    @Test
    void zeroOfFewIsNotCertainty() {
        // 0 of 3 resolved: the plus-two variance (1/5·4/5) keeps the interval open
        Stratum s = new Stratum("one", ArmSummary.binary(3, 3), ArmSummary.binary(3, 0));
        EffectEstimate e = RiskAdjustment.standardise(List.of(s));
        assertThat(e.adjusted()).isEqualTo(1.0);
        assertThat(e.standardError()).isCloseTo(Math.sqrt(2 * 0.16 / 3), within(1e-12));
    }

    @Test
    void verdictFollowsTheIntervalSign() {
        EffectEstimate helps = new EffectEstimate(0, 0.2, 0.05, new Interval(0.1, 0.3), 100, 100, 100, 100, 3);
        EffectEstimate hurts = new EffectEstimate(0, -0.2, 0.05, new Interval(-0.3, -0.1), 100, 100, 100, 100, 3);
        assertThat(Verdict.of(helps, 30)).isEqualTo(Verdict.HELPS);
        assertThat(Verdict.of(hurts, 30)).isEqualTo(Verdict.HURTS);
        assertThat(Verdict.of(RiskAdjustment.standardise(List.of()), 30)).isEqualTo(Verdict.TOO_LITTLE_DATA);
    }

    @Test
    void riskBinsAreFixedWidthAndClosedAtOne() {
        RiskBins bins = new RiskBins(5);
        assertThat(bins.index(0.0)).isEqualTo(0);
        assertThat(bins.index(0.19999)).isEqualTo(0);
        assertThat(bins.index(0.2)).isEqualTo(1);
        assertThat(bins.index(1.0)).isEqualTo(4);
        assertThat(bins.label(1)).isEqualTo("0.20-0.40");
    }
}
