package com.takeover.rules;

import static com.takeover.testing.Events.MINUTE;
import static com.takeover.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.schema.ConversationEvent;
import com.takeover.schema.PreviewMessage;
import com.takeover.schema.Severity;
import com.takeover.schema.Speaker;
import com.takeover.schema.TakeoverAlert;
import com.takeover.testing.Events;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFactoryTest {
    private final AlertFactory factory = new AlertFactory();

    @Test
    void alertIdIsDeterministicAndDependsOnEveryPart() {
        String id = AlertFactory.alertId("c1", "sentiment-drop", 1, "event:c1-e7");
        assertThat(id).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(AlertFactory.alertId("c1", "sentiment-drop", 1, "event:c1-e7")).isEqualTo(id);
        assertThat(List.of(
                AlertFactory.alertId("c2", "sentiment-drop", 1, "event:c1-e7"),
                AlertFactory.alertId("c1", "vip-unhappy", 1, "event:c1-e7"),
                AlertFactory.alertId("c1", "sentiment-drop", 2, "event:c1-e7"),
                AlertFactory.alertId("c1", "sentiment-drop", 1, "event:c1-e8"))).doesNotContain(id).doesNotHaveDuplicates();
        assertThat(AlertFactory.triggerKey("e1", 5)).isEqualTo("event:e1");
        assertThat(AlertFactory.triggerKey(null, 5)).isEqualTo("timer:5");
    }

    /** A scripted conversation with event and timer alerts, run through a fresh state each time. */
    private List<TakeoverAlert> replay() {
        Run run = Run.defaults();
        Events.Conversation c = Events.conversation("replay");
        List<ConversationEvent> events = List.of(
                c.started("cust-1", "vip", 1000, "web"),
                c.after(10).customer("I was charged twice [s=+0.4]"),
                c.after(5).ai("Let me look", 0.35, "billing_dispute"),
                c.after(30).customer("still nothing? [s=-0.2]"),
                c.after(30).customer("this is a joke, get me a human [s=-0.7] [human]"));
        List<TakeoverAlert> alerts = new ArrayList<>();
        for (ConversationEvent e : events) {
            run.scorer.apply(run.state, e);
            for (RuleFiring f : run.evaluator.evaluate(run.state, run.rules, e.getEventTime())) {
                alerts.add(factory.create(run.state, f, e.getEventId(), e.getEventTime(),
                        run.scorer.risk(run.state, e.getEventTime())));
            }
        }
        long timer = run.evaluator.nextTimeBasedCheck(run.state, run.rules, c.now()).orElseThrow();
        for (RuleFiring f : run.evaluator.evaluate(run.state, run.rules, timer)) {
            alerts.add(factory.create(run.state, f, null, timer, run.scorer.risk(run.state, timer)));
        }
        return alerts;
    }

    @Test
    void aReplayYieldsTheSameAlerts() {
        List<TakeoverAlert> first = replay();
        List<TakeoverAlert> second = replay();
        assertThat(first).extracting(TakeoverAlert::getRuleId).containsExactly(
                "low-ai-confidence", "human-requested", "sentiment-drop", "vip-unhappy", "sentiment-trajectory",
                "stalled-conversation");
        assertThat(second).isEqualTo(first);
        assertThat(first).extracting(TakeoverAlert::getAlertId).doesNotHaveDuplicates();
    }

    @Test
    void alertCarriesRuleReasonsRiskContextAndPreview() {
        List<TakeoverAlert> alerts = replay();
        TakeoverAlert human = alerts.get(1);
        assertThat(human.getAlertId()).isEqualTo(AlertFactory.alertId("replay", "human-requested", 1, "event:replay-e5"));
        assertThat(human.getConversationId()).isEqualTo("replay");
        assertThat(human.getRuleVersion()).isEqualTo(1);
        assertThat(human.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(human.getAlertTime()).isEqualTo(T0 + 75_000);
        assertThat(human.getTriggerEventId()).isEqualTo("replay-e5");
        assertThat(human.getRisk()).isBetween(0.5, 1.0);
        assertThat(human.getReasons()).extracting(r -> r.getDescription()).containsExactly("customer asked for a human");
        assertThat(human.getCustomerId()).isEqualTo("cust-1");
        assertThat(human.getSegment()).isEqualTo("vip");
        assertThat(human.getTopic()).isEqualTo("billing_dispute");
        assertThat(human.getChannel()).isEqualTo("web");
        assertThat(human.getPreview()).extracting(PreviewMessage::getSpeaker)
                .containsExactly(Speaker.CUSTOMER, Speaker.AI, Speaker.CUSTOMER, Speaker.CUSTOMER);
        assertThat(human.getPreview().get(3).getTime()).isEqualTo(T0 + 75_000);

        TakeoverAlert stalled = alerts.get(5);
        assertThat(stalled.getTriggerEventId()).as("fired by a timer").isNull();
        assertThat(stalled.getAlertTime()).isEqualTo(T0 + 45_000 + 3 * MINUTE);
        assertThat(stalled.getAlertId()).isEqualTo(
                AlertFactory.alertId("replay", "stalled-conversation", 1, "timer:" + (T0 + 45_000 + 3 * MINUTE)));
    }

    @Test
    void theStateRemembersItsAlerts() {
        Run run = Run.defaults();
        Events.Conversation c = Events.conversation("mem");
        run.feed(c.started("standard"));
        ConversationEvent e = c.after(10).customer("human please [human]");
        run.scorer.apply(run.state, e);
        RuleFiring f = run.evaluator.evaluate(run.state, run.rules, e.getEventTime()).get(0);
        TakeoverAlert a = factory.create(run.state, f, e.getEventId(), e.getEventTime(), 0.5);
        assertThat(run.state.firstAlertId).isEqualTo(a.getAlertId());
        assertThat(run.state.firstAlertTime).isEqualTo(e.getEventTime());
        assertThat(run.state.alertTime(a.getAlertId())).isEqualTo(e.getEventTime());
        assertThat(run.state.alertTime("nope")).isNull();
        assertThat(run.state.decisionSnapshot.time).as("decision at the first alert").isEqualTo(e.getEventTime());
        assertThat(run.state.decisionAtTakeover).isFalse();
    }
}
