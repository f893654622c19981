package com.takeover.scoring;

import static com.takeover.testing.Events.MINUTE;
import static com.takeover.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.testing.Events;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SignOffTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "thank you so much",
        "Thanks, that's all!",
        "ok thanks bye",
        "Great, thanks!",
        "cheers",
        "Perfect, that's all I needed. Thank you!",
        "thx",
        "Thank you, have a nice day",
        "Brilliant, thanks a lot :)",
        "no thanks, all good",
        "It works now. Thank you!",
        "That\u2019s all, bye",
        "Thank you for your help, bye!",
        "Awesome, appreciate it :)",
        "Thanks a lot, you've been very helpful.",
        "Thank you, that's exactly what I needed.",
    })
    void closingMessagesAreSignOffs(String text) {
        assertThat(SignOff.isSignOff(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "thanks but it still doesn't work",
        "thanks, can you also check my invoice?",
        "Thank you. When will it arrive",
        "thanks for the link, I need to change my address too",
        "thanks in advance",
        "I want a refund, thanks",
        "hello?",
        "where is my parcel",
        "thanks, please cancel my order",
        "thanks, I'll wait for your answer",
        "thanks, what about my refund",
        "ok thanks. is it shipped yet",
        "thanks, can you help me with my invoice",
        "Thanks. It isn't working though",
        "ok",
        "",
        "thank you for the answer but the tracking page has shown the same status for nine days now and nothing moves",
    })
    void messagesThatAskOrComplainAreNot(String text) {
        assertThat(SignOff.isSignOff(text)).isFalse();
    }

    @Test
    void aCustomerWhoSignsOffIsNotWaitingForAnAnswer() {
        ConversationScorer scorer = Events.scriptedScorer();
        ConversationState s = new ConversationState();
        Events.Conversation c = Events.conversation("c1");
        scorer.apply(s, c.started("standard"));
        scorer.apply(s, c.after(10).customer("where is my parcel?"));
        scorer.apply(s, c.after(20).ai("It arrives tomorrow.", 0.9));
        scorer.apply(s, c.after(10).customer("thank you so much"));
        assertThat(Signals.waitingMinutes(s, T0 + 30 * MINUTE)).isZero();

        scorer.apply(s, c.after(10).customer("thanks, but can you also change my address?"));
        assertThat(Signals.waitingMinutes(s, T0 + 50_000 + 3 * MINUTE)).isEqualTo(3.0);
    }
}
