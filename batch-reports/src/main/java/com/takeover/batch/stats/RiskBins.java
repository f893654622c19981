package com.takeover.batch.stats;

import java.util.Locale;

/** Fixed-width risk strata over [0, 1]: bin i holds [i/count, (i+1)/count), the last one includes 1. */
public record RiskBins(int count) {
    public RiskBins {
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("risk bins must be 1..100, got " + count);
        }
    }

    public int index(double risk) {
        if (Double.isNaN(risk)) {
            return 0;
        }
        int i = (int) Math.floor(risk * count);
        return Math.max(0, Math.min(count - 1, i));
    }

    public String label(int index) {
        return String.format(Locale.ROOT, "%.2f-%.2f", (double) index / count, (double) (index + 1) / count);
    }
}
