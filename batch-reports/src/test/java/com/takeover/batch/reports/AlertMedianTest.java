package com.takeover.batch.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.takeover.batch.testing.SparkTestSession;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The median of alert delays from their counts, as Spark's percentile(x, 0.5) gives it from the values. */
class AlertMedianTest {

    private static TreeMap<Long, Long> counts(long... values) {
        TreeMap<Long, Long> c = new TreeMap<>();
        for (long v : values) {
            c.merge(v, 1L, Long::sum);
        }
        return c;
    }

    @Test
    void middleValueOrMeanOfTheTwoMiddleOnes() {
        assertThat(AlertEffectivenessReport.median(counts(10, 1, 2), 3)).isEqualTo(2.0);
        assertThat(AlertEffectivenessReport.median(counts(2, 10), 2)).isEqualTo(6.0);
        assertThat(AlertEffectivenessReport.median(counts(7), 1)).isEqualTo(7.0);
        assertThat(AlertEffectivenessReport.median(counts(5, 5, 5, 7), 4)).isEqualTo(5.0);
        assertThat(AlertEffectivenessReport.median(counts(5, 7, 7, 7), 4)).isEqualTo(7.0);
        assertThat(AlertEffectivenessReport.median(counts(1, 2, 3, 100), 4)).isEqualTo(2.5);
        assertThatThrownBy(() -> AlertEffectivenessReport.median(counts(1), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameAsSparksPercentileOverManyRepeatedValues() {
        long[] values = LongStream.range(0, 2_001).map(i -> (i * 7919) % 613).toArray();
        TreeMap<Long, Long> c = counts(values);
        for (int n : new int[] {2_001, 2_000}) {
            long[] some = Arrays.copyOf(values, n);
            Row spark = SparkTestSession.get().createDataset(Arrays.stream(some).boxed().toList(), Encoders.LONG())
                    .selectExpr("percentile(value, 0.5)").first();
            assertThat(AlertEffectivenessReport.median(counts(some), n)).as("n = %d", n).isEqualTo(spark.getDouble(0));
        }
        assertThat(c).hasSizeLessThan(values.length); // values repeat: counts above 1 are exercised
    }
}
