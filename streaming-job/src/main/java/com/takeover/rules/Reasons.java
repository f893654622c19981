package com.takeover.rules;

import com.takeover.schema.AlertReason;
import com.takeover.scoring.ConversationState;
import com.takeover.scoring.ScoringConfig;
import com.takeover.scoring.Signals;
import java.util.Locale;

/** Plain-words reasons for supervisors: "sentiment fell from +0.40 to -0.70 over 3 messages". */
final class Reasons {
    private Reasons() {}

    static AlertReason of(CompiledRule.Condition c, double value, ConversationState s, ScoringConfig cfg) {
        return new AlertReason(c.signal().wireName(), c.op().symbol(), value, c.threshold(),
                describe(c, value, s, cfg));
    }

    static String describe(CompiledRule.Condition c, double v, ConversationState s, ScoringConfig cfg) {
        String op = c.op().symbol();
        double t = c.threshold();
        return switch (c.signal()) {
            case SENTIMENT_DROP -> {
                int from = Signals.dropFromIndex(s);
                int n = s.sentimentWindowCount;
                yield f("sentiment fell from %s to %s over %d messages",
                        signed(s.sentimentWindow[from]), signed(s.sentimentWindow[n - 1]), n - from);
            }
            case SENTIMENT_SLOPE -> {
                int n = s.sentimentWindowCount;
                yield f("sentiment sliding %s per message over the last %d messages (from %s to %s)",
                        signed(v), n, signed(s.sentimentWindow[0]), signed(s.sentimentWindow[n - 1]));
            }
            case SENTIMENT_LAST -> f("last customer message sentiment %s %s %s", signed(v), op, signed(t));
            case SENTIMENT_AVG -> f("average sentiment %s %s %s", signed(v), op, signed(t));
            case SENTIMENT_MIN -> f("lowest sentiment %s %s %s", signed(v), op, signed(t));
            case AI_CONFIDENCE_LAST -> f("AI confidence %s %s %s", two(v), op, two(t));
            case AI_CONFIDENCE_MIN -> f("lowest AI confidence %s %s %s", two(v), op, two(t));
            case AI_CONFIDENCE_AVG -> f("average AI confidence %s %s %s", two(v), op, two(t));
            case TURNS -> f("%s customer messages (%s %s)", num(v), op, num(t));
            case ELAPSED_MINUTES -> f("conversation open for %s minutes (%s %s)", one(v), op, num(t));
            case MINUTES_SINCE_ANSWER -> v == 0
                    ? "customer is not waiting for an answer"
                    : f("customer waiting for an answer for %s minutes (%s %s)", one(v), op, num(t));
            case HUMAN_REQUESTED -> v >= 0.5 ? "customer asked for a human" : "customer has not asked for a human";
            case SENSITIVE_TOPIC -> v >= 0.5 ? "sensitive topic: " + sensitiveTopic(s, cfg) : "no sensitive topic";
            case CUSTOMER_VALUE -> f("customer value %s (%s %s)", num(v), op, num(t));
            case RISK -> f("risk %s %s %s", two(v), op, two(t));
        };
    }

    /** The current topic when it is sensitive, else the first sensitive topic seen. */
    private static String sensitiveTopic(ConversationState s, ScoringConfig cfg) {
        if (cfg.isSensitive(s.topic)) {
            return s.topic;
        }
        for (String t : s.topics()) {
            if (cfg.isSensitive(t)) {
                return t;
            }
        }
        return "unknown";
    }

    private static String f(String fmt, Object... args) {
        return String.format(Locale.ROOT, fmt, args);
    }

    static String signed(double x) {
        return String.format(Locale.ROOT, "%+.2f", x);
    }

    static String two(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }

    static String one(double x) {
        return String.format(Locale.ROOT, "%.1f", x);
    }

    /** Whole numbers without decimals, others with up to two. */
    static String num(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return String.format(Locale.ROOT, "%.2f", x);
    }
}
