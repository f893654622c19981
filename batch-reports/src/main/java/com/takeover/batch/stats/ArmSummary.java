package com.takeover.batch.stats;

/**
 * One arm (taken over, or AI-only) of one stratum, as sufficient statistics of a per-conversation
 * outcome: count, sum and sum of squares. A 0/1 outcome ({@link #binary}) has sum = sumSq = successes.
 */
public record ArmSummary(long n, double sum, double sumSq, boolean isBinary) {
    public static final ArmSummary EMPTY = new ArmSummary(0, 0, 0, true);

    public ArmSummary(long n, double sum, double sumSq) {
        this(n, sum, sumSq, false);
    }

    public static ArmSummary binary(long n, long successes) {
        return new ArmSummary(n, successes, successes, true);
    }

    public double mean() {
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Variance used for the standard error. Small strata are common, and a stratum with 0 of 3
     * resolved must not count as certain: for a 0/1 outcome p̃(1-p̃) with p̃ = (k+1)/(n+2) (the
     * "plus two" rule); otherwise the sample variance (divisor n-1), or NaN for a single value.
     */
    public double variance() {
        if (n == 0) {
            return Double.NaN;
        }
        if (isBinary) {
            double p = (sum + 1) / (n + 2);
            return p * (1 - p);
        }
        if (n < 2) {
            return Double.NaN;
        }
        return Math.max(0, (sumSq - sum * sum / n) / (n - 1));
    }

    public ArmSummary plus(ArmSummary o) {
        return new ArmSummary(n + o.n, sum + o.sum, sumSq + o.sumSq, isBinary && o.isBinary);
    }
}
