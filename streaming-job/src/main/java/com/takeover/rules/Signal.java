package com.takeover.rules;

import java.util.Locale;
import java.util.Optional;

/**
 * The conversation signals rule conditions compare. Wire names (rules files, the alert-rules topic, alert
 * reasons) are lower_snake: {@code sentiment_avg}. Booleans read as 1 (true) or 0 (false).
 */
public enum Signal {
    /** Sentiment [-1, 1] of the last customer message. */
    SENTIMENT_LAST,
    /** Exponential moving average of customer sentiment. */
    SENTIMENT_AVG,
    /** Lowest customer sentiment so far. */
    SENTIMENT_MIN,
    /** Highest sentiment in the trajectory window minus the last one (>= 0). */
    SENTIMENT_DROP,
    /** Least-squares slope of sentiment per customer message over the trajectory window (needs two). */
    SENTIMENT_SLOPE,
    AI_CONFIDENCE_LAST,
    AI_CONFIDENCE_MIN,
    AI_CONFIDENCE_AVG,
    /** Customer messages so far. */
    TURNS,
    /** Minutes since the conversation started. */
    ELAPSED_MINUTES,
    /** Minutes the customer has been waiting for an answer (since their first unanswered message); 0 if not waiting. */
    MINUTES_SINCE_ANSWER,
    HUMAN_REQUESTED,
    /** Whether any topic seen so far is sensitive. */
    SENSITIVE_TOPIC,
    CUSTOMER_VALUE,
    /** Risk score [0, 1]. */
    RISK;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** Signals that grow while nothing happens, so a timer can make a rule fire without a new event. */
    public boolean timeBased() {
        return this == ELAPSED_MINUTES || this == MINUTES_SINCE_ANSWER;
    }

    public boolean isBoolean() {
        return this == HUMAN_REQUESTED || this == SENSITIVE_TOPIC;
    }

    public static Optional<Signal> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Signal s : values()) {
            if (s.wireName.equals(n)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
