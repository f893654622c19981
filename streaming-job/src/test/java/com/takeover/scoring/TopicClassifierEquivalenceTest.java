package com.takeover.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.testing.TextCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Reading words straight from the text changes no topic: the same answers as the classifier that matched
 * phrases in a normalised copy, over every corpus text, with the default rules and with rules of accented,
 * apostrophised and prefix phrases. That classifier is this one given the normalised copy: a normalised text
 * reads as itself, char for char ({@link #aNormalisedCharReadsAsItself}).
 */
class TopicClassifierEquivalenceTest {

    private static final List<TopicRule> ODD_RULES = List.of(
            new TopicRule("contraction", List.of("didn't get*", "don’t", "can't log in")),
            new TopicRule("accented", List.of("caf\u00e9*", "r\u00c9sum\u00e9", "stra\u00dfe")),
            new TopicRule("digits", List.of("x200", "4k monitor*", "2fa")),
            new TopicRule("prefix", List.of("ref*", "\u00e9*", "'*")));

    @Test
    void sameTopicsAsTheNormalisedCopy() {
        List<String> texts = new ArrayList<>(TextCorpus.texts());
        texts.addAll(List.of("DIDN'T GET my parcel", "didn\u2018t getting", "don\u02bct", "don\u2019t", "CAF\u00c9 au lait",
                "r\u00e9sum\u00e9", "R\u00c9SUM\u00c9!", "Stra\u00dfe", "STRASSE", "\u00e9t\u00e9", "'quoted'", "x200",
                "the X200's fan", "4K-monitor", "my 2FA code", "\u0130stanbul refund", "\u212Aelvin", "refunded?!",
                "  lead space", "trail space  ", "a\ud83d\ude00refund", ""));
        for (List<TopicRule> rules : List.of(ScoringConfig.defaults().topics(), ODD_RULES)) {
            TopicClassifier now = new TopicClassifier(rules);
            List<String> differ = new ArrayList<>();
            int topics = 0;
            for (String t : texts) {
                // what the classifier before matched its phrases in
                String expected = now.classify(TopicClassifier.normalise(t));
                if (!Objects.equals(expected, now.classify(t))) {
                    differ.add(t);
                }
                topics += expected == null ? 0 : 1;
            }
            assertThat(differ).isEmpty();
            assertThat(topics).isGreaterThan(20);
        }
    }

    /**
     * Every char of a normalised text reads as itself: a word char stays a word char and folds to itself, and
     * the space between words is no word char. So reading a normalised copy is comparing its chars as they are.
     */
    @Test
    void aNormalisedCharReadsAsItself() {
        List<Integer> differ = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String norm = TopicClassifier.normalise(String.valueOf((char) c));
            char n = norm.charAt(0);
            boolean word = !norm.equals(" ");
            if (norm.length() != 1 || TopicClassifier.isWordChar(n) != word
                    || (word && TopicClassifier.normal(n) != n)) {
                differ.add(c);
            }
        }
        assertThat(differ).isEmpty();
    }

    /** A word's first-word lookup finds the same entry whether it reads the text or its normalised copy. */
    @Test
    void foldingAWordCharFoldsItsNormalisedForm() {
        List<Integer> differ = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String norm = TopicClassifier.normalise(String.valueOf((char) c));
            if (norm.equals(" ")) {
                continue; // not a word char
            }
            if (TokenTable.fold((char) c) != TokenTable.fold(norm.charAt(0))) {
                differ.add(c);
            }
        }
        assertThat(differ).isEmpty();
    }
}
