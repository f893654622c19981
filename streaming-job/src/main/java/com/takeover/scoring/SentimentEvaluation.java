package com.takeover.scoring;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * Agreement of a scorer with human ratings: Pearson r of the compound score with the mean rating,
 * and precision/recall of the sign. A score counts as positive above +{@value #SIGN_THRESHOLD} and
 * negative below -{@value #SIGN_THRESHOLD} (VADER's convention); a rating by its sign (0 = neutral).
 */
public record SentimentEvaluation(
        int n, double pearsonR, double positivePrecision, double positiveRecall,
        double negativePrecision, double negativeRecall) {

    public static final double SIGN_THRESHOLD = 0.05;

    /** Evaluates {@code scores[i]} against {@code ratings[i]}; needs at least 2 pairs. */
    public static SentimentEvaluation of(double[] scores, double[] ratings) {
        if (scores.length != ratings.length) {
            throw new IllegalArgumentException("scores and ratings differ in length: " + scores.length + " vs " + ratings.length);
        }
        if (scores.length < 2) {
            throw new IllegalArgumentException("need at least 2 rated sentences, got " + scores.length);
        }
        double r = new PearsonsCorrelation().correlation(scores, ratings);
        int predPos = 0, truePos = 0, goldPos = 0;
        int predNeg = 0, trueNeg = 0, goldNeg = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean pp = scores[i] > SIGN_THRESHOLD;
            boolean pn = scores[i] < -SIGN_THRESHOLD;
            boolean gp = ratings[i] > 0;
            boolean gn = ratings[i] < 0;
            predPos += pp ? 1 : 0;
            predNeg += pn ? 1 : 0;
            goldPos += gp ? 1 : 0;
            goldNeg += gn ? 1 : 0;
            truePos += pp && gp ? 1 : 0;
            trueNeg += pn && gn ? 1 : 0;
        }
        return new SentimentEvaluation(scores.length, r,
                ratio(truePos, predPos), ratio(truePos, goldPos),
                ratio(trueNeg, predNeg), ratio(trueNeg, goldNeg));
    }

    private static double ratio(int a, int b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
