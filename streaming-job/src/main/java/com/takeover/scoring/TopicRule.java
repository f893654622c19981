package com.takeover.scoring;

import java.io.Serializable;
import java.util.List;

/**
 * A topic and the phrases that point to it in customer text. Phrases match whole words, case-insensitively;
 * a trailing {@code *} matches any word ending ("refund*" matches refund, refunds, refunded).
 */
public record TopicRule(String topic, List<String> phrases) implements Serializable {
    public TopicRule {
        phrases = List.copyOf(phrases);
    }
}
