package com.takeover.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.schema.ConversationEvent;
import com.takeover.schema.CustomerMessage;
import com.takeover.schema.Takeover;
import com.takeover.scoring.ConversationScorer;
import com.takeover.scoring.ConversationState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;

/**
 * The simulated text carries the hidden trouble level to the real scoring core: the risk score it
 * computes before any takeover rises with trouble, and sentiment follows the personas. This is
 * what makes alerts fire on the troubled conversations (the confounder the nightly reports face).
 */
class SimulatedTextMeetsScorerTest {

    @Test
    void theScorersRiskFollowsTheHiddenTroubleAndSentimentFollowsThePersona() {
        ConversationSimulator sim = new ConversationSimulator(SimulationConfig.defaults(3).withMaxConversations(1500));
        ConversationScorer scorer = ConversationScorer.withDefaults();
        Map<String, ConversationState> states = new HashMap<>();
        Map<String, Double> maxRiskBeforeTakeover = new HashMap<>();
        Map<String, double[]> sentiment = new HashMap<>(); // sum, count
        Map<String, Boolean> takenOver = new HashMap<>();
        while (sim.hasNext()) {
            ConversationEvent e = sim.next();
            String id = e.getConversationId();
            ConversationState state = states.computeIfAbsent(id, ConversationState::new);
            scorer.apply(state, e);
            if (e.getPayload() instanceof Takeover) {
                takenOver.put(id, true);
            }
            if (!takenOver.containsKey(id)) {
                maxRiskBeforeTakeover.merge(id, scorer.risk(state, e.getEventTime()), Math::max);
            }
            if (e.getPayload() instanceof CustomerMessage m) {
                double[] acc = sentiment.computeIfAbsent(id, k -> new double[2]);
                acc[0] += scorer.scoreText(m.getText()).sentiment();
                acc[1]++;
            }
        }
        List<ConversationFacts> facts = sim.drainFinished();
        double[] trouble = facts.stream().mapToDouble(ConversationFacts::trouble).toArray();
        double[] risk = facts.stream().mapToDouble(f -> maxRiskBeforeTakeover.get(f.conversationId())).toArray();
        double r = new PearsonsCorrelation().correlation(trouble, risk);
        assertThat(r).as("correlation of hidden trouble with the scorer's max risk").isGreaterThan(0.4);

        Map<Persona, double[]> byPersona = new HashMap<>();
        for (ConversationFacts f : facts) {
            if (f.language() != Language.EN) {
                continue;
            }
            double[] s = sentiment.get(f.conversationId());
            double[] acc = byPersona.computeIfAbsent(f.persona(), k -> new double[2]);
            acc[0] += s[0] / s[1];
            acc[1]++;
        }
        double calm = byPersona.get(Persona.CALM)[0] / byPersona.get(Persona.CALM)[1];
        double gradual = byPersona.get(Persona.GRADUAL_FRUSTRATION)[0] / byPersona.get(Persona.GRADUAL_FRUSTRATION)[1];
        double sudden = byPersona.get(Persona.SUDDEN_ANGER)[0] / byPersona.get(Persona.SUDDEN_ANGER)[1];
        assertThat(calm).isGreaterThan(0.05);
        assertThat(gradual).isLessThan(calm - 0.15);
        assertThat(sudden).isLessThan(calm - 0.15);
    }
}
