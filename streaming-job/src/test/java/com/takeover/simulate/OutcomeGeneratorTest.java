package com.takeover.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.takeover.schema.EndedBy;
import com.takeover.schema.ResolutionOutcome;
import com.takeover.schema.TakeoverMode;
import com.takeover.schema.TakeoverTransition;
import com.takeover.schema.TakeoverTrigger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The planted truth: exact effects from the model, and in generated data a naive comparison that
 * is biased by the confounding (supervisors take over the troubled conversations) while a
 * comparison within trouble strata recovers the planted effect.
 */
class OutcomeGeneratorTest {
    private static final long SEED = 4242;
    private static List<ConversationFacts> facts;
    private static final OutcomeGenerator GENERATOR = new OutcomeGenerator(SEED);

    @BeforeAll
    static void simulate() {
        ConversationSimulator sim = new ConversationSimulator(
                SimulationConfig.defaults(SEED).withMaxConversations(40_000).withBuiltInAlerts(true));
        while (sim.hasNext()) {
            sim.next();
        }
        facts = sim.drainFinished();
    }

    @Test
    void plantedEffectsAreExactAndNeverClamped() {
        assertThat(OutcomeModel.takeoverEffect(Topic.BILLING_DISPUTE)).isEqualTo(0.25);
        assertThat(OutcomeModel.takeoverEffect(Topic.LEGAL)).isEqualTo(0.15);
        assertThat(OutcomeModel.takeoverEffect(Topic.COMPLAINT)).isEqualTo(0.15);
        assertThat(OutcomeModel.takeoverEffect(Topic.ORDER_STATUS)).isEqualTo(0.0);
        assertThat(OutcomeModel.csatEffect(Topic.BILLING_DISPUTE)).isEqualTo(0.8);
        for (Topic t : Topic.values()) {
            for (Channel c : Channel.values()) {
                for (double trouble = 0; trouble <= 1.0; trouble += 0.05) {
                    double ai = OutcomeModel.resolveProbability(t, c, trouble, false);
                    double to = OutcomeModel.resolveProbability(t, c, trouble, true);
                    assertThat(to - ai).isCloseTo(OutcomeModel.takeoverEffect(t), within(1e-12));
                    assertThat(ai).isBetween(0.05, 0.95 + 1e-9);
                    assertThat(to).isBetween(0.05, 0.95 + 1e-9);
                }
            }
        }
    }

    @Test
    void outcomesAreAPureFunctionOfFactsAndSeed() {
        ConversationFacts f = facts.get(123);
        assertThat(GENERATOR.outcomes(f)).isEqualTo(new OutcomeGenerator(SEED).outcomes(f));
        // another seed draws other outcomes for the same conversations
        long differing = facts.stream().limit(500)
                .filter(x -> !GENERATOR.finalOutcome(x).equals(new OutcomeGenerator(SEED + 1).finalOutcome(x))).count();
        assertThat(differing).isGreaterThan(250);
    }

    @Test
    void naiveDifferenceIsBiasedDownwardsAndStratifiedDifferenceRecoversThePlantedEffect() {
        for (Topic topic : List.of(Topic.BILLING_DISPUTE, Topic.COMPLAINT, Topic.ORDER_STATUS)) {
            List<ConversationFacts> ofTopic = facts.stream().filter(f -> f.topic() == topic).toList();
            double truth = OutcomeModel.takeoverEffect(topic);
            double troubleTo = ofTopic.stream().filter(ConversationFacts::takenOver).mapToDouble(ConversationFacts::trouble).average().orElseThrow();
            double troubleAi = ofTopic.stream().filter(f -> !f.takenOver()).mapToDouble(ConversationFacts::trouble).average().orElseThrow();
            // the confounder: supervisors took over the conversations that were going badly
            assertThat(troubleTo).as("%s mean trouble taken over vs AI only", topic).isGreaterThan(troubleAi + 0.1);

            double naive = rate(ofTopic, true) - rate(ofTopic, false);
            assertThat(naive).as("%s naive difference vs planted %s", topic, truth).isLessThan(truth - 0.03);

            // compare like with like: within ten trouble strata, weighted by stratum size
            double weighted = 0;
            double weights = 0;
            for (int s = 0; s < 10; s++) {
                double lo = s / 10.0;
                double hi = (s + 1) / 10.0;
                List<ConversationFacts> stratum = ofTopic.stream().filter(f -> f.trouble() >= lo && f.trouble() < hi).toList();
                long to = stratum.stream().filter(ConversationFacts::takenOver).count();
                if (to < 20 || stratum.size() - to < 20) {
                    continue;
                }
                weighted += stratum.size() * (rate(stratum, true) - rate(stratum, false));
                weights += stratum.size();
            }
            assertThat(weighted / weights).as("%s stratified difference", topic).isCloseTo(truth, within(0.06));
            System.out.printf("%s: planted %+.3f naive %+.3f stratified %+.3f (trouble %.2f vs %.2f)%n",
                    topic, truth, naive, weighted / weights, troubleTo, troubleAi);
        }
    }

    @Test
    void someOutcomesArriveLateSomeAreRestatedSomeHaveNoCsat() {
        int late = 0;
        int restated = 0;
        int noCsat = 0;
        int n = 0;
        for (ConversationFacts f : facts) {
            List<ResolutionOutcome> records = GENERATOR.outcomes(f);
            ResolutionOutcome fin = records.get(records.size() - 1);
            n++;
            if (records.size() == 2) {
                restated++;
                assertThat(records.get(0).getKnownAt()).isLessThan(fin.getKnownAt());
                assertThat(records.get(0).getConversationId()).isEqualTo(fin.getConversationId());
            }
            if (!OutcomeLakeWriter.partitionDate(records.get(0).getKnownAt()).equals(OutcomeLakeWriter.partitionDate(f.endTime()))) {
                late++;
            }
            if (fin.getCsat() == null) {
                noCsat++;
            } else {
                assertThat(fin.getCsat()).isBetween(1, 5);
            }
            assertThat(fin.getKnownAt()).isGreaterThan(f.endTime());
            assertThat(fin.getReopened()).isEqualTo(fin.getReopened() && fin.getResolved());
            assertThat(fin.getTimeToResolutionMs() != null).isEqualTo(fin.getResolved());
        }
        assertThat(restated / (double) n).isCloseTo(OutcomeModel.RESTATED_SHARE, within(0.01));
        assertThat(late / (double) n).isBetween(0.25, 0.55);
        assertThat(noCsat / (double) n).isBetween(0.5, 0.75);
    }

    @Test
    void csatCarriesThePlantedEffectForBillingDisputes() {
        // direct effect +0.8 on the latent score; compare within trouble strata among surveyed, resolved conversations
        ConversationFacts base = facts.stream().filter(f -> f.topic() == Topic.BILLING_DISPUTE && !f.takenOver()).findFirst().orElseThrow();
        double withTo = 0;
        double without = 0;
        int n = 0;
        for (int i = 0; i < 4000; i++) {
            ConversationFacts ai = copy(base, "b-" + i, 0.3, null);
            ConversationFacts to = copy(base, "b-" + i, 0.3, new ConversationFacts.TakeoverFact(base.startTime() + 60_000, "agent-01",
                    TakeoverTrigger.ALERT, "a", TakeoverMode.FULL, TakeoverTransition.ANNOUNCED, 2));
            ResolutionOutcome oa = GENERATOR.finalOutcome(ai);
            ResolutionOutcome ot = GENERATOR.finalOutcome(to);
            // same conversation id, same random draws: only the takeover differs
            if (oa.getCsat() != null && ot.getCsat() != null && oa.getResolved() && ot.getResolved()) {
                withTo += ot.getCsat();
                without += oa.getCsat();
                n++;
            }
        }
        assertThat(n).isGreaterThan(800);
        assertThat((withTo - without) / n).isBetween(0.6, 1.0);
    }

    private static ConversationFacts copy(ConversationFacts f, String id, double trouble, ConversationFacts.TakeoverFact takeover) {
        return new ConversationFacts(id, f.customerId(), f.segment(), f.customerValue(), f.channel(), f.language(), f.topic(),
                f.persona(), trouble, f.startTime(), f.endTime(), f.customerMessages(), false, false, EndedBy.CUSTOMER, takeover,
                false, 0);
    }

    private static double rate(List<ConversationFacts> group, boolean takenOver) {
        List<ConversationFacts> g = new ArrayList<>(group.stream().filter(f -> f.takenOver() == takenOver).toList());
        return g.stream().filter(f -> GENERATOR.finalOutcome(f).getResolved()).count() / (double) g.size();
    }
}
