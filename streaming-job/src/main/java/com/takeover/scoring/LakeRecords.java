package com.takeover.scoring;

import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.Takeover;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverRecord;
import java.util.List;

/** The lake rows built from a conversation's state. */
public final class LakeRecords {
    private LakeRecords() {}

    /**
     * The conversations/ row. {@code endTime}: the end event's time, or the last event time for a conversation
     * closed by the inactivity TTL ({@code abandoned}). The transcript is included only when the config keeps it.
     */
    public static ConversationSummary summary(ConversationState s, long endTime, boolean abandoned, ScoringConfig cfg) {
        return ConversationSummary.newBuilder()
                .setConversationId(s.conversationId)
                .setCustomerId(s.customerId)
                .setSegment(s.segment)
                .setCustomerValue(s.startSeen ? s.customerValue : null)
                .setChannel(s.channel)
                .setLanguage(s.language)
                .setStartTime(s.startTime)
                .setEndTime(endTime)
                .setAbandoned(abandoned)
                .setEndedBy(abandoned ? null : s.endedBy)
                .setEndReason(abandoned ? null : s.endReason)
                .setTopic(s.topic)
                .setTopics(s.topics())
                .setSensitiveTopic(s.sensitive)
                .setCustomerMessages(s.customerMessages)
                .setAiMessages(s.aiMessages)
                .setAgentMessages(s.agentMessages)
                .setLowConfidenceAnswers(s.lowConfidenceAnswers)
                .setHumanRequested(s.humanRequested)
                .setAtEnd(Signals.snapshot(s, endTime, cfg).toAvro())
                .setAtDecision(s.decisionSnapshot == null ? null : s.decisionSnapshot.toAvro())
                .setMaxRisk(s.maxRisk)
                .setAlertCount(s.alertCount)
                .setAlertRuleIds(s.alertRules())
                .setFirstAlertId(s.firstAlertId)
                .setFirstAlertTime(s.firstAlertTime)
                .setTakenOver(s.everTakenOver)
                .setTakeoverTime(s.takeoverTime)
                .setTakeoverAgentId(s.takeoverAgentId)
                .setTakeoverTrigger(s.takeoverTrigger)
                .setTakeoverMode(s.takeoverMode)
                .setTakeoverAlertId(s.takeoverAlertId)
                .setHandedBack(s.handedBack)
                .setTranscript(cfg.keepTranscript() ? s.transcript() : null)
                .build();
    }

    /**
     * The alerts/ row when the lake keeps no message text: the alert without its masked preview. A copy: with
     * object reuse the same alert object also goes to Kafka, where supervisors need the preview.
     */
    public static TakeoverAlert withoutPreview(TakeoverAlert alert) {
        // Field by field, sharing the values: the builder's copy deep-copied every reason (3.6% of the scoring
        // core). Nothing downstream changes an alert, so the shared reasons stay as they were built.
        return new TakeoverAlert(alert.getAlertId(), alert.getConversationId(), alert.getRuleId(),
                alert.getRuleVersion(), alert.getSeverity(), alert.getAlertTime(), alert.getTriggerEventId(),
                alert.getRisk(), alert.getReasons(), alert.getCustomerId(), alert.getSegment(), alert.getTopic(),
                alert.getChannel(), List.of(), alert.getSourceTimestamp());
    }

    /**
     * The takeovers/ row for a takeover event. Call it after {@link ConversationScorer#apply} has applied that
     * event: the signals are the ones the state captured at that takeover.
     */
    public static TakeoverRecord takeover(ConversationState s, ConversationEvent takeoverEvent) {
        if (!(takeoverEvent.getPayload() instanceof Takeover tk)) {
            throw new IllegalArgumentException("event " + takeoverEvent.getEventId() + " is not a takeover");
        }
        if (s.lastTakeoverSnapshot == null || !takeoverEvent.getEventId().equals(s.lastTakeoverEventId)) {
            throw new IllegalStateException("takeover event " + takeoverEvent.getEventId()
                    + " was not applied to the state of conversation " + s.conversationId);
        }
        return TakeoverRecord.newBuilder()
                .setConversationId(takeoverEvent.getConversationId())
                .setEventId(takeoverEvent.getEventId())
                .setTakeoverTime(takeoverEvent.getEventTime())
                .setAgentId(tk.getAgentId())
                .setTrigger(tk.getTrigger())
                .setAlertId(tk.getAlertId())
                .setAlertTime(s.alertTime(tk.getAlertId()))
                .setMode(tk.getMode())
                .setTransition(tk.getTransition())
                .setSegment(s.segment)
                .setTopic(s.lastTakeoverSnapshot.topic)
                .setChannel(s.channel)
                .setSignals(s.lastTakeoverSnapshot.toAvro())
                .build();
    }
}
