package com.takeover.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Percentiles.median(new double[] {0.7, 0.48, 0.65})).isEqualTo(0.65);
        assertThat(Percentiles.median(new double[] {0.7, 0.65, 0.51, 0.48})).isCloseTo(0.58, within(1e-9));
        assertThat(Percentiles.median(new double[0])).isNaN();
    }

    @Test
    void nearestRankPercentiles() {
        long[] values = new long[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 - i; // unsorted on purpose
        }
        Percentiles p = Percentiles.of(values);
        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p95()).isEqualTo(95);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
    }
}
