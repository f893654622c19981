package com.takeover.scoring;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parameters of the risk score (formula in docs/scoring.md). Each weight in [0, 1] is the share of risk one
 * signal contributes when it is at its worst; the scales say when a signal counts as "at its worst".
 *
 * @param negativity       weight of max(0, -sentiment EMA)
 * @param slide            weight of a falling sentiment trajectory
 * @param slideFull        slope (sentiment per customer message, positive number) that counts as a full slide
 * @param aiDeficit        weight of the AI's last confidence below {@code aiConfidenceOk}
 * @param aiConfidenceOk   AI confidence at and above which there is no deficit
 * @param humanRequest     weight of "customer asked for a human"
 * @param sensitiveTopic   weight of "a sensitive topic was seen"
 * @param waiting          weight of the time the customer has been waiting for an answer
 * @param waitingFullMinutes minutes of waiting that count as the worst
 * @param turns            weight of conversation length in customer messages
 * @param turnsFrom        turns up to which length adds nothing
 * @param turnsFull        turns at which length counts fully
 * @param value            how strongly segment value amplifies the other signals (exponent, >= 0)
 * @param segmentValues    value of a segment in [0, 1] (names not case-sensitive; kept lower-cased); other segments 0
 */
public record RiskWeights(
        double negativity,
        double slide,
        double slideFull,
        double aiDeficit,
        double aiConfidenceOk,
        double humanRequest,
        double sensitiveTopic,
        double waiting,
        double waitingFullMinutes,
        double turns,
        int turnsFrom,
        int turnsFull,
        double value,
        Map<String, Double> segmentValues)
        implements Serializable {

    public RiskWeights {
        // Segment names match case-insensitively: keys are kept lower-cased, as a conversation's segment is.
        Map<String, Double> lower = new HashMap<>();
        segmentValues.forEach((segment, v) -> {
            if (lower.put(segment.toLowerCase(Locale.ROOT), v) != null) {
                throw new IllegalArgumentException("riskWeights.segmentValues: segment '" + segment
                        + "' is given twice (segment names are not case-sensitive)");
            }
        });
        segmentValues = Map.copyOf(lower);
    }

    public static RiskWeights defaults() {
        return new RiskWeights(0.6, 0.35, 0.5, 0.4, 0.8, 0.5, 0.2, 0.45, 10.0, 0.15, 5, 25, 0.5,
                Map.of("vip", 1.0, "enterprise", 0.6));
    }
}
