package com.takeover.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of a sample (nearest rank). */
public record Percentiles(int count, long p50, long p95, long p99, long max) {

    public static Percentiles of(long[] values) {
        if (values.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        long[] v = values.clone();
        Arrays.sort(v);
        return new Percentiles(v.length, rank(v, 50), rank(v, 95), rank(v, 99), v[v.length - 1]);
    }

    /** The median of {@code values} (the mean of the middle two for an even count); NaN when there are none. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static long rank(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    @Override
    public String toString() {
        return count == 0 ? "no samples"
                : String.format(Locale.ROOT, "p50 %,d  p95 %,d  p99 %,d  max %,d  (n=%,d)", p50, p95, p99, max, count);
    }
}
