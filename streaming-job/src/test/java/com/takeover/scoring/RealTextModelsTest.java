package com.takeover.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.rules.RuleEvaluator;
import com.takeover.rules.RuleFiring;
import com.takeover.rules.RuleSet;
import com.takeover.rules.RulesLoader;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.PreviewMessage;
import com.takeover.testing.Events;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scoring core with the real lexicon sentiment, human-request detector and PII masker. */
class RealTextModelsTest {
    private final ConversationScorer scorer = ConversationScorer.withDefaults();

    @Test
    void realModelsFeedTheMessageScore() {
        MessageScore angry = scorer.scoreText("This is ridiculous, third time I ask and it's STILL not working!!");
        assertThat(angry.sentiment()).isLessThan(-0.4);
        assertThat(angry.topic()).isEqualTo("technical_issue");
        assertThat(scorer.scoreText("Thanks, that was really helpful!").sentiment()).isGreaterThan(0.3);
        assertThat(scorer.scoreText("can I talk to a real person").humanRequested()).isTrue();
        assertThat(scorer.scoreText("I don't need an agent, thanks").humanRequested()).isFalse();
    }

    @Test
    void frustratedCustomerAlertsAndTheStoredTextIsMasked() {
        RuleSet rules = RulesLoader.defaults();
        RuleEvaluator evaluator = new RuleEvaluator(scorer);
        ConversationState s = new ConversationState();
        Events.Conversation c = Events.conversation("real");
        List<ConversationEvent> events = List.of(
                c.started("cust-1", "vip", 50_000, "web"),
                c.after(10).customer("Hi, I think I was charged twice, my email is jane.doe@example.com"),
                c.after(5).ai("I can see one charge. Could you share the card number?", 0.62, "billing_dispute"),
                c.after(40).customer("It's 4111 1111 1111 1111 and I see two charges. This is annoying."),
                c.after(5).ai("I am not sure I understand.", 0.35),
                c.after(40).customer("This is ridiculous, third time I ask!! Get me a real person NOW"));
        List<String> fired = new ArrayList<>();
        for (ConversationEvent e : events) {
            scorer.apply(s, e);
            for (RuleFiring f : evaluator.evaluate(s, rules, e.getEventTime())) {
                fired.add(f.rule().getId());
            }
        }
        assertThat(fired).contains("human-requested", "low-ai-confidence", "vip-unhappy");
        assertThat(s.sentimentLast).isLessThan(-0.4);
        assertThat(s.topic).isEqualTo("billing_dispute");
        assertThat(s.preview()).extracting(PreviewMessage::getText).noneMatch(t -> t.contains("jane.doe"))
                .noneMatch(t -> t.contains("4111 1111"))
                .anyMatch(t -> t.contains("[email]"))
                .anyMatch(t -> t.contains("[card]"));
        assertThat(scorer.risk(s, c.now())).isGreaterThan(0.6);
    }
}
