package com.takeover.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SentimentEvaluationTest {

    @Test
    void pearsonAndSignPrecisionRecall() {
        double[] scores = {0.8, 0.3, -0.6, 0.0, -0.2, 0.04};
        double[] ratings = {2.0, -1.0, -3.0, 0.5, -1.0, 1.0};
        SentimentEvaluation e = SentimentEvaluation.of(scores, ratings);
        assertThat(e.n()).isEqualTo(6);
        // predicted positive (> 0.05): 0.8, 0.3 -> 1 of 2 right; gold positive: 2.0, 0.5, 1.0 -> 1 of 3 found
        assertThat(e.positivePrecision()).isCloseTo(0.5, within(1e-12));
        assertThat(e.positiveRecall()).isCloseTo(1.0 / 3, within(1e-12));
        // predicted negative: -0.6, -0.2 -> both right; gold negative: -1.0, -3.0, -1.0 -> 2 of 3
        assertThat(e.negativePrecision()).isCloseTo(1.0, within(1e-12));
        assertThat(e.negativeRecall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(e.pearsonR()).isCloseTo(0.81505, within(1e-4));
    }

    @Test
    void rejectsMismatchedOrTooFewPairs() {
        assertThatThrownBy(() -> SentimentEvaluation.of(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ");
        assertThatThrownBy(() -> SentimentEvaluation.of(new double[] {1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
    }
}
