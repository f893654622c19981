package com.takeover.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reasons' numbers read exactly as {@code String.format} wrote them before (alerts must not change). */
class ReasonsTest {

    static List<Double> values() {
        List<Double> xs = new ArrayList<>(List.of(0.0, -0.0, 0.005, -0.005, 0.015, 0.025, 0.045, 0.125, -0.125,
                0.995, -0.995, 1.005, 2.675, 0.05, -0.05, 0.25, 0.35, -0.45, 1e-9, -1e-9, 0.0049999, 123456.785,
                1e15, 3.5e20, -7.25e-5, 59.95, 0.8, -0.4, 1.0, -1.0, Double.MIN_VALUE, Double.MAX_VALUE,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        Random r = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            double x = switch (i % 4) {
                case 0 -> r.nextDouble() * 2 - 1; // sentiments, confidences
                case 1 -> Math.round((r.nextDouble() * 2 - 1) * 1000) / 1000.0; // exact thousandths: ties
                case 2 -> r.nextDouble() * 600; // minutes
                default -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(12) - 4);
            };
            xs.add(x);
        }
        return xs;
    }

    @Test
    void fixedDecimalsAreWhatStringFormatWrites() {
        for (double x : values()) {
            assertThat(Reasons.signed(x)).as("%+.2f of %s", x).isEqualTo(String.format(Locale.ROOT, "%+.2f", x));
            assertThat(Reasons.two(x)).as("%.2f of %s", x).isEqualTo(String.format(Locale.ROOT, "%.2f", x));
            assertThat(Reasons.one(x)).as("%.1f of %s", x).isEqualTo(String.format(Locale.ROOT, "%.1f", x));
        }
    }
}
