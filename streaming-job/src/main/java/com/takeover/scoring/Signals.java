package com.takeover.scoring;

import com.takeover.rules.Signal;

/**
 * The signals and the risk score of a conversation at a moment, computed from its state. Pure functions:
 * nothing here changes the state. Signals not known yet (no customer message, no AI answer) are NaN.
 */
public final class Signals {
    private static final double MINUTE = 60_000.0;
    /** Signal.values() copies its array on every call. */
    private static final int SIGNAL_COUNT = Signal.values().length;

    private Signals() {}

    /** Every signal at {@code atTime}, indexed by {@link Signal#ordinal()}. */
    public static double[] values(ConversationState s, long atTime, ScoringConfig cfg) {
        double[] v = new double[SIGNAL_COUNT];
        boolean hasS = s.hasSentiment();
        v[Signal.SENTIMENT_LAST.ordinal()] = hasS ? s.sentimentLast : Double.NaN;
        v[Signal.SENTIMENT_AVG.ordinal()] = hasS ? s.sentimentEma : Double.NaN;
        v[Signal.SENTIMENT_MIN.ordinal()] = hasS ? s.sentimentMin : Double.NaN;
        v[Signal.SENTIMENT_DROP.ordinal()] = hasS ? drop(s) : Double.NaN;
        v[Signal.SENTIMENT_SLOPE.ordinal()] = slope(s);
        boolean hasAi = s.hasAiConfidence();
        v[Signal.AI_CONFIDENCE_LAST.ordinal()] = hasAi ? s.aiConfidenceLast : Double.NaN;
        v[Signal.AI_CONFIDENCE_MIN.ordinal()] = hasAi ? s.aiConfidenceMin : Double.NaN;
        v[Signal.AI_CONFIDENCE_AVG.ordinal()] = s.aiConfidenceAvg();
        v[Signal.TURNS.ordinal()] = s.customerMessages;
        v[Signal.ELAPSED_MINUTES.ordinal()] = elapsedMinutes(s, atTime);
        v[Signal.MINUTES_SINCE_ANSWER.ordinal()] = waitingMinutes(s, atTime);
        v[Signal.HUMAN_REQUESTED.ordinal()] = s.humanRequestOpen ? 1 : 0;
        v[Signal.SENSITIVE_TOPIC.ordinal()] = s.sensitive ? 1 : 0;
        v[Signal.CUSTOMER_VALUE.ordinal()] = s.customerValue == null ? 0 : s.customerValue;
        v[Signal.RISK.ordinal()] = risk(s, atTime, cfg);
        return v;
    }

    public static double value(Signal signal, ConversationState s, long atTime, ScoringConfig cfg) {
        return switch (signal) {
            case RISK -> risk(s, atTime, cfg);
            default -> values(s, atTime, cfg)[signal.ordinal()];
        };
    }

    public static double elapsedMinutes(ConversationState s, long atTime) {
        return Math.max(0, atTime - s.startTime) / MINUTE;
    }

    /** Minutes since the customer's first unanswered message; 0 when the last word was an answer. */
    public static double waitingMinutes(ConversationState s, long atTime) {
        return s.waitingSince == null ? 0 : Math.max(0, atTime - s.waitingSince) / MINUTE;
    }

    /** Highest sentiment in the window minus the last (0 with one message). */
    public static double drop(ConversationState s) {
        if (s.sentimentWindowCount == 0) {
            return Double.NaN;
        }
        return s.sentimentWindow[dropFromIndex(s)] - s.sentimentWindow[s.sentimentWindowCount - 1];
    }

    /** Index in the window of the highest sentiment (the latest one on ties, so "over N messages" is short). */
    public static int dropFromIndex(ConversationState s) {
        int best = 0;
        for (int i = 1; i < s.sentimentWindowCount; i++) {
            if (s.sentimentWindow[i] >= s.sentimentWindow[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Least-squares slope of sentiment over message index in the window; NaN with fewer than two messages. */
    public static double slope(ConversationState s) {
        int n = s.sentimentWindowCount;
        if (n < 2) {
            return Double.NaN;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanY += s.sentimentWindow[i];
        }
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = i - meanX;
            sxy += dx * (s.sentimentWindow[i] - meanY);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    /**
     * Risk in [0, 1] (docs/scoring.md): each bad signal i, scaled to f_i in [0, 1], explains a share w_i f_i of
     * the risk not yet explained by the others, {@code base = 1 - prod(1 - w_i f_i)}; the segment's value v
     * amplifies it, {@code risk = 1 - (1 - base)^(1 + w_value v)}. Non-decreasing in every bad signal.
     */
    public static double risk(ConversationState s, long atTime, ScoringConfig cfg) {
        RiskWeights w = cfg.riskWeights();
        double keep = 1.0;
        if (s.hasSentiment()) {
            keep *= 1 - w.negativity() * clamp(-s.sentimentEma);
            double slope = slope(s);
            if (!Double.isNaN(slope)) {
                keep *= 1 - w.slide() * clamp(-slope / w.slideFull());
            }
        }
        if (s.hasAiConfidence()) {
            keep *= 1 - w.aiDeficit() * clamp((w.aiConfidenceOk() - s.aiConfidenceLast) / w.aiConfidenceOk());
        }
        if (s.humanRequestOpen) {
            keep *= 1 - w.humanRequest();
        }
        if (s.sensitive) {
            keep *= 1 - w.sensitiveTopic();
        }
        keep *= 1 - w.waiting() * clamp(waitingMinutes(s, atTime) / w.waitingFullMinutes());
        keep *= 1 - w.turns() * clamp((double) (s.customerMessages - w.turnsFrom()) / (w.turnsFull() - w.turnsFrom()));
        double value = segmentValue(s.segment, w);
        double risk = 1 - Math.pow(keep, 1 + w.value() * value);
        return clamp(risk);
    }

    static double segmentValue(String segment, RiskWeights w) {
        if (segment == null) {
            return 0;
        }
        // lower-cased at the conversation's start (ConversationScorer.onStart), like the weights' keys
        Double v = w.segmentValues().get(segment);
        return v == null ? 0 : v;
    }

    public static SnapshotState snapshot(ConversationState s, long atTime, ScoringConfig cfg) {
        SnapshotState x = new SnapshotState();
        x.time = atTime;
        x.risk = risk(s, atTime, cfg);
        if (s.hasSentiment()) {
            x.sentimentLast = s.sentimentLast;
            x.sentimentAvg = s.sentimentEma;
            x.sentimentMin = s.sentimentMin;
            double slope = slope(s);
            x.sentimentSlope = Double.isNaN(slope) ? null : slope;
        }
        if (s.hasAiConfidence()) {
            x.aiConfidenceLast = s.aiConfidenceLast;
            x.aiConfidenceMin = s.aiConfidenceMin;
            x.aiConfidenceAvg = s.aiConfidenceAvg();
        }
        x.turns = s.customerMessages;
        x.elapsedMs = Math.max(0, atTime - s.startTime);
        x.humanRequested = s.humanRequested;
        x.topic = s.topic;
        x.sensitiveTopic = s.sensitive;
        return x;
    }

    private static double clamp(double x) {
        if (Double.isNaN(x) || x <= 0) {
            return 0;
        }
        return Math.min(1, x);
    }
}
