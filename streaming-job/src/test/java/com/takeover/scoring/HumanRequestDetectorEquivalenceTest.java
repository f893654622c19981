package com.takeover.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.testing.TextCorpus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The detector's required-word checks change no answer: over every corpus text and these edge cases, no pattern
 * finds a match in a text where its check would skip it, so the detector answers as if it ran every pattern on
 * every message with a keyword.
 */
class HumanRequestDetectorEquivalenceTest {

    @Test
    void noPatternMatchesWhereItsWordCheckWouldSkipIt() {
        HumanRequestDetector detector = new HumanRequestDetector();
        List<String> texts = new ArrayList<>(TextCorpus.texts());
        texts.addAll(List.of("I don't want to talk to a computer", "no more bots", "enough with the stupid bot",
                "instead of a chatbot, get me someone", "tired of this chat bot", "i wanna speak to a human",
                "escalation please", "is there anybody i can talk to", "anyone real i could chat with",
                "human help", "flesh and blood agent", "where is your supervisor", "one of you please",
                "a real one please", "customer service!!", "Someone real, please", "(agent)", "-agent-",
                "x'agent", "AGENT!!!", "talk to a team member", "put me through to support staff",
                "could we please see a manager", "i'd love to speak with a real person",
                "\u00e9agent please", "agent\u00e9", "caf\u00e9 agent please", "I was talking to an agent",
                "why won't you let me talk to a human", "don't you have a real person?", ""));
        List<String> unsound = new ArrayList<>();
        for (String t : texts) {
            List<String> missing = HumanRequestDetector.patternsMissingTheirCues(t);
            if (!missing.isEmpty()) {
                unsound.add(missing + ": " + t);
            }
        }
        assertThat(unsound).isEmpty();
        // the corpus holds requests of every kind, not only texts the keyword check rejects
        long requests = texts.stream().filter(detector::isHumanRequest).count();
        assertThat(requests).isGreaterThan(100);
        assertThat(texts.size()).isGreaterThan(5_000);
    }
}
