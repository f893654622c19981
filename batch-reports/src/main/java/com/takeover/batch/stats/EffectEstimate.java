package com.takeover.batch.stats;

/**
 * Effect of a takeover on an outcome (taken over minus AI-only).
 *
 * @param naive difference of the raw means over all strata (biased: takeovers go to conversations already going badly)
 * @param adjusted risk-adjusted difference: stratum differences weighted by the taken-over population
 * @param standardError of the adjusted difference
 * @param ci 95% interval of the adjusted difference
 * @param takenOverCompared taken-over conversations in strata that also have AI-only ones (the ones compared)
 * @param aiOnlyCompared AI-only conversations in those strata
 * @param takenOverTotal all taken-over conversations with this outcome
 * @param aiOnlyTotal all AI-only conversations with this outcome
 * @param strataCompared strata that had both arms
 */
public record EffectEstimate(
        double naive,
        double adjusted,
        double standardError,
        Interval ci,
        long takenOverCompared,
        long aiOnlyCompared,
        long takenOverTotal,
        long aiOnlyTotal,
        int strataCompared) {

    /** Share of the taken-over conversations that had AI-only peers of similar risk. */
    public double coverage() {
        return takenOverTotal == 0 ? Double.NaN : (double) takenOverCompared / takenOverTotal;
    }
}
