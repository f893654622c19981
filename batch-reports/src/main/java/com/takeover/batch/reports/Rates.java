package com.takeover.batch.reports;

/** Small arithmetic shared by the reports; NaN means "no value" and becomes an empty cell. */
final class Rates {
    private Rates() {}

    static double ratio(double num, double den) {
        return den == 0 ? Double.NaN : num / den;
    }

    static long lng(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
