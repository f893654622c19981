package com.takeover.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HumanRequestDetectorTest {
    private final HumanRequestDetector detector = new HumanRequestDetector();

    @ParameterizedTest
    @ValueSource(strings = {
        "can I talk to a real person",
        "Can I talk to a real person?",
        "agent please",
        "Agent please!",
        "AGENT",
        "get me a human",
        "speak to someone",
        "I'd like to speak to someone about my bill",
        "transfer me to a representative",
        "Please transfer me to a live agent.",
        "is there a human",
        "Is there a real person I can talk to?",
        "operator!",
        "connect me with support staff",
        "I want a manager",
        "I need to speak with your supervisor now",
        "let me talk to a human being",
        "human please",
        "Representative.",
        "can I get a human on this chat",
        "why won't you let me talk to a human?",
        "don't you have real people working there?",
        "I don't want to talk to a bot",
        "I'm tired of talking to a robot, I want a person",
        "please escalate this",
        "I need a human agent",
        "Put me through to customer service",
        "no, I want a person",
        "Can I speak with someone from your team?",
        "I’d like to chat with an actual person",
        "stop the bot",
        "is there someone I can talk to",
        "Where can I find customer service?",
        "I'd rather talk to a human instead of a bot",
    })
    void recognisesRequests(String text) {
        assertThat(detector.isHumanRequest(text)).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I don't need an agent",
        "I don't need an agent, just tell me the tracking number",
        "no need for a human",
        "No need to transfer me to an agent, I figured it out",
        "I can do it without talking to a person",
        "the agent told me it would be fixed",
        "your agent already said I'd get a refund",
        "The agent was very helpful",
        "I spoke to an agent yesterday",
        "I was talking to an agent earlier and got disconnected",
        "I never asked for a manager",
        "I do not want to speak to a manager",
        "my manager asked me to contact you about the invoice",
        "where is my order?",
        "can you check my order status",
        "human error on my side, sorry",
        "the person at the store said you would call",
        "thanks, you've been a great help",
        "I'm a person with two accounts",
        "how do I reset my password?",
        "my issue was escalated last week",
        "my package was left with a neighbour",
        "I like your agents",
        "I need support with my order",
        "I'm not a bot",
        "I already talked to a human and they said wait",
        "my account manager is Bob",
        "I don't want a human, I want my refund",
    })
    void ignoresNonRequests(String text) {
        assertThat(detector.isHumanRequest(text)).as(text).isFalse();
    }

    @Test
    void nullAndBlankAreNoRequest() {
        assertThat(detector.isHumanRequest(null)).isFalse();
        assertThat(detector.isHumanRequest("")).isFalse();
        assertThat(detector.isHumanRequest("  ")).isFalse();
    }

    @Test
    void theCopyThePatternsReadIsLowerCasedWithItsSpacesCollapsed() {
        assertThat(HumanRequestDetector.normalise("  Let me TALK\tto  a Human\u00A0please ")).isEqualTo(
                "let me talk to a human please");
        // letters beyond ASCII are lower-cased too, apostrophes made plain
        assertThat(HumanRequestDetector.normalise("ÉCOUTEZ, je VEUX un humain ; I DON\u2019T want a BOT"))
                .isEqualTo("écoutez, je veux un humain ; i don't want a bot");
        assertThat(detector.isHumanRequest("I WANT TO SPEAK TO A PERSON")).isTrue();
    }
}
