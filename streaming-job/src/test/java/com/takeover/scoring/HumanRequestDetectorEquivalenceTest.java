package com.takeover.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.testing.TextCorpus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The detector with required-word checks answers as the one that ran every pattern on every message with a
 * keyword ({@link HumanRequestDetectorBefore}), over every corpus text and these edge cases.
 */
class HumanRequestDetectorEquivalenceTest {

    @Test
    void sameAnswersAsRunningEveryPattern() {
        HumanRequestDetector now = new HumanRequestDetector();
        HumanRequestDetectorBefore before = new HumanRequestDetectorBefore();
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
        List<String> differ = new ArrayList<>();
        int requests = 0;
        for (String t : texts) {
            boolean expected = before.isHumanRequest(t);
            if (now.isHumanRequest(t) != expected) {
                differ.add(t);
            }
            requests += expected ? 1 : 0;
        }
        assertThat(differ).isEmpty();
        // stronger than the answers: no pattern ever finds a match where its cue check would skip it
        List<String> unsound = new ArrayList<>();
        for (String t : texts) {
            List<String> missing = HumanRequestDetector.patternsMissingTheirCues(t);
            if (!missing.isEmpty()) {
                unsound.add(missing + ": " + t);
            }
        }
        assertThat(unsound).isEmpty();
        assertThat(requests).isGreaterThan(100);
        assertThat(texts.size()).isGreaterThan(5_000);
    }
}
