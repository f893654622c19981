package com.takeover.scoring;

import java.io.Serializable;

/** Compound sentiment of a text in [-1, 1]; lets tests script sentiments and the job use {@link SentimentScorer}. */
@FunctionalInterface
public interface SentimentModel extends Serializable {
    double score(String text);

    static SentimentModel lexicon() {
        return new Lexicon(SentimentScorer.withDefaultLexicon());
    }

    /** A named class rather than a lambda: Flink ships the scorer by Java serialization. */
    final class Lexicon implements SentimentModel {
        private static final long serialVersionUID = 1L;
        private final SentimentScorer scorer;

        Lexicon(SentimentScorer scorer) {
            this.scorer = scorer;
        }

        @Override
        public double score(String text) {
            return scorer.score(text);
        }
    }
}
