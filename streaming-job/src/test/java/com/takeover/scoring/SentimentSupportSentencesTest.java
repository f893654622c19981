package com.takeover.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sign agreement with hand-labelled support-chat messages (src/test/resources/sentiment). */
class SentimentSupportSentencesTest {

    record Labelled(int line, int label, String text, String note) {}

    static List<Labelled> load() throws IOException {
        List<Labelled> out = new ArrayList<>();
        try (InputStream in = SentimentSupportSentencesTest.class.getResourceAsStream("/sentiment/support-sentences.tsv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 3) {
                    throw new IllegalStateException("support-sentences.tsv:" + n + ": expected label<TAB>text<TAB>note");
                }
                out.add(new Labelled(n, Integer.parseInt(f[0]), f[1], f[2]));
            }
        }
        return out;
    }

    static int sign(double score) {
        return score > SentimentEvaluation.SIGN_THRESHOLD ? 1 : (score < -SentimentEvaluation.SIGN_THRESHOLD ? -1 : 0);
    }

    @Test
    void agreesOnTheSignOfAtLeast90PercentOfSupportMessages() throws IOException {
        List<Labelled> sentences = load();
        assertThat(sentences).hasSizeGreaterThanOrEqualTo(60);
        assertThat(sentences).extracting(Labelled::label).contains(-1, 0, 1);
        SentimentScorer scorer = SentimentScorer.withDefaultLexicon();
        List<String> disagreements = new ArrayList<>();
        for (Labelled s : sentences) {
            double score = scorer.score(s.text());
            if (sign(score) != s.label()) {
                disagreements.add(String.format("line %d: label %d, score %.3f: %s (%s)", s.line(), s.label(), score, s.text(), s.note()));
            }
        }
        double agreement = 1.0 - (double) disagreements.size() / sentences.size();
        assertThat(agreement).as("sign agreement; disagreements:%n%s", String.join("\n", disagreements))
                .isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void theSupportLayerIsWhatMakesTheDifference() throws IOException {
        List<Labelled> sentences = load();
        SentimentScorer vader = SentimentScorer.withoutSupportDomain();
        long agree = sentences.stream().filter(s -> sign(vader.score(s.text())) == s.label()).count();
        // VADER alone misreads the support language these sentences are made of
        assertThat((double) agree / sentences.size()).isLessThan(0.80);
    }
}
