package com.takeover.scoring;

import java.io.Serializable;

/**
 * Compound sentiment of one customer message in [-1, 1]. PLACEHOLDER: the real VADER-based
 * scorer replaces this class (same public API).
 */
public final class SentimentScorer implements Serializable {
    private static final long serialVersionUID = 1L;

    public static SentimentScorer withDefaultLexicon() {
        return new SentimentScorer();
    }

    /** Compound score in [-1, 1]; 0 for empty or neutral text. */
    public double score(String text) {
        return 0.0;
    }
}
