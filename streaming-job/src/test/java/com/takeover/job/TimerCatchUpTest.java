package com.takeover.job;

import static com.takeover.testing.Events.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.EndedBy;
import com.takeover.schema.TakeoverAlert;
import com.takeover.testing.Events;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * A conversation's own timers fire before its next, later event even when event time (the minimum over all
 * partitions) has not reached them yet: the outcome must not depend on how far other partitions have got.
 * Each scenario runs twice, once with the watermark ahead of the events and once lagging behind, and must
 * give the same alerts and summaries.
 */
class TimerCatchUpTest {

    record Outcome(List<TakeoverAlert> alerts, List<ConversationSummary> summaries) {}

    private static Outcome run(List<ConversationEvent> events, boolean watermarkAhead) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, IngestedEvent, RuleUpdate, TakeoverAlert> h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(ConversationScoringFunctionTest.function(),
                        e -> e.event.getConversationId(), Types.STRING, ConversationScoringFunction.RULES);
        try {
            h.processBroadcastWatermark(Long.MAX_VALUE);
            for (ConversationEvent e : events) {
                if (watermarkAhead) {
                    // another partition far ahead: event time just below this event
                    h.processWatermark(e.getEventTime() - 1);
                }
                h.processElement(IngestedEvent.of(e, 0L), e.getEventTime());
            }
            h.processWatermark(Long.MAX_VALUE);
            var summaries = h.getSideOutput(ConversationScoringFunction.SUMMARIES);
            return new Outcome(new ArrayList<>(h.extractOutputValues()),
                    summaries == null ? List.of() : summaries.stream().map(StreamRecord::getValue).toList());
        } finally {
            h.close();
        }
    }

    @Test
    void aStallCheckDueBeforeTheAnswerFiresWhateverTheWatermark() throws Exception {
        Events.Conversation c = Events.conversation("c1");
        ConversationEvent start = c.started("standard");
        ConversationEvent asks = c.after(10).customer("where is my refund? [s=-0.1]");
        // answered 5 minutes later: the 3-minute stall check was due before the answer
        List<ConversationEvent> events = List.of(start, asks, c.after(300).ai("here it is", 0.9),
                c.after(20).customer("thanks [s=0.5]"), c.after(5).ai("bye", 0.9));

        Outcome ahead = run(events, true);
        Outcome lagging = run(events, false);
        assertThat(ahead.alerts()).extracting(TakeoverAlert::getRuleId, TakeoverAlert::getAlertTime)
                .containsExactly(tuple("stalled", asks.getEventTime() + 3 * MINUTE));
        assertThat(lagging).isEqualTo(ahead);
    }

    @Test
    void aConversationSilentLongerThanTheTtlIsClosedBeforeItsNextEventWhateverTheWatermark() throws Exception {
        Events.Conversation c = Events.conversation("c2");
        ConversationEvent start = c.started("vip");
        ConversationEvent last = c.after(10).customer("hello [s=0.2]");
        ConversationEvent answer = c.after(5).ai("hi", 0.9);
        // back after more than the TTL (60 minutes): the old state is closed as abandoned first
        ConversationEvent late = c.after(61 * 60).customer("still there? get me a human [human]");
        List<ConversationEvent> events = List.of(start, last, answer, late);

        Outcome ahead = run(events, true);
        Outcome lagging = run(events, false);
        assertThat(ahead.summaries()).extracting(ConversationSummary::getAbandoned, ConversationSummary::getEndTime)
                .containsExactly(tuple(true, answer.getEventTime()),
                        tuple(true, late.getEventTime()));
        // the late message opened a new, start-less state: its alerts have no segment
        assertThat(ahead.alerts()).filteredOn(a -> a.getRuleId().equals("human")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.getSegment()).isNull())
                .first().satisfies(a -> assertThat(a.getTriggerEventId()).isEqualTo(late.getEventId()));
        assertThat(lagging).isEqualTo(ahead);
    }

    @Test
    void anEventAfterTheGracePeriodOfAnEndedConversationFindsItsStateGoneWhateverTheWatermark() throws Exception {
        Events.Conversation c = Events.conversation("c3");
        List<ConversationEvent> events = List.of(c.started("standard"), c.after(10).customer("ok [s=0.1]"),
                c.after(5).ended(EndedBy.CUSTOMER),
                // within the grace period: dropped
                c.after(60).customer("one more thing [human]"),
                // after the grace period (5 minutes): the state is gone, a lone end is dropped
                c.after(10 * 60).ended(EndedBy.SYSTEM));

        Outcome ahead = run(events, true);
        Outcome lagging = run(events, false);
        assertThat(ahead.alerts()).isEmpty();
        assertThat(ahead.summaries()).singleElement().satisfies(s -> assertThat(s.getAbandoned()).isFalse());
        assertThat(lagging).isEqualTo(ahead);
    }
}
