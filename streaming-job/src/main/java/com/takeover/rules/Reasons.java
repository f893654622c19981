package com.takeover.rules;

import com.takeover.schema.AlertReason;
import com.takeover.scoring.ConversationState;
import com.takeover.scoring.ScoringConfig;
import com.takeover.scoring.Signals;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
                yield "sentiment fell from " + signed(s.sentimentWindow[from]) + " to "
                        + signed(s.sentimentWindow[n - 1]) + " over " + (n - from) + " messages";
            }
            case SENTIMENT_SLOPE -> {
                int n = s.sentimentWindowCount;
                yield "sentiment sliding " + signed(v) + " per message over the last " + n + " messages (from "
                        + signed(s.sentimentWindow[0]) + " to " + signed(s.sentimentWindow[n - 1]) + ")";
            }
            case SENTIMENT_LAST -> "last customer message sentiment " + signed(v) + " " + op + " " + signed(t);
            case SENTIMENT_AVG -> "average sentiment " + signed(v) + " " + op + " " + signed(t);
            case SENTIMENT_MIN -> "lowest sentiment " + signed(v) + " " + op + " " + signed(t);
            case AI_CONFIDENCE_LAST -> "AI confidence " + two(v) + " " + op + " " + two(t);
            case AI_CONFIDENCE_MIN -> "lowest AI confidence " + two(v) + " " + op + " " + two(t);
            case AI_CONFIDENCE_AVG -> "average AI confidence " + two(v) + " " + op + " " + two(t);
            case TURNS -> num(v) + " customer messages (" + op + " " + num(t) + ")";
            case ELAPSED_MINUTES -> "conversation open for " + one(v) + " minutes (" + op + " " + num(t) + ")";
            case MINUTES_SINCE_ANSWER -> v == 0
                    ? "customer is not waiting for an answer"
                    : "customer waiting for an answer for " + one(v) + " minutes (" + op + " " + num(t)
                            + ")";
            case HUMAN_REQUESTED -> v >= 0.5 ? "customer asked for a human" : "customer has not asked for a human";
            case SENSITIVE_TOPIC -> v >= 0.5 ? "sensitive topic: " + sensitiveTopic(s, cfg) : "no sensitive topic";
            case CUSTOMER_VALUE -> "customer value " + num(v) + " (" + op + " " + num(t) + ")";
            case RISK -> "risk " + two(v) + " " + op + " " + two(t);
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

    static String signed(double x) {
        return fixed(x, 2, true);
    }

    static String two(double x) {
        return fixed(x, 2, false);
    }

    static String one(double x) {
        return fixed(x, 1, false);
    }

    /**
     * {@code String.format(Locale.ROOT, "%.Nf")} (with {@code plus}: {@code "%+.Nf"}), the same characters: the
     * shortest decimal of the double rounded half up, the sign of {@code Double.compare(x, 0.0)} (so -0.001 is
     * "-0.00"). Formatter built a Formatter, parsed the pattern and a fresh DecimalFormatSymbols per number,
     * a few per cent of the scoring thread with every alert carrying several numbers.
     */
    static String fixed(double x, int digits, boolean plus) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return String.format(Locale.ROOT, plus ? "%+." + digits + "f" : "%." + digits + "f", x);
        }
        boolean negative = Double.compare(x, 0.0) < 0;
        String magnitude = new BigDecimal(Double.toString(Math.abs(x))).setScale(digits, RoundingMode.HALF_UP)
                .toPlainString();
        return negative ? "-" + magnitude : plus ? "+" + magnitude : magnitude;
    }

    /** Whole numbers without decimals, others with up to two. */
    static String num(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return two(x);
    }
}
