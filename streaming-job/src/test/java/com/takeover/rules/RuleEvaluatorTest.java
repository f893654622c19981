package com.takeover.rules;

import static com.takeover.testing.Events.MINUTE;
import static com.takeover.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.takeover.schema.AlertReason;
import com.takeover.schema.AlertRule;
import com.takeover.schema.EndedBy;
import com.takeover.schema.RuleCondition;
import com.takeover.schema.RuleScope;
import com.takeover.schema.Severity;
import com.takeover.testing.Events;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

    @Test
    void calmConversationFiresNothing() {
        Run run = Run.defaults();
        Events.Conversation c = Events.conversation("calm");
        List<String> fired = new ArrayList<>();
        fired.addAll(run.feed(c.started("cust-1", "vip", 90_000, "web")));
        fired.addAll(run.feed(c.after(20).customer("Hi, where is my order? [s=0.1]")));
        fired.addAll(run.feed(c.after(3).ai("It ships tomorrow.", 0.92, "order_status")));
        fired.addAll(run.feed(c.after(30).customer("Great, thanks! [s=0.6]")));
        fired.addAll(run.feed(c.after(3).ai("Anything else?", 0.95)));
        fired.addAll(run.feed(c.after(20).customer("No, perfect [s=0.8]")));
        fired.addAll(run.feed(c.after(2).ai("Have a nice day", 0.97)));
        // the next possible time-based firing is the 30-minute mark; the conversation ends before it
        assertThat(run.evaluator.nextTimeBasedCheck(run.state, run.rules, c.now())).hasValue(T0 + 30 * MINUTE);
        fired.addAll(run.evaluate(T0 + 29 * MINUTE));
        fired.addAll(run.feed(c.after(10).ended(EndedBy.CUSTOMER)));
        assertThat(fired).isEmpty();
        assertThat(run.state.alertCount).isZero();
        assertThat(run.state.decisionSnapshot).isNull();
        assertThat(run.evaluator.nextTimeBasedCheck(run.state, run.rules, c.now())).isEmpty();
    }

    @Test
    void trajectoryFlagsASteadySlideBeforeAnyFixedThreshold() throws Exception {
        // the defaults plus a plain threshold rule, to show the trajectory sees the slide first
        RuleSet rules = RulesLoader.defaults().withRule(RulesLoader.parseRule(
                "{\"id\":\"avg-threshold\",\"version\":1,\"severity\":\"HIGH\",\"conditions\":[\"sentiment_avg < -0.5\"]}"));
        Run run = new Run(rules);
        Events.Conversation c = Events.conversation("slide");
        run.feed(c.started("standard"));
        assertThat(run.feed(c.after(10).customer("ok [s=+0.5]"))).isEmpty();
        run.feed(c.after(5).ai("answer", 0.9));
        assertThat(run.feed(c.after(30).customer("hm [s=+0.2]"))).isEmpty();
        run.feed(c.after(5).ai("answer", 0.9));
        assertThat(run.feed(c.after(30).customer("not really [s=-0.1]"))).containsExactly("sentiment-trajectory");

        RuleFiring f = run.last();
        assertThat(f.reasons()).extracting(AlertReason::getSignal).containsExactly("sentiment_slope", "turns", "sentiment_last");
        assertThat(f.reasons().get(0).getValue()).isCloseTo(-0.3, within(1e-12));
        assertThat(f.reasons().get(0).getDescription())
                .isEqualTo("sentiment sliding -0.30 per message over the last 3 messages (from +0.50 to -0.10)");
        // no fixed threshold is anywhere near crossed yet
        double[] v = run.scorer.signals(run.state, c.now());
        assertThat(v[Signal.SENTIMENT_AVG.ordinal()]).isGreaterThan(0.1);
        assertThat(v[Signal.SENTIMENT_LAST.ordinal()]).isGreaterThan(-0.4);

        run.feed(c.after(5).ai("answer", 0.9));
        assertThat(run.feed(c.after(30).customer("no [s=-0.3]"))).as("trajectory cooling down").isEmpty();
        assertThat(run.feed(c.after(30).customer("worse [s=-0.6]"))).doesNotContain("avg-threshold");
        // the fixed threshold is crossed only three messages after the trajectory flagged the slide
        assertThat(run.feed(c.after(30).customer("awful [s=-0.9]"))).contains("avg-threshold");
        assertThat(run.state.sentimentEma).isCloseTo(-0.5066, within(1e-4));
        assertThat(run.state.alertRuleIds[0]).isEqualTo("sentiment-trajectory");
    }

    @Test
    void sentimentDropReadsLikeASupervisorWouldSayIt() {
        Run run = Run.defaults();
        Events.Conversation c = Events.conversation("drop");
        run.feed(c.started("standard"));
        run.feed(c.after(10).customer("fine [s=+0.4]"));
        run.feed(c.after(10).customer("hmm [s=-0.2]"));
        assertThat(run.feed(c.after(10).customer("this is a joke [s=-0.7]")))
                .containsExactly("sentiment-drop", "sentiment-trajectory");
        RuleFiring drop = run.firing("sentiment-drop");
        assertThat(drop.reasons()).hasSize(2);
        AlertReason r = drop.reasons().get(0);
        assertThat(r.getSignal()).isEqualTo("sentiment_drop");
        assertThat(r.getOperator()).isEqualTo(">=");
        assertThat(r.getValue()).isCloseTo(1.1, within(1e-12));
        assertThat(r.getThreshold()).isEqualTo(0.8);
        assertThat(r.getDescription()).isEqualTo("sentiment fell from +0.40 to -0.70 over 3 messages");
        assertThat(drop.reasons().get(1).getDescription()).isEqualTo("last customer message sentiment -0.70 <= -0.40");
    }

    @Test
    void humanRequestFires() {
        Run run = Run.defaults();
        Events.Conversation c = Events.conversation("human");
        run.feed(c.started("standard"));
        assertThat(run.feed(c.after(10).customer("can I talk to a real person [human]"))).containsExactly("human-requested");
        assertThat(run.last().reasons()).singleElement().satisfies(r -> {
            assertThat(r.getDescription()).isEqualTo("customer asked for a human");
            assertThat(r.getValue()).isEqualTo(1.0);
            assertThat(r.getThreshold()).isEqualTo(1.0);
        });
    }

    @Test
    void vipUnhappyFiresForVipsOnly() {
        Run vip = Run.defaults();
        Events.Conversation c = Events.conversation("vip");
        vip.feed(c.started("cust-1", "VIP", 250_000, "web"));
        assertThat(vip.feed(c.after(10).customer("not happy [s=-0.35]"))).containsExactly("vip-unhappy");
        assertThat(vip.last().reasons()).extracting(AlertReason::getDescription)
                .containsExactly("last customer message sentiment -0.35 <= -0.30", "average sentiment -0.35 <= -0.20");

        Run standard = Run.defaults();
        Events.Conversation d = Events.conversation("std");
        standard.feed(d.started("standard"));
        assertThat(standard.feed(d.after(10).customer("not happy [s=-0.35]"))).isEmpty();

        Run unknown = Run.defaults();
        assertThat(unknown.feed(Events.conversation("nostart").customer("not happy [s=-0.35]")))
                .as("segment unknown: segment-scoped rules do not match").isEmpty();
    }

    @Test
    void sensitiveTopicFiresWithTheTopicName() {
        Run run = Run.defaults();
        Events.Conversation c = Events.conversation("legal");
        run.feed(c.started("standard"));
        assertThat(run.feed(c.after(10).customer("my lawyer will hear about this"))).containsExactly("sensitive-topic");
        assertThat(run.last().reasons().get(0).getDescription()).isEqualTo("sensitive topic: legal");
    }

    @Test
    void lowAiConfidenceFires() {
        Run run = Run.defaults();
        Events.Conversation c = Events.conversation("lowai");
        run.feed(c.started("standard"));
        run.feed(c.after(10).customer("my modem blinks orange"));
        assertThat(run.feed(c.after(3).ai("Maybe restart it?", 0.32))).containsExactly("low-ai-confidence");
        assertThat(run.last().reasons()).extracting(AlertReason::getDescription).containsExactly("AI confidence 0.32 < 0.40");
    }

    @Test
    void longConversationFiresOnTurnsAndOnElapsedTimeByTimer() {
        Run run = Run.defaults();
        Events.Conversation c = Events.conversation("long");
        run.feed(c.started("standard"));
        List<String> fired = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            fired = run.feed(c.after(20).customer("question " + i));
            if (i < 15) {
                assertThat(fired).isEmpty();
            }
            run.feed(c.after(5).ai("answer " + i, 0.9));
        }
        assertThat(fired).containsExactly("long-conversation");
        assertThat(run.firing("long-conversation").reasons()).extracting(AlertReason::getDescription)
                .containsExactly("15 customer messages (>= 15)");

        Run timed = Run.defaults();
        Events.Conversation d = Events.conversation("slow");
        timed.feed(d.started("standard"));
        timed.feed(d.after(10).customer("hello"));
        timed.feed(d.after(5).ai("hi", 0.9));
        OptionalLong next = timed.evaluator.nextTimeBasedCheck(timed.state, timed.rules, d.now());
        assertThat(next).hasValue(T0 + 30 * MINUTE);
        assertThat(timed.evaluate(next.getAsLong())).containsExactly("long-conversation");
        assertThat(timed.last().reasons()).extracting(AlertReason::getDescription)
                .containsExactly("conversation open for 30.0 minutes (>= 30)");
    }

    @Test
    void stalledConversationFiresOnATimerWithoutANewEvent() {
        Run run = Run.defaults();
        Events.Conversation c = Events.conversation("stall");
        run.feed(c.started("standard"));
        run.feed(c.after(10).customer("hello? [s=0]"));
        long waitingSince = c.now();
        assertThat(run.feed(c.after(60).customer("anyone? [s=0]"))).isEmpty();
        OptionalLong next = run.evaluator.nextTimeBasedCheck(run.state, run.rules, c.now());
        assertThat(next).as("3 minutes after the first unanswered message").hasValue(waitingSince + 3 * MINUTE);
        assertThat(run.evaluate(next.getAsLong() - 1)).isEmpty();
        assertThat(run.evaluate(next.getAsLong())).containsExactly("stalled-conversation");
        assertThat(run.last().reasons()).extracting(AlertReason::getDescription)
                .containsExactly("customer waiting for an answer for 3.0 minutes (>= 3)");
        // still waiting: the next check is the end of the stall cooldown (10 min), before the 30-minute mark
        assertThat(run.evaluator.nextTimeBasedCheck(run.state, run.rules, next.getAsLong()))
                .hasValue(next.getAsLong() + 10 * MINUTE);
        // an answer stops the wait: only the 30-minute mark remains
        run.feed(c.at(next.getAsLong() + MINUTE).ai("sorry for the wait", 0.9));
        assertThat(run.evaluator.nextTimeBasedCheck(run.state, run.rules, c.now())).hasValue(T0 + 30 * MINUTE);
    }

    @Test
    void cooldownSuppressesWithinAndAllowsAfter() {
        Run run = Run.defaults(); // human-requested: cooldown 10 minutes
        Events.Conversation c = Events.conversation("cool");
        run.feed(c.started("standard"));
        assertThat(run.feed(c.after(10).customer("agent please [human]"))).containsExactly("human-requested");
        long first = c.now();
        run.feed(c.after(5).ai("I can help", 0.9));
        assertThat(run.feed(c.after(5 * 60).customer("a HUMAN [human]"))).isEmpty();
        run.feed(c.after(5).ai("I can help", 0.9));
        assertThat(run.feed(c.at(first + 10 * MINUTE - 1).customer("hello?"))).as("1 ms before the end").isEmpty();
        run.feed(c.after(0).ai("I can help", 0.9));
        assertThat(run.feed(c.at(first + 10 * MINUTE).customer("still want a human"))).containsExactly("human-requested");
        assertThat(run.state.alertCount).isEqualTo(2);
        assertThat(run.state.alertRules()).containsExactly("human-requested", "human-requested");
        assertThat(run.state.firstAlertTime).isEqualTo(first);
        assertThat(run.state.lastFired("human-requested")).isEqualTo(first + 10 * MINUTE);
    }

    @Test
    void nothingFiresWhileTakenOverAndRulesReArmAfterHandBack() {
        Run run = Run.defaults();
        Events.Conversation c = Events.conversation("takeover");
        run.feed(c.started("standard"));
        run.feed(c.after(10).customer("fine [s=+0.4]"));
        run.feed(c.after(5).ai("ok", 0.9));
        run.feed(c.after(10).takeover());
        assertThat(run.feed(c.after(10).customer("terrible [s=-0.6]"))).isEmpty();
        assertThat(run.feed(c.after(10).customer("I want a human [s=-0.7] [human]"))).isEmpty();
        assertThat(run.evaluate(c.now() + 60 * MINUTE)).isEmpty();
        assertThat(run.evaluator.nextTimeBasedCheck(run.state, run.rules, c.now())).isEmpty();
        assertThat(run.state.alertCount).isZero();

        // The request made while a human had it was served: only the sentiment that held meanwhile alerts.
        assertThat(run.feed(c.after(10).handBack())).as("conditions held while a human had it")
                .containsExactly("sentiment-drop", "sentiment-trajectory");
        assertThat(run.state.humanRequested).as("archived: the customer did ask").isTrue();
        assertThat(run.state.decisionSnapshot.time).as("decision at the takeover, not at the later alert")
                .isEqualTo(T0 + 25_000);
    }

    @Test
    void aServedRequestForAHumanDoesNotAlertAgainAfterHandBackButANewOneDoes() {
        Run run = Run.defaults();
        Events.Conversation c = Events.conversation("served");
        run.feed(c.started("standard"));
        assertThat(run.feed(c.after(10).customer("agent please [s=0] [human]"))).containsExactly("human-requested");
        run.feed(c.after(30).takeover());
        run.feed(c.after(20).agent("Hi, I'm Sam from the team, let me sort this out."));
        assertThat(run.feed(c.after(5 * 60).handBack())).as("the agent served that request").isEmpty();
        assertThat(run.feed(c.after(10).customer("thanks, all good [s=+0.5]"))).isEmpty();
        run.feed(c.after(10).ai("glad to help", 0.9));
        assertThat(run.feed(c.after(6 * 60).customer("actually, a person again please [s=0] [human]")))
                .as("a new request, out of the cooldown").containsExactly("human-requested");
    }

    @Test
    void endedConversationNeverFires() {
        Run run = Run.defaults();
        Events.Conversation c = Events.conversation("ended");
        run.feed(c.started("standard"));
        run.feed(c.after(10).customer("bye [s=0.5]"));
        run.feed(c.after(10).ended(EndedBy.CUSTOMER));
        assertThat(run.feed(c.after(10).customer("wait, get me a human [human] [s=-0.9]"))).isEmpty();
        assertThat(run.evaluate(c.now() + 60 * MINUTE)).isEmpty();
    }

    @Test
    void disabledRulesAndScopeByTopicChannelAndSensitive() throws Exception {
        RuleSet rules = RuleSet.of(List.of(
                rule("off", Severity.LOW, scope().build()).setEnabled(false).build(),
                rule("billing-web", Severity.LOW,
                        scope().setTopics(List.of("billing_dispute")).setChannels(List.of("WEB")).build()).build(),
                rule("sensitive-only", Severity.LOW, scope().setTopics(List.of("sensitive")).build()).build()));
        Run web = new Run(rules);
        Events.Conversation c = Events.conversation("scope");
        web.feed(c.started("c", "standard", 0, "Web"));
        assertThat(web.feed(c.after(10).customer("hello"))).as("no topic yet").isEmpty();
        assertThat(web.feed(c.after(10).customer("I was charged twice"))).containsExactly("billing-web");
        assertThat(web.feed(c.after(10).customer("this is fraud"))).as("billing topic replaced by fraud")
                .containsExactly("sensitive-only");

        Run app = new Run(rules);
        Events.Conversation d = Events.conversation("scope2");
        app.feed(d.started("c", "standard", 0, "app"));
        assertThat(app.feed(d.after(10).customer("I was charged twice"))).isEmpty();
    }

    // --- time zones and daylight saving

    private static long utc(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    /** Fires for any conversation with a customer message, 08:00-18:00 Berlin time. */
    private static RuleSet officeHours() throws RuleValidationException {
        return RuleSet.of(List.of(rule("office-hours", Severity.MEDIUM,
                scope().setTimeZone("Europe/Berlin").setFromTime("08:00").setToTime("18:00").build()).build()));
    }

    private static boolean firesAt(RuleSet rules, long at) {
        Run run = new Run(rules);
        run.feed(Events.customer("dst", "e1", at, "hello"));
        return !run.all.isEmpty();
    }

    @Test
    void activeHoursFollowDaylightSavingInTheRulesZone() throws Exception {
        RuleSet rules = officeHours();
        // spring: 2026-03-29 02:00 CET -> 03:00 CEST
        assertThat(firesAt(rules, utc("2026-03-28T07:30:00Z"))).as("Sat 08:30 CET").isTrue();
        assertThat(firesAt(rules, utc("2026-03-28T06:30:00Z"))).as("Sat 07:30 CET").isFalse();
        assertThat(firesAt(rules, utc("2026-03-29T06:30:00Z"))).as("Sun 08:30 CEST").isTrue();
        assertThat(firesAt(rules, utc("2026-03-29T05:30:00Z"))).as("Sun 07:30 CEST").isFalse();
        assertThat(firesAt(rules, utc("2026-03-29T06:00:00Z"))).as("Sun 08:00 CEST, inclusive").isTrue();
        assertThat(firesAt(rules, utc("2026-03-29T15:59:59Z"))).as("Sun 17:59:59 CEST").isTrue();
        assertThat(firesAt(rules, utc("2026-03-29T16:00:00Z"))).as("Sun 18:00 CEST, exclusive").isFalse();
        // autumn: 2026-10-25 03:00 CEST -> 02:00 CET
        assertThat(firesAt(rules, utc("2026-10-24T06:30:00Z"))).as("Sat 08:30 CEST").isTrue();
        assertThat(firesAt(rules, utc("2026-10-24T05:30:00Z"))).as("Sat 07:30 CEST").isFalse();
        assertThat(firesAt(rules, utc("2026-10-25T07:30:00Z"))).as("Sun 08:30 CET").isTrue();
        assertThat(firesAt(rules, utc("2026-10-25T06:30:00Z"))).as("Sun 07:30 CET").isFalse();
        assertThat(firesAt(rules, utc("2026-10-25T16:59:00Z"))).as("Sun 17:59 CET").isTrue();
        assertThat(firesAt(rules, utc("2026-10-25T17:00:00Z"))).as("Sun 18:00 CET").isFalse();
    }

    @Test
    void daysAndWindowsThatWrapMidnight() throws Exception {
        RuleSet night = RuleSet.of(List.of(rule("night", Severity.LOW, scope().setTimeZone("America/New_York")
                .setDays(List.of("FRI", "saturday")).setFromTime("22:00").setToTime("06:00").build()).build()));
        // Friday 2026-03-06, New York is UTC-5 (EST)
        assertThat(firesAt(night, utc("2026-03-07T03:30:00Z"))).as("Fri 22:30 EST").isTrue();
        assertThat(firesAt(night, utc("2026-03-07T02:30:00Z"))).as("Fri 21:30 EST").isFalse();
        assertThat(firesAt(night, utc("2026-03-07T10:30:00Z"))).as("Sat 05:30 EST").isTrue();
        assertThat(firesAt(night, utc("2026-03-07T12:00:00Z"))).as("Sat 07:00 EST").isFalse();
        assertThat(firesAt(night, utc("2026-03-08T10:30:00Z"))).as("Sun 06:30 EDT (after the change)").isFalse();
        assertThat(firesAt(night, utc("2026-03-05T03:30:00Z"))).as("Wed 22:30 EST").isFalse();
    }

    @Test
    void timerForAStallOutsideActiveHoursMovesToTheWindowOpeningAcrossDst() throws Exception {
        RuleSet rules = RuleSet.of(List.of(AlertRule.newBuilder()
                .setId("stall-office").setVersion(1).setSeverity(Severity.HIGH)
                .setScope(scope().setTimeZone("Europe/Berlin").setFromTime("08:00").setToTime("18:00").build())
                .setConditions(List.of(new RuleCondition("minutes_since_answer", ">=", 3.0)))
                .build()));
        Run run = new Run(rules);
        long at = utc("2026-03-29T05:00:00Z"); // 07:00 CEST, the first morning of summer time
        run.feed(Events.customer("c", "e1", at, "hello?"));
        OptionalLong next = run.evaluator.nextTimeBasedCheck(run.state, rules, at);
        assertThat(next).hasValue(utc("2026-03-29T06:00:00Z")); // 08:00 CEST, not 07:00 UTC
        assertThat(run.evaluate(next.getAsLong())).containsExactly("stall-office");
    }

    @Test
    void strictComparisonOnTimeCrossesOneMillisecondLater() throws Exception {
        RuleSet rules = RuleSet.of(List.of(AlertRule.newBuilder()
                .setId("elapsed").setVersion(1).setSeverity(Severity.LOW).setCooldownMs(0)
                .setConditions(List.of(new RuleCondition("elapsed_minutes", ">", 2.5)))
                .build()));
        Run run = new Run(rules);
        run.feed(Events.customer("c", "e1", T0, "hi"));
        OptionalLong next = run.evaluator.nextTimeBasedCheck(run.state, rules, T0);
        assertThat(next).hasValue(T0 + 150_001);
        assertThat(run.evaluate(T0 + 150_000)).isEmpty();
        assertThat(run.evaluate(T0 + 150_001)).containsExactly("elapsed");
        assertThat(run.evaluator.nextTimeBasedCheck(run.state, rules, T0 + 150_001))
                .as("zero cooldown, already true: no further timer").isEmpty();
    }

    static RuleScope.Builder scope() {
        return RuleScope.newBuilder();
    }

    static AlertRule.Builder rule(String id, Severity severity, RuleScope scope) {
        return AlertRule.newBuilder().setId(id).setVersion(1).setSeverity(severity).setScope(scope)
                .setConditions(List.of(new RuleCondition("turns", ">=", 1.0)));
    }
}
