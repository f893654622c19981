package com.takeover.batch.stats;

/** Confidence intervals for a proportion k/n. */
public final class Proportions {
    /** Two-sided 95% normal quantile. */
    public static final double Z95 = 1.959963984540054;

    private Proportions() {}

    public static double rate(long successes, long n) {
        return n == 0 ? Double.NaN : (double) successes / n;
    }

    /** Wilson score interval: stays inside [0, 1] and behaves for small n or rates near 0 and 1. */
    public static Interval wilson(long successes, long n) {
        return wilson(successes, n, Z95);
    }

    public static Interval wilson(long successes, long n, double z) {
        check(successes, n);
        if (n == 0) {
            return Interval.UNDEFINED;
        }
        double p = (double) successes / n;
        double z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** Normal (Wald) interval p ± z·sqrt(p(1-p)/n), clipped to [0, 1]. */
    public static Interval normal(long successes, long n) {
        check(successes, n);
        if (n == 0) {
            return Interval.UNDEFINED;
        }
        double p = (double) successes / n;
        double half = Z95 * Math.sqrt(p * (1 - p) / n);
        return new Interval(Math.max(0, p - half), Math.min(1, p + half));
    }

    private static void check(long successes, long n) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("need 0 <= successes <= n, got " + successes + "/" + n);
        }
    }
}
