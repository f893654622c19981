package com.takeover.scoring;

import static com.takeover.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.takeover.rules.AlertFactory;
import com.takeover.rules.RuleEvaluator;
import com.takeover.rules.RuleFiring;
import com.takeover.rules.RuleSet;
import com.takeover.rules.RulesLoader;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.EndedBy;
import com.takeover.schema.PreviewMessage;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverMode;
import com.takeover.schema.TakeoverRecord;
import com.takeover.schema.TakeoverTransition;
import com.takeover.schema.TakeoverTrigger;
import com.takeover.testing.Events;
import java.util.List;
import org.junit.jupiter.api.Test;

class LakeRecordsTest {
    private final ScoringConfig cfg = ScoringConfig.defaults().withKeepTranscript(true);
    private final ConversationScorer scorer = Events.scriptedScorer(cfg);
    private final RuleEvaluator evaluator = new RuleEvaluator(scorer);
    private final RuleSet rules = RulesLoader.defaults();
    private final AlertFactory alerts = new AlertFactory();
    private final ConversationState s = new ConversationState();

    private TakeoverAlert feed(ConversationEvent e) {
        scorer.apply(s, e);
        TakeoverAlert first = null;
        for (RuleFiring f : evaluator.evaluate(s, rules, e.getEventTime())) {
            TakeoverAlert a = alerts.create(s, f, e.getEventId(), e.getEventTime(), scorer.risk(s, e.getEventTime()));
            first = first == null ? a : first;
        }
        return first;
    }

    @Test
    void alertWithoutPreviewIsTheAlertWithAnEmptyPreviewAndLeavesTheAlertAlone() {
        Events.Conversation c = Events.conversation("nopreview");
        feed(c.started("cust-2", "vip", 900, "web"));
        TakeoverAlert alert = feed(c.after(10).customer("a human please [human] [s=-0.5]"));
        alert.setSourceTimestamp(T0 + 5);
        TakeoverAlert copy = TakeoverAlert.newBuilder(alert).build();
        assertThat(alert.getPreview()).isNotEmpty();

        TakeoverAlert archived = LakeRecords.withoutPreview(alert);

        // what the builder's deep copy gave before
        assertThat(archived).isEqualTo(TakeoverAlert.newBuilder(alert).setPreview(List.of()).build());
        assertThat(archived.getPreview()).isEmpty();
        assertThat(alert).isEqualTo(copy);
    }

    @Test
    void summaryAndTakeoverRecordOfAnAlertedTakenOverConversation() {
        Events.Conversation c = Events.conversation("lake");
        feed(c.started("cust-1", "Enterprise", 5000, "App"));
        feed(c.after(10).customer("I want to cancel my contract [s=-0.2]"));
        feed(c.after(5).ai("Sorry to hear that", 0.3, "cancellation"));
        TakeoverAlert alert = feed(c.after(20).customer("a human please [human] [s=-0.5]"));
        assertThat(alert.getRuleId()).isEqualTo("human-requested");
        double riskBeforeTakeover = s.maxRisk;
        ConversationEvent takeover = Events.takeover("lake", "tk-1", c.after(40).now(), "agent-3",
                TakeoverTrigger.ALERT, alert.getAlertId(), TakeoverMode.CO_PILOT);
        feed(takeover);
        TakeoverRecord tr = LakeRecords.takeover(s, takeover);
        feed(c.after(30).agent("I'm Sam, I can help"));
        feed(c.after(30).customer("thanks [s=0.5]"));
        feed(c.after(10).handBack());
        feed(c.after(10).ended(EndedBy.AGENT));

        assertThat(tr.getConversationId()).isEqualTo("lake");
        assertThat(tr.getEventId()).isEqualTo("tk-1");
        assertThat(tr.getTakeoverTime()).isEqualTo(T0 + 75_000);
        assertThat(tr.getAgentId()).isEqualTo("agent-3");
        assertThat(tr.getTrigger()).isEqualTo(TakeoverTrigger.ALERT);
        assertThat(tr.getAlertId()).isEqualTo(alert.getAlertId());
        assertThat(tr.getAlertTime()).isEqualTo(T0 + 35_000);
        assertThat(tr.getMode()).isEqualTo(TakeoverMode.CO_PILOT);
        assertThat(tr.getTransition()).isEqualTo(TakeoverTransition.ANNOUNCED);
        assertThat(tr.getSegment()).isEqualTo("enterprise");
        assertThat(tr.getTopic()).isEqualTo("cancellation");
        assertThat(tr.getChannel()).isEqualTo("app");
        assertThat(tr.getSignals().getTime()).isEqualTo(T0 + 75_000);
        assertThat(tr.getSignals().getSentimentLast()).isEqualTo(-0.5);
        assertThat(tr.getSignals().getHumanRequested()).isTrue();

        ConversationSummary sum = LakeRecords.summary(s, s.endTime, false, cfg);
        assertThat(sum.getConversationId()).isEqualTo("lake");
        assertThat(sum.getCustomerId()).isEqualTo("cust-1");
        assertThat(sum.getSegment()).isEqualTo("enterprise");
        assertThat(sum.getCustomerValue()).isEqualTo(5000.0);
        assertThat(sum.getChannel()).isEqualTo("app");
        assertThat(sum.getLanguage()).isEqualTo("en");
        assertThat(sum.getStartTime()).isEqualTo(T0);
        assertThat(sum.getEndTime()).isEqualTo(T0 + 155_000);
        assertThat(sum.getAbandoned()).isFalse();
        assertThat(sum.getEndedBy()).isEqualTo(EndedBy.AGENT);
        assertThat(sum.getEndReason()).isEqualTo("resolved");
        assertThat(sum.getTopic()).isEqualTo("cancellation");
        assertThat(sum.getTopics()).containsExactly("cancellation");
        assertThat(sum.getSensitiveTopic()).isTrue();
        assertThat(sum.getCustomerMessages()).isEqualTo(3);
        assertThat(sum.getAiMessages()).isEqualTo(1);
        assertThat(sum.getAgentMessages()).isEqualTo(1);
        assertThat(sum.getLowConfidenceAnswers()).isEqualTo(1);
        assertThat(sum.getHumanRequested()).isTrue();
        assertThat(sum.getAtEnd().getTime()).isEqualTo(T0 + 155_000);
        assertThat(sum.getAtEnd().getSentimentLast()).isEqualTo(0.5);
        assertThat(sum.getAtDecision()).as("decision = the takeover").isEqualTo(tr.getSignals());
        assertThat(sum.getMaxRisk()).isEqualTo(riskBeforeTakeover).isGreaterThan(0.5);
        // sensitive-topic and low-ai-confidence at the AI's answer, human-requested at the request
        assertThat(sum.getAlertRuleIds()).containsExactly("sensitive-topic", "low-ai-confidence", "human-requested");
        assertThat(sum.getAlertCount()).isEqualTo(3);
        assertThat(sum.getFirstAlertTime()).isEqualTo(T0 + 10_000);
        assertThat(sum.getFirstAlertId()).isEqualTo(AlertFactory.alertId("lake", "sensitive-topic", 1, "event:lake-e2"));
        assertThat(sum.getTakenOver()).isTrue();
        assertThat(sum.getTakeoverTime()).isEqualTo(T0 + 75_000);
        assertThat(sum.getTakeoverAgentId()).isEqualTo("agent-3");
        assertThat(sum.getTakeoverTrigger()).isEqualTo(TakeoverTrigger.ALERT);
        assertThat(sum.getTakeoverMode()).isEqualTo(TakeoverMode.CO_PILOT);
        assertThat(sum.getTakeoverAlertId()).isEqualTo(alert.getAlertId());
        assertThat(sum.getHandedBack()).isTrue();
        assertThat(sum.getTranscript()).extracting(PreviewMessage::getText).containsExactly(
                "I want to cancel my contract [s=-0.2]", "Sorry to hear that", "a human please [human] [s=-0.5]",
                "I'm Sam, I can help", "thanks [s=0.5]");
    }

    @Test
    void abandonedConversationWithoutStartOrAlerts() {
        Events.Conversation c = Events.conversation("gone");
        feed(c.after(10).customer("hello [s=0.1]"));
        feed(c.after(5).ai("hi", 0.9));
        ConversationSummary sum = LakeRecords.summary(s, s.lastEventTime, true, ScoringConfig.defaults());
        assertThat(sum.getAbandoned()).isTrue();
        assertThat(sum.getEndedBy()).isNull();
        assertThat(sum.getCustomerId()).isNull();
        assertThat(sum.getSegment()).isNull();
        assertThat(sum.getCustomerValue()).isNull();
        assertThat(sum.getStartTime()).isEqualTo(T0 + 10_000);
        assertThat(sum.getEndTime()).isEqualTo(T0 + 15_000);
        assertThat(sum.getAtDecision()).isNull();
        assertThat(sum.getAlertRuleIds()).isEmpty();
        assertThat(sum.getFirstAlertId()).isNull();
        assertThat(sum.getTakenOver()).isFalse();
        assertThat(sum.getTranscript()).as("no text in the lake by default").isNull();
        assertThat(sum.getTopics()).isEqualTo(List.of());
    }

    @Test
    void takeoverRecordNeedsTheEventApplied() {
        ConversationEvent tk = Events.conversation("x").takeover();
        assertThatThrownBy(() -> LakeRecords.takeover(s, tk)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was not applied");
        assertThatThrownBy(() -> LakeRecords.takeover(s, Events.conversation("x").customer("hi")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
