package com.takeover.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.testing.TextCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The one-scan {@link SignOff} answers as the split-based one it replaced, over every corpus text. */
class SignOffEquivalenceTest {

    @Test
    void sameAnswersAsTheSplitBasedVersion() {
        List<String> differ = new ArrayList<>();
        int signOffs = 0;
        List<String> texts = new ArrayList<>(TextCorpus.texts());
        texts.addAll(List.of("thanks!!! bye", ".thanks", "thanks...", "ok, thanks; bye: cheers", "that's all, thanks",
                "thanks. when will it arrive", "why thanks", "thanks why", "a b c d e f g h i j k l m thanks",
                "a b c d e f g h i j k l m n thanks", "THANKS \u0130STANBUL", "caf\u00e9 thanks", "thank\u2019s",
                "all   good", "all-good", "all good.", "THANKS, BYE", "THANKS DON\u2019T", "Cheers\u2019", "\u212Athanks",
                "\u212A thanks", "ALL GOOD", "That\u2019S ALL", "CAN'T thank you enough", ""));
        for (String t : texts) {
            boolean expected = before(t);
            if (SignOff.isSignOff(t) != expected) {
                differ.add(t);
            }
            signOffs += expected ? 1 : 0;
        }
        assertThat(differ).isEmpty();
        assertThat(signOffs).isGreaterThan(50);
    }

    /** SignOff.isSignOff as it was before the one-scan version. */
    static boolean before(String text) {
        if (text == null || text.isBlank() || text.indexOf('?') >= 0) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        List<String> words = new ArrayList<>();
        boolean closing = false;
        for (String clause : lower.split("[.!,;:]+")) {
            boolean first = true;
            for (String w : clause.split("[^a-z']+")) {
                if (w.isEmpty()) {
                    continue;
                }
                if (OPEN_WORDS.contains(w) || w.endsWith("n't") || (first && QUESTION_WORDS.contains(w))) {
                    return false;
                }
                first = false;
                words.add(w);
                closing |= CLOSING_WORDS.contains(w);
            }
        }
        if (words.isEmpty() || words.size() > SignOff.MAX_WORDS) {
            return false;
        }
        if (closing) {
            return true;
        }
        String joined = String.join(" ", words);
        for (String p : CLOSING_PHRASES) {
            if (joined.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.Set<String> CLOSING_WORDS = java.util.Set.of("thanks", "thank", "thx", "ty",
            "tysm", "cheers", "bye", "goodbye", "cya", "ciao", "ta", "appreciate", "appreciated");
    private static final java.util.Set<String> CLOSING_PHRASES = java.util.Set.of("that's all", "thats all",
            "that is all", "all good", "all sorted", "all set", "that's it", "thats it", "problem solved",
            "that helps", "that helped", "have a nice day", "have a good day", "sorted now", "works now");
    private static final java.util.Set<String> OPEN_WORDS = java.util.Set.of("but", "still", "however", "though",
            "although", "except", "not", "never", "can", "could", "would", "will", "please", "pls", "plz", "need",
            "want", "advance", "also", "another", "again", "wait", "waiting", "if");
    private static final java.util.Set<String> QUESTION_WORDS = java.util.Set.of("why", "how", "what", "when",
            "where", "which", "who", "what's", "when's", "where's", "how's", "is", "are", "do", "does", "did");
}
