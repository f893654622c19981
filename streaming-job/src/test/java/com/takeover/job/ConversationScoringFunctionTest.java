package com.takeover.job;

import static com.takeover.testing.Events.MINUTE;
import static com.takeover.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.rules.AlertFactory;
import com.takeover.rules.RuleSet;
import com.takeover.rules.RulesLoader;
import com.takeover.schema.AlertReason;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.EndedBy;
import com.takeover.schema.RuleRejection;
import com.takeover.schema.Severity;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverRecord;
import com.takeover.schema.TakeoverTrigger;
import com.takeover.testing.Events;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import com.takeover.scoring.ConversationState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The keyed scoring operator on Flink's keyed-broadcast test harness: alerts, timers, state, rule updates. */
class ConversationScoringFunctionTest {

    /** Small, explicit rules so each test shows one behaviour (the defaults are the scoring core's tests' job). */
    static final String RULES = """
            rules:
              - id: human
                version: 1
                severity: CRITICAL
                conditions: [human_requested == true]
                cooldown: 10m
              - id: angry
                version: 1
                severity: HIGH
                conditions: [sentiment_last <= -0.5]
                cooldown: 5m
              - id: stalled
                version: 1
                severity: HIGH
                conditions: [minutes_since_answer >= 3]
                cooldown: 10m
            """;
    static final long GRACE = 5 * MINUTE;
    static final long TTL = 60 * MINUTE;

    private KeyedBroadcastOperatorTestHarness<String, IngestedEvent, RuleUpdate, TakeoverAlert> harness;

    static RuleSet rules() throws Exception {
        return RulesLoader.parse(RULES, "test rules");
    }

    static ConversationScoringFunction function() throws Exception {
        return new ConversationScoringFunction(rules(), Events.scriptedScorer(), GRACE, TTL, "alert-rules");
    }

    /** The keyed state backend of every harness here; {@link ConversationScoringFunctionOnRocksDbTest} runs the same tests on RocksDB. */
    StateBackend stateBackend() {
        return new HashMapStateBackend();
    }

    /** The scoring operator restored from {@code restored} (null: empty), on {@link #stateBackend()}. */
    KeyedBroadcastOperatorTestHarness<String, IngestedEvent, RuleUpdate, TakeoverAlert> open(
            OperatorSubtaskState restored) throws Exception {
        return open(function(), restored);
    }

    KeyedBroadcastOperatorTestHarness<String, IngestedEvent, RuleUpdate, TakeoverAlert> open(
            KeyedBroadcastProcessFunction<String, IngestedEvent, RuleUpdate, TakeoverAlert> function,
            OperatorSubtaskState restored) throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(function,
                List.of(ConversationScoringFunction.RULES)), (IngestedEvent e) -> e.event.getConversationId(),
                Types.STRING, 1, 1, 0);
        h.setStateBackend(stateBackend());
        h.setup();
        h.initializeState(restored);
        h.open();
        return h;
    }

    @BeforeEach
    void setUp() throws Exception {
        harness = open(null);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private List<TakeoverAlert> feed(ConversationEvent... events) throws Exception {
        int before = harness.extractOutputValues().size();
        for (ConversationEvent e : events) {
            harness.processElement(IngestedEvent.of(e, 0L), e.getEventTime());
        }
        List<TakeoverAlert> all = harness.extractOutputValues();
        return all.subList(before, all.size());
    }

    private List<TakeoverAlert> advanceTo(long watermark) throws Exception {
        int before = harness.extractOutputValues().size();
        harness.processWatermark(watermark);
        List<TakeoverAlert> all = harness.extractOutputValues();
        return all.subList(before, all.size());
    }

    private <X> List<X> side(org.apache.flink.util.OutputTag<X> tag) {
        var q = harness.getSideOutput(tag);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    private ConversationWithTimers stored(String conversationId) throws Exception {
        return conversationState(conversationId).value();
    }

    private void store(String conversationId, ConversationWithTimers c) throws Exception {
        conversationState(conversationId).update(c);
    }

    private ValueState<ConversationWithTimers> conversationState(String conversationId) throws Exception {
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(conversationId);
        return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>(ConversationScoringFunction.STATE_CONVERSATION,
                        new ConversationWithTimersSerializer()));
    }

    private long keyedStateEntries() throws Exception {
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        long n = 0;
        for (String name : List.of(ConversationScoringFunction.STATE_CONVERSATION,
                ConversationScoringFunction.LEGACY_STATE_CONVERSATION, ConversationScoringFunction.LEGACY_STATE_CHECK_TIMER,
                ConversationScoringFunction.LEGACY_STATE_CHECK_DUE, ConversationScoringFunction.LEGACY_STATE_CLEANUP_TIMER)) {
            n += backend.getKeys(name, VoidNamespace.INSTANCE).count();
        }
        return n;
    }

    @Test
    void anAlertCarriesItsRuleReasonsDeterministicIdAndPreview() throws Exception {
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        Events.Conversation c = Events.conversation("c1");
        assertThat(feed(c.started("cust-1", "vip", 1000, "web"), c.after(20).customer("hello there [s=0.2]")))
                .isEmpty();
        ConversationEvent trigger = c.after(30).customer("get me a person now [human] [s=-0.6]");
        List<TakeoverAlert> alerts = feed(trigger);

        assertThat(alerts).extracting(TakeoverAlert::getRuleId).containsExactly("human", "angry");
        TakeoverAlert human = alerts.get(0);
        assertThat(human.getAlertId()).isEqualTo(AlertFactory.alertId("c1", "human", 1, "event:" + trigger.getEventId()));
        assertThat(human.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(human.getRuleVersion()).isEqualTo(1);
        assertThat(human.getTriggerEventId()).isEqualTo(trigger.getEventId());
        assertThat(human.getAlertTime()).isEqualTo(T0 + 50_000);
        assertThat(human.getSegment()).isEqualTo("vip");
        assertThat(human.getChannel()).isEqualTo("web");
        assertThat(human.getCustomerId()).isEqualTo("cust-1");
        assertThat(human.getReasons()).extracting(AlertReason::getSignal, AlertReason::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("human_requested", 1.0));
        assertThat(human.getPreview()).hasSize(2);
        assertThat(human.getPreview().get(1).getText()).contains("get me a person now");
        assertThat(human.getRisk()).isBetween(0.0, 1.0);
        assertThat(alerts.get(1).getReasons()).extracting(AlertReason::getValue).containsExactly(-0.6);
    }

    @Test
    void aRuleFiresOncePerCooldown() throws Exception {
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        Events.Conversation c = Events.conversation("c2");
        feed(c.started("standard"));
        assertThat(feed(c.after(10).customer("this is awful [s=-0.7]"))).extracting(TakeoverAlert::getRuleId)
                .containsExactly("angry");
        feed(c.after(5).ai("sorry", 0.9));
        assertThat(feed(c.after(60).customer("still awful [s=-0.8]"))).isEmpty();
        feed(c.after(5).ai("sorry again", 0.9));
        // 5 minutes after the first firing the cooldown is over
        c.at(T0 + 10_000 + 5 * MINUTE);
        assertThat(feed(c.customer("terrible [s=-0.9]"))).extracting(TakeoverAlert::getRuleId)
                .containsExactly("angry");
    }

    @Test
    void nothingFiresWhileAHumanHasTheConversationAndAlertsReArmAfterHandBack() throws Exception {
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        Events.Conversation c = Events.conversation("c3");
        feed(c.started("standard"));
        List<TakeoverAlert> first = feed(c.after(10).customer("bad [s=-0.6]"));
        assertThat(first).extracting(TakeoverAlert::getRuleId).containsExactly("angry");
        ConversationEvent takeover = c.after(20).takeover(TakeoverTrigger.ALERT, first.get(0).getAlertId());
        feed(takeover);
        assertThat(feed(c.after(600).customer("this is hopeless, I want a person [human] [s=-0.9]"))).isEmpty();
        // the stall rule is silent too, however long the customer waits while a human has it
        assertThat(advanceTo(c.now() + 30 * MINUTE)).isEmpty();

        List<TakeoverRecord> takeovers = side(ConversationScoringFunction.TAKEOVERS);
        assertThat(takeovers).hasSize(1);
        assertThat(takeovers.get(0).getAlertId()).isEqualTo(first.get(0).getAlertId());
        assertThat(takeovers.get(0).getAlertTime()).isEqualTo(first.get(0).getAlertTime());
        assertThat(takeovers.get(0).getEventId()).isEqualTo(takeover.getEventId());

        feed(c.after(30 * 60).agent("I have fixed it for you"));
        feed(c.after(30).customer("thank you [s=0.5]"));
        feed(c.after(10).agent("you are welcome"));
        // the request for a human was served by the agent: no alert for it at the hand-back
        assertThat(feed(c.after(10).handBack())).isEmpty();
        // re-armed: the rules are evaluated again from the hand-back on
        feed(c.after(10).ai("anything else?", 0.9));
        assertThat(feed(c.after(10).customer("yes, and this is bad again [s=-0.7]")))
                .extracting(TakeoverAlert::getRuleId).containsExactly("angry");
    }

    @Test
    void aStalledConversationAlertsOnATimerWithoutANewEvent() throws Exception {
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        Events.Conversation c = Events.conversation("c4");
        feed(c.started("standard"), c.after(60).customer("where is my refund? [s=-0.1]"));
        long waitingSince = c.now();
        assertThat(advanceTo(waitingSince + 3 * MINUTE - 1)).isEmpty();
        List<TakeoverAlert> alerts = advanceTo(waitingSince + 3 * MINUTE);
        assertThat(alerts).extracting(TakeoverAlert::getRuleId).containsExactly("stalled");
        TakeoverAlert a = alerts.get(0);
        long at = waitingSince + 3 * MINUTE;
        assertThat(a.getAlertTime()).isEqualTo(at);
        assertThat(a.getTriggerEventId()).isNull();
        assertThat(a.getAlertId()).isEqualTo(AlertFactory.alertId("c4", "stalled", 1, "timer:" + at));
        assertThat(a.getReasons()).extracting(AlertReason::getSignal).containsExactly("minutes_since_answer");
        // once per cooldown: the next check is at the end of the cooldown, and fires again if still waiting
        assertThat(advanceTo(at + 10 * MINUTE - 1)).isEmpty();
        assertThat(advanceTo(at + 10 * MINUTE)).extracting(TakeoverAlert::getRuleId).containsExactly("stalled");
    }

    @Test
    void anAnswerCancelsThePendingStallCheck() throws Exception {
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        Events.Conversation c = Events.conversation("c5");
        feed(c.started("standard"), c.after(60).customer("hello? [s=0]"));
        assertThat(harness.numEventTimeTimers()).isEqualTo(2); // stall check + abandon TTL
        feed(c.after(60).ai("here I am", 0.9));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // only the TTL
        assertThat(advanceTo(c.now() + 20 * MINUTE)).isEmpty();
    }

    @Test
    void aLaterDeadlineKeepsTheEarlierTimerWhichFiresEarlyAndWaitsForTheRealOne() throws Exception {
        harness.close();
        RuleSet rules = RulesLoader.parse("""
                rules:
                  - id: stalled
                    version: 1
                    severity: HIGH
                    conditions: [minutes_since_answer >= 3]
                    cooldown: 10m
                  - id: long
                    version: 1
                    severity: LOW
                    conditions: [elapsed_minutes >= 30]
                    cooldown: 30m
                """, "stall and duration rules");
        harness = open(new ConversationScoringFunction(rules, Events.scriptedScorer(), GRACE, TTL, "alert-rules"),
                null);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        Events.Conversation c = Events.conversation("c5b");
        feed(c.started("standard"));
        long start = c.now();
        feed(c.after(60).customer("hello? [s=0]")); // stall check due at start + 4 min
        feed(c.after(60).ai("here I am", 0.9)); // next due: the duration rule at start + 30 min
        feed(c.after(60).customer("and? [s=0]")); // stall check due at start + 6 min
        assertThat(harness.numEventTimeTimers()).as("the check set for start + 4 min, and the TTL").isEqualTo(2);

        assertThat(advanceTo(start + 4 * MINUTE)).as("fired early: nothing is due yet").isEmpty();
        assertThat(harness.numEventTimeTimers()).as("re-armed at the real deadline, and the TTL").isEqualTo(2);
        assertThat(advanceTo(start + 6 * MINUTE - 1)).isEmpty();
        List<TakeoverAlert> alerts = advanceTo(start + 6 * MINUTE);
        assertThat(alerts).extracting(TakeoverAlert::getRuleId).containsExactly("stalled");
        assertThat(alerts.get(0).getAlertTime()).isEqualTo(start + 6 * MINUTE);
        assertThat(alerts.get(0).getAlertId())
                .isEqualTo(AlertFactory.alertId("c5b", "stalled", 1, "timer:" + (start + 6 * MINUTE)));

        feed(c.after(4 * 60).ai("sorry for the wait", 0.9)); // answered at start + 7 min
        assertThat(advanceTo(start + 30 * MINUTE - 1)).as("the stall cooldown's check fired early too").isEmpty();
        assertThat(advanceTo(start + 30 * MINUTE)).extracting(TakeoverAlert::getRuleId).containsExactly("long");
        feed(c.after(30 * 60).ended(EndedBy.CUSTOMER));
        advanceTo(c.now() + GRACE);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anEndedConversationWritesItsSummaryAndItsStateIsGoneAfterTheGracePeriod() throws Exception {
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        Events.Conversation c = Events.conversation("c6");
        feed(c.started("cust-6", "enterprise", 5000, "app"), c.after(10).customer("bad [s=-0.6]"),
                c.after(5).ai("sorry", 0.8));
        ConversationEvent end = c.after(30).ended(EndedBy.CUSTOMER);
        feed(end);

        List<ConversationSummary> summaries = side(ConversationScoringFunction.SUMMARIES);
        assertThat(summaries).hasSize(1);
        ConversationSummary s = summaries.get(0);
        assertThat(s.getConversationId()).isEqualTo("c6");
        assertThat(s.getAbandoned()).isFalse();
        assertThat(s.getEndTime()).isEqualTo(end.getEventTime());
        assertThat(s.getEndedBy()).isEqualTo(EndedBy.CUSTOMER);
        assertThat(s.getAlertCount()).isEqualTo(1);
        assertThat(s.getAlertRuleIds()).containsExactly("angry");
        assertThat(s.getCustomerMessages()).isEqualTo(1);
        assertThat(s.getTranscript()).isNull();

        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        assertThat(keyedStateEntries()).isEqualTo(1); // the conversation with its cleanup timer
        // what waits out the grace is that it ended, not its texts or scores
        ConversationWithTimers kept = stored("c6");
        assertThat(kept.conversation).isNull();
        assertThat(kept.endedAt).isEqualTo(end.getEventTime());

        // stragglers during the grace period are dropped: no alert, no second summary
        assertThat(feed(c.after(10).customer("hello?? [human] [s=-0.9]"))).isEmpty();

        advanceTo(end.getEventTime() + GRACE - 1);
        assertThat(keyedStateEntries()).isEqualTo(1);
        advanceTo(end.getEventTime() + GRACE);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(side(ConversationScoringFunction.SUMMARIES)).hasSize(1);
    }

    @Test
    void anEndedConversationStoredWholeByAnEarlierVersionIsClosedAtItsNextEvent() throws Exception {
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        Events.Conversation c = Events.conversation("c20");
        // versions before the ended form kept the whole state of an ended conversation until its grace ran out
        ConversationState whole = new ConversationState();
        ConversationEvent end = c.after(20).ended(EndedBy.CUSTOMER);
        for (ConversationEvent e : List.of(c.started("vip"), c.after(10).customer("bad [s=-0.6]"), end)) {
            Events.scriptedScorer().apply(whole, e);
        }
        ConversationWithTimers old = new ConversationWithTimers(whole);
        old.checkTimer = end.getEventTime() + 1; // due before the straggler: nothing to check once ended
        old.cleanupTimer = end.getEventTime() + GRACE;
        store("c20", old);

        assertThat(feed(c.after(10).customer("still there? [human] [s=-0.9]"))).isEmpty();
        assertThat(side(ConversationScoringFunction.SUMMARIES)).isEmpty();
        ConversationWithTimers kept = stored("c20");
        assertThat(kept.conversation).isNull();
        assertThat(kept.endedAt).isEqualTo(end.getEventTime());
        assertThat(kept.checkTimer).isEqualTo(ConversationWithTimers.NONE);
        assertThat(kept.cleanupTimer).isEqualTo(end.getEventTime() + GRACE);
    }

    @Test
    void anAbandonedConversationIsClosedByTheTtlWithASummaryAndNothingLeft() throws Exception {
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        Events.Conversation c = Events.conversation("c7");
        feed(c.started("standard"), c.after(10).customer("hi [s=0.1]"));
        ConversationEvent last = c.after(5).ai("how can I help?", 0.9);
        feed(last);
        assertThat(keyedStateEntries()).isEqualTo(1);

        advanceTo(last.getEventTime() + TTL);
        List<ConversationSummary> summaries = side(ConversationScoringFunction.SUMMARIES);
        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).getAbandoned()).isTrue();
        assertThat(summaries.get(0).getEndTime()).isEqualTo(last.getEventTime());
        assertThat(summaries.get(0).getEndedBy()).isNull();
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aConversationStillTalkingOutlivesItsFirstTtlAndIsClosedOneTtlAfterItsLastEvent() throws Exception {
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        Events.Conversation c = Events.conversation("c9");
        ConversationEvent start = c.started("standard");
        feed(start);
        for (int i = 0; i < 4; i++) { // an exchange every 20 minutes: 100 minutes in all, longer than the TTL
            feed(c.after(20 * 60).ai("still checking, one moment", 0.9));
        }
        ConversationEvent last = c.after(20 * 60).ai("found it: your parcel left the depot", 0.9);
        feed(last);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the cleanup timer is not moved on every event

        advanceTo(start.getEventTime() + TTL); // the first deadline passes: alive, the timer re-arms
        assertThat(side(ConversationScoringFunction.SUMMARIES)).isEmpty();
        assertThat(keyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        advanceTo(last.getEventTime() + TTL - 1);
        assertThat(side(ConversationScoringFunction.SUMMARIES)).isEmpty();
        advanceTo(last.getEventTime() + TTL);
        assertThat(side(ConversationScoringFunction.SUMMARIES)).singleElement().satisfies(s -> {
            assertThat(s.getAbandoned()).isTrue();
            assertThat(s.getEndTime()).isEqualTo(last.getEventTime());
        });
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theTtlAlsoClearsAPendingStallCheck() throws Exception {
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        Events.Conversation c = Events.conversation("c8");
        feed(c.started("standard"), c.after(10).customer("hello [s=0]"));
        // the stall rule fires and re-arms every cooldown until the TTL closes the conversation
        List<TakeoverAlert> alerts = advanceTo(c.now() + TTL);
        assertThat(alerts).extracting(TakeoverAlert::getRuleId).containsOnly("stalled");
        assertThat(alerts).hasSize(6); // at 3, 13, 23, 33, 43, 53 minutes
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(side(ConversationScoringFunction.SUMMARIES)).singleElement()
                .satisfies(s -> assertThat(s.getAbandoned()).isTrue());
    }

    @Test
    void unknownConversationsOpenStateButALoneEndIsDropped() throws Exception {
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        // start never seen: scored anyway, customer fields unknown
        assertThat(feed(Events.customer("u1", "u1-e5", T0, "please a human [human]")))
                .extracting(TakeoverAlert::getRuleId, TakeoverAlert::getSegment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("human", null));
        // an end for a conversation without state: nothing to close, nothing kept
        feed(Events.ended("u2", "u2-e9", T0, EndedBy.SYSTEM, "timeout"));
        assertThat(side(ConversationScoringFunction.SUMMARIES)).isEmpty();
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        assertThat(backend.getKeys(ConversationScoringFunction.STATE_CONVERSATION, VoidNamespace.INSTANCE).toList())
                .containsExactly("u1");
    }

    @Test
    void ruleUpdatesTakeEffectInvalidOnesAreRefusedAndTombstonesRemoveRules() throws Exception {
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        Events.Conversation c = Events.conversation("c9");
        feed(c.started("standard"));
        assertThat(feed(c.after(10).customer("meh [s=-0.3]"))).isEmpty();
        feed(c.after(2).ai("ok", 0.9));

        // version 2 of 'angry' with a lower threshold
        harness.processBroadcastElement(RuleUpdate.upsert("angry",
                "{\"id\":\"angry\",\"version\":2,\"severity\":\"MEDIUM\",\"conditions\":[\"sentiment_last <= -0.2\"],\"cooldown\":\"5m\"}"),
                0L);
        List<TakeoverAlert> alerts = feed(c.after(8).customer("meh again [s=-0.3]"));
        feed(c.after(2).ai("ok", 0.9));
        assertThat(alerts).extracting(TakeoverAlert::getRuleId, TakeoverAlert::getRuleVersion,
                TakeoverAlert::getSeverity).containsExactly(org.assertj.core.groups.Tuple.tuple("angry", 2, Severity.MEDIUM));

        // refused: an older version, an unknown signal, a key that is not the rule's id
        harness.processBroadcastElement(RuleUpdate.upsert("angry",
                "{\"id\":\"angry\",\"version\":1,\"severity\":\"HIGH\",\"conditions\":[\"sentiment_last <= -0.9\"]}"), 0L);
        harness.processBroadcastElement(RuleUpdate.upsert("broken",
                "{\"id\":\"broken\",\"version\":1,\"severity\":\"HIGH\",\"conditions\":[\"mood < 3\"]}"), 0L);
        harness.processBroadcastElement(RuleUpdate.upsert("other",
                "{\"id\":\"human\",\"version\":5,\"severity\":\"LOW\",\"conditions\":[\"turns > 1\"]}"), 0L);
        List<RuleRejection> rejections = side(ConversationScoringFunction.RULE_REJECTIONS);
        assertThat(rejections).extracting(RuleRejection::getRuleId).containsExactly("angry", "broken", "other");
        assertThat(rejections.get(0).getReason()).contains("version").contains("lower than version 2");
        assertThat(rejections.get(1).getReason()).contains("mood");
        assertThat(rejections.get(2).getReason()).contains("does not match");
        assertThat(rejections.get(1).getUpdate()).contains("\"broken\"");
        assertThat(rejections.get(0).getSourceTopic()).isEqualTo("alert-rules");

        // the tombstone removes 'human'; version 2 of 'angry' is still in force (cooldown from its last firing)
        harness.processBroadcastElement(RuleUpdate.tombstone("human"), 0L);
        c.at(T0 + 20_000 + 5 * MINUTE);
        assertThat(feed(c.customer("a human! [human] [s=-0.25]"))).extracting(TakeoverAlert::getRuleId,
                TakeoverAlert::getRuleVersion).containsExactly(org.assertj.core.groups.Tuple.tuple("angry", 2));
    }

    @Test
    void conversationStateAndAcceptedRuleUpdatesSurviveARestore() throws Exception {
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        Events.Conversation c = Events.conversation("c10");
        feed(c.started("standard"), c.after(10).customer("awful [s=-0.8]"), c.after(1).ai("sorry", 0.9));
        harness.processBroadcastElement(RuleUpdate.tombstone("human"), 0L);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = open(snapshot);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        // still in the cooldown of 'angry' (state kept), and 'human' stays deleted (broadcast state kept)
        assertThat(feed(c.after(30).customer("awful, a human [human] [s=-0.8]"), c.after(1).ai("sorry", 0.9)))
                .isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        c.at(T0 + 10_000 + 5 * MINUTE);
        assertThat(feed(c.customer("awful [s=-0.8]"))).extracting(TakeoverAlert::getRuleId).containsExactly("angry");
    }

    /**
     * A snapshot taken by {@code earlier} (an operator of an earlier state layout) after {@code c} started in
     * {@code segment} and its customer asked something, unanswered; closes this test's harness first.
     */
    private OperatorSubtaskState snapshotOfAWaitingCustomer(
            KeyedBroadcastProcessFunction<String, IngestedEvent, RuleUpdate, TakeoverAlert> earlier,
            Events.Conversation c, String segment) throws Exception {
        harness.close();
        var old = open(earlier, null);
        for (ConversationEvent e : List.of(c.started(segment), c.after(10).customer("hello? [s=0]"))) {
            old.processElement(IngestedEvent.of(e, 0L), e.getEventTime());
        }
        OperatorSubtaskState snapshot = old.snapshot(1L, 1L);
        old.close();
        return snapshot;
    }

    /** Pending timer times, {@link ConversationWithTimers#NONE} for none. */
    record ArmedTimers(long check, long cleanup) {}

    /**
     * What the operator of earlier versions did per event, whatever its state layout: score the event, then arm
     * the stall check and the abandon timer unless they are pending.
     */
    static ArmedTimers scoreAndArm(com.takeover.scoring.ConversationScorer scorer, ConversationState state,
            IngestedEvent in, org.apache.flink.streaming.api.TimerService timers, long check, long cleanup)
            throws Exception {
        scorer.apply(state, in.event);
        var next = new com.takeover.rules.RuleEvaluator(scorer).nextTimeBasedCheck(state, rules(), in.event.getEventTime());
        if (next.isPresent() && check == ConversationWithTimers.NONE) {
            check = next.getAsLong();
            timers.registerEventTimeTimer(check);
        }
        if (cleanup == ConversationWithTimers.NONE) {
            cleanup = state.lastEventTime + TTL;
            timers.registerEventTimeTimer(cleanup);
        }
        return new ArmedTimers(check, cleanup);
    }

    private static long orNone(Long time) {
        return time == null ? ConversationWithTimers.NONE : time;
    }

    /**
     * The keyed state as versions before {@link ConversationWithTimers} kept it: the conversation, the check
     * and cleanup timer times in value states of their own. Enough of the old operator to take a snapshot
     * of that layout: it scores the events, registers the abandon timer and the stall check.
     */
    static final class LegacyLayout extends KeyedBroadcastProcessFunction<String, IngestedEvent, RuleUpdate,
            TakeoverAlert> {
        private final com.takeover.scoring.ConversationScorer scorer = Events.scriptedScorer();

        @Override
        public void processElement(IngestedEvent in, ReadOnlyContext ctx, Collector<TakeoverAlert> out)
                throws Exception {
            ValueState<ConversationState> conversation = getRuntimeContext().getState(new ValueStateDescriptor<>(
                    "conversation", TypeInformation.of(ConversationState.class)));
            ValueState<Long> checkTimer = getRuntimeContext().getState(
                    new ValueStateDescriptor<>("check-timer", Types.LONG));
            ValueState<Long> cleanupTimer = getRuntimeContext().getState(
                    new ValueStateDescriptor<>("cleanup-timer", Types.LONG));
            ConversationState state = conversation.value();
            if (state == null) {
                state = new ConversationState(in.event.getConversationId());
            }
            ArmedTimers armed = scoreAndArm(scorer, state, in, ctx.timerService(),
                    orNone(checkTimer.value()), orNone(cleanupTimer.value()));
            checkTimer.update(armed.check() == ConversationWithTimers.NONE ? null : armed.check());
            cleanupTimer.update(armed.cleanup());
            conversation.update(state);
        }

        @Override
        public void processBroadcastElement(RuleUpdate update, Context ctx, Collector<TakeoverAlert> out) {}
    }

    @Test
    void aSnapshotOfTheEarlierFourStateLayoutRestoresAndMovesToTheNewOne() throws Exception {
        Events.Conversation c = Events.conversation("c11");
        OperatorSubtaskState snapshot = snapshotOfAWaitingCustomer(new LegacyLayout(), c, "standard");
        long waitingSince = c.now();

        harness = open(snapshot);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        assertThat(harness.numEventTimeTimers()).as("the stall check and the abandon timer, restored").isEqualTo(2);
        // the restored stall check fires from the old layout's timer and state
        List<TakeoverAlert> stalled = advanceTo(waitingSince + 3 * MINUTE);
        assertThat(stalled).extracting(TakeoverAlert::getRuleId).containsExactly("stalled");
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        assertThat(backend.getKeys(ConversationScoringFunction.STATE_CONVERSATION, VoidNamespace.INSTANCE).toList())
                .containsExactly("c11");
        for (String old : List.of(ConversationScoringFunction.LEGACY_STATE_CONVERSATION,
                ConversationScoringFunction.LEGACY_STATE_CHECK_TIMER, ConversationScoringFunction.LEGACY_STATE_CLEANUP_TIMER)) {
            assertThat(backend.getKeys(old, VoidNamespace.INSTANCE).count()).as(old + " cleared once moved").isZero();
        }
        // the conversation goes on with what the old layout remembered (its segment), and the new one remembers
        // the cooldown of 'angry'
        c.at(waitingSince + 4 * MINUTE);
        assertThat(feed(c.customer("awful [s=-0.8]"))).extracting(TakeoverAlert::getRuleId, TakeoverAlert::getSegment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("angry", "standard"));
        c.at(waitingSince + 5 * MINUTE);
        assertThat(feed(c.customer("awful [s=-0.8]"))).isEmpty();
        // and is cleaned up by the abandon timer: state and timers back to zero
        advanceTo(c.now() + TTL);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /**
     * The keyed state as versions before {@link ConversationWithTimersSerializer} wrote it: the same
     * {@link ConversationWithTimers} under the same name, through Flink's POJO serializer. Scores the events and
     * registers the stall check and the abandon timer, as the operator does.
     */
    static final class PojoFormat extends KeyedBroadcastProcessFunction<String, IngestedEvent, RuleUpdate,
            TakeoverAlert> {
        private final com.takeover.scoring.ConversationScorer scorer = Events.scriptedScorer();

        @Override
        public void processElement(IngestedEvent in, ReadOnlyContext ctx, Collector<TakeoverAlert> out)
                throws Exception {
            ValueState<ConversationWithTimers> state = getRuntimeContext().getState(new ValueStateDescriptor<>(
                    ConversationScoringFunction.STATE_CONVERSATION, TypeInformation.of(ConversationWithTimers.class)));
            ConversationWithTimers c = state.value();
            if (c == null) {
                c = new ConversationWithTimers(new ConversationState(in.event.getConversationId()));
            }
            ArmedTimers armed = scoreAndArm(scorer, c.conversation, in, ctx.timerService(), c.checkTimer, c.cleanupTimer);
            c.checkTimer = armed.check();
            c.cleanupTimer = armed.cleanup();
            state.update(c);
        }

        @Override
        public void processBroadcastElement(RuleUpdate update, Context ctx, Collector<TakeoverAlert> out) {}
    }

    @Test
    void aSnapshotWrittenByThePojoSerializerRestoresAndTheNextOneIsInTheStateFormat() throws Exception {
        Events.Conversation c = Events.conversation("c12");
        OperatorSubtaskState pojoSnapshot = snapshotOfAWaitingCustomer(new PojoFormat(), c, "vip");
        long waitingSince = c.now();

        // 1. restored: the timers and what the conversation remembered come back
        harness = open(pojoSnapshot);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        assertThat(harness.numEventTimeTimers()).as("the stall check and the abandon timer, restored").isEqualTo(2);
        assertThat(advanceTo(waitingSince + 3 * MINUTE)).extracting(TakeoverAlert::getRuleId, TakeoverAlert::getSegment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("stalled", "vip"));

        // 2. the next snapshot is written by the state's own serializer, and restores in turn
        OperatorSubtaskState ownSnapshot = harness.snapshot(2L, 2L);
        harness.close();
        harness = open(ownSnapshot);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        c.at(waitingSince + 4 * MINUTE);
        assertThat(feed(c.customer("awful [s=-0.8]"))).extracting(TakeoverAlert::getRuleId, TakeoverAlert::getSegment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("angry", "vip"));
        // the customer waits again from minute 4: due at 7, but 'stalled' fired at 3 and cools down for 10
        assertThat(advanceTo(waitingSince + 8 * MINUTE)).as("'stalled' in its cooldown after two restores").isEmpty();
        // ('angry' too: its 5 minutes are over and the last message is still its -0.8)
        assertThat(advanceTo(waitingSince + 13 * MINUTE)).extracting(TakeoverAlert::getRuleId)
                .containsExactly("angry", "stalled");

        // 3. and is cleaned up by the abandon timer: state and timers back to zero
        advanceTo(c.now() + TTL);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void overlayLetsANewerRulesFileWinOverAnOlderStoredUpdate() throws Exception {
        RuleSet initial = rules().withRule(RulesLoader.parseRule(
                "{\"id\":\"angry\",\"version\":3,\"severity\":\"LOW\",\"conditions\":[\"sentiment_last <= -0.1\"]}"));
        String stored = "{\"id\":\"angry\",\"version\":2,\"severity\":\"HIGH\",\"conditions\":[\"sentiment_last <= -0.2\"]}";
        String newer = "{\"id\":\"stalled\",\"version\":4,\"severity\":\"LOW\",\"conditions\":[\"minutes_since_answer >= 9\"]}";
        RuleSet merged = ConversationScoringFunction.overlay(initial,
                java.util.Map.of("angry", stored, "stalled", newer, "human", "").entrySet());
        assertThat(merged.rule("angry").orElseThrow().getVersion()).isEqualTo(3);
        assertThat(merged.rule("stalled").orElseThrow().getVersion()).isEqualTo(4);
        assertThat(merged.rule("human")).isEmpty();
    }
}
