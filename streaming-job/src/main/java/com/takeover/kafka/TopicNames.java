package com.takeover.kafka;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** The five topics the live pipeline reads and writes. */
public record TopicNames(
        String conversationEvents,
        String takeoverAlerts,
        String deadLetters,
        String alertRules,
        String ruleRejections) implements Serializable {

    public static final String CONVERSATION_EVENTS = "conversation-events";
    public static final String TAKEOVER_ALERTS = "takeover-alerts";
    public static final String DEAD_LETTERS = "conversation-events-dlq";
    public static final String ALERT_RULES = "alert-rules";
    public static final String RULE_REJECTIONS = "rule-rejections";

    public TopicNames {
        Objects.requireNonNull(conversationEvents, "conversationEvents");
        Objects.requireNonNull(takeoverAlerts, "takeoverAlerts");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(alertRules, "alertRules");
        Objects.requireNonNull(ruleRejections, "ruleRejections");
        if (List.of(conversationEvents, takeoverAlerts, deadLetters, alertRules, ruleRejections).stream()
                        .distinct()
                        .count()
                < 5) {
            throw new IllegalArgumentException("topic names must be distinct: " + List.of(
                    conversationEvents, takeoverAlerts, deadLetters, alertRules, ruleRejections));
        }
    }

    public static TopicNames defaults() {
        return new TopicNames(CONVERSATION_EVENTS, TAKEOVER_ALERTS, DEAD_LETTERS, ALERT_RULES, RULE_REJECTIONS);
    }

    public List<String> all() {
        return List.of(conversationEvents, takeoverAlerts, deadLetters, alertRules, ruleRejections);
    }
}
