package com.takeover.batch.stats;

/**
 * One arm (taken over, or AI-only) of one stratum, as sufficient statistics of a per-conversation
 * outcome: count, sum and sum of squares. A 0/1 outcome has sum = sumSq = successes.
 */
public record ArmSummary(long n, double sum, double sumSq) {
    public static final ArmSummary EMPTY = new ArmSummary(0, 0, 0);

    public static ArmSummary binary(long n, long successes) {
        return new ArmSummary(n, successes, successes);
    }

    public double mean() {
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Population variance (divisor n): p(1-p) for a 0/1 outcome. */
    public double variance() {
        if (n == 0) {
            return Double.NaN;
        }
        double m = mean();
        return Math.max(0, sumSq / n - m * m);
    }

    public ArmSummary plus(ArmSummary o) {
        return new ArmSummary(n + o.n, sum + o.sum, sumSq + o.sumSq);
    }
}
