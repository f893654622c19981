package com.takeover.scoring;

import static com.takeover.testing.Events.MINUTE;
import static com.takeover.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RiskTest {
    private final ScoringConfig cfg = ScoringConfig.defaults();

    /** A state with every signal set directly, so each one can be varied alone. */
    private static ConversationState state(double ema, double[] window, double aiLast, boolean human,
            boolean sensitive, Long waitingSince, int turns, String segment) {
        ConversationState s = new ConversationState("c");
        s.startTime = T0;
        s.sentimentCount = window.length;
        s.sentimentEma = ema;
        s.sentimentLast = window.length == 0 ? 0 : window[window.length - 1];
        s.sentimentMin = s.sentimentLast;
        s.sentimentWindow = window.clone();
        s.sentimentWindowCount = window.length;
        s.aiConfidenceCount = 1;
        s.aiConfidenceLast = aiLast;
        s.aiConfidenceMin = aiLast;
        s.aiConfidenceSum = aiLast;
        s.humanRequestOpen = human;
        s.sensitive = sensitive;
        s.waitingSince = waitingSince;
        s.customerMessages = turns;
        s.segment = segment;
        return s;
    }

    private static ConversationState calm() {
        return state(0.3, new double[] {0.3, 0.3}, 0.9, false, false, null, 2, "standard");
    }

    @Test
    void calmConversationHasZeroRisk() {
        assertThat(Signals.risk(calm(), T0 + MINUTE, cfg)).isEqualTo(0.0);
        assertThat(Signals.risk(new ConversationState("x"), T0, cfg)).isEqualTo(0.0);
    }

    @Test
    void documentedFormulaByHand() {
        // ema -0.5 -> f=0.5; slope -0.25 -> f=0.5; AI 0.4 -> f=(0.8-0.4)/0.8=0.5; human; waiting 5 min -> f=0.5;
        // 15 turns -> f=(15-5)/20=0.5; not sensitive; vip value 1.
        ConversationState s = state(-0.5, new double[] {0.0, -0.25}, 0.4, true, false, T0, 15, "vip");
        double keep = (1 - 0.6 * 0.5) * (1 - 0.35 * 0.5) * (1 - 0.4 * 0.5) * (1 - 0.5) * (1 - 0.45 * 0.5) * (1 - 0.15 * 0.5);
        double expected = 1 - Math.pow(keep, 1 + 0.5 * 1.0);
        assertThat(Signals.risk(s, T0 + 5 * MINUTE, cfg)).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(0.933, within(0.001));
    }

    @Test
    void staysInUnitIntervalForAnyState() {
        Random r = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            int n = r.nextInt(6);
            double[] w = new double[n];
            for (int k = 0; k < n; k++) {
                w[k] = r.nextDouble() * 2 - 1;
            }
            ConversationState s = state(r.nextDouble() * 2 - 1, w, r.nextDouble(), r.nextBoolean(), r.nextBoolean(),
                    r.nextBoolean() ? T0 - r.nextInt(100) * MINUTE : null, r.nextInt(200),
                    r.nextBoolean() ? "vip" : r.nextBoolean() ? "enterprise" : null);
            double risk = Signals.risk(s, T0 + r.nextInt(1000) * MINUTE, cfg);
            assertThat(risk).isBetween(0.0, 1.0);
        }
        ConversationState worst = state(-1, new double[] {1, -1}, 0, true, true, T0 - 60 * MINUTE, 100, "vip");
        assertThat(Signals.risk(worst, T0, cfg)).isBetween(0.99, 1.0);
    }

    enum Bad {
        NEGATIVITY((s, x) -> s.sentimentEma = -x),
        SLIDE((s, x) -> {
            s.sentimentWindow = new double[] {0.2, 0.2 - 0.6 * x};
            s.sentimentWindowCount = 2;
        }),
        AI_DEFICIT((s, x) -> s.aiConfidenceLast = 1 - x),
        WAITING((s, x) -> s.waitingSince = T0 - (long) (x * 12 * MINUTE)),
        TURNS((s, x) -> s.customerMessages = (int) Math.round(x * 30)),
        HUMAN((s, x) -> s.humanRequestOpen = x >= 0.5),
        SENSITIVE((s, x) -> s.sensitive = x >= 0.5),
        VALUE((s, x) -> s.segment = x < 0.3 ? "standard" : x < 0.7 ? "enterprise" : "vip");

        final BiConsumer<ConversationState, Double> set;

        Bad(BiConsumer<ConversationState, Double> set) {
            this.set = set;
        }
    }

    @ParameterizedTest
    @EnumSource(Bad.class)
    void monotoneInEachBadSignal(Bad bad) {
        // a moderately bad base, so every signal has room to matter
        ConversationState base = state(-0.2, new double[] {0.1, -0.1}, 0.6, false, false, T0 - MINUTE, 6, "standard");
        double previous = -1;
        double first = Double.NaN;
        for (int i = 0; i <= 20; i++) {
            ConversationState s = copy(base);
            bad.set.accept(s, i / 20.0);
            double risk = Signals.risk(s, T0, cfg);
            assertThat(risk).as("%s at %d/20", bad, i).isGreaterThanOrEqualTo(previous);
            previous = risk;
            if (i == 0) {
                first = risk;
            }
        }
        assertThat(previous).as("%s at its worst raises risk", bad).isGreaterThan(first);
    }

    private static ConversationState copy(ConversationState b) {
        ConversationState s = state(b.sentimentEma, b.sentiments(), b.aiConfidenceLast, b.humanRequested, b.sensitive,
                b.waitingSince, b.customerMessages, b.segment);
        return s;
    }

    @Test
    void segmentValuesAreNotCaseSensitive() {
        RiskWeights d = RiskWeights.defaults();
        RiskWeights w = new RiskWeights(d.negativity(), d.slide(), d.slideFull(), d.aiDeficit(), d.aiConfidenceOk(),
                d.humanRequest(), d.sensitiveTopic(), d.waiting(), d.waitingFullMinutes(), d.turns(), d.turnsFrom(),
                d.turnsFull(), d.value(), Map.of("VIP", 1.0, "Enterprise", 0.6));
        assertThat(w.segmentValues()).containsOnlyKeys("vip", "enterprise");
        // the scorer lower-cases a conversation's segment at its start
        assertThat(Signals.segmentValue("vip", w)).isEqualTo(1.0);
        assertThat(Signals.segmentValue("standard", w)).isEqualTo(0.0);
        assertThat(Signals.segmentValue(null, w)).isEqualTo(0.0);
        assertThatThrownBy(() -> new RiskWeights(d.negativity(), d.slide(),
                d.slideFull(), d.aiDeficit(), d.aiConfidenceOk(), d.humanRequest(), d.sensitiveTopic(), d.waiting(),
                d.waitingFullMinutes(), d.turns(), d.turnsFrom(), d.turnsFull(), d.value(),
                Map.of("vip", 1.0, "VIP", 0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segmentValues")
                .hasMessageContaining("given twice");
    }
}
