package com.takeover.batch.stats;

/** A two-sided interval; both ends NaN when it cannot be computed. */
public record Interval(double low, double high) {
    public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);

    public boolean isDefined() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    public boolean contains(double value) {
        return isDefined() && value >= low && value <= high;
    }
}
