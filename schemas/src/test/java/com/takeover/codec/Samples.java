package com.takeover.codec;

import com.takeover.schema.AgentMessage;
import com.takeover.schema.AiMessage;
import com.takeover.schema.AlertReason;
import com.takeover.schema.AlertRule;
import com.takeover.schema.AlertRuleSet;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationStarted;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.CustomerMessage;
import com.takeover.schema.EndedBy;
import com.takeover.schema.HandBack;
import com.takeover.schema.PreviewMessage;
import com.takeover.schema.ResolutionOutcome;
import com.takeover.schema.RuleCondition;
import com.takeover.schema.RuleScope;
import com.takeover.schema.Severity;
import com.takeover.schema.SignalSnapshot;
import com.takeover.schema.Speaker;
import com.takeover.schema.Takeover;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverMode;
import com.takeover.schema.TakeoverRecord;
import com.takeover.schema.TakeoverTransition;
import com.takeover.schema.TakeoverTrigger;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/** One realistic record of every kind the codecs carry. */
final class Samples {

    static final long T0 = 1_700_000_000_000L;

    private Samples() {
    }

    static ConversationEvent event(String eventId, long time, Object payload) {
        return ConversationEvent.newBuilder()
                .setEventId(eventId).setConversationId("c1").setEventTime(time).setPayload(payload).build();
    }

    static ConversationEvent started() {
        return event("e0", T0, ConversationStarted.newBuilder()
                .setCustomerId("cust-42").setSegment("vip").setCustomerValue(125_000.5)
                .setChannel("web").setLanguage("de-CH").build());
    }

    static ConversationEvent customerMessage() {
        return event("e1", T0, CustomerMessage.newBuilder().setText("where is my order?").build());
    }

    static ConversationEvent angryCustomerMessage() {
        return event("e2", T0 + 1_000, CustomerMessage.newBuilder()
                .setText("Wo ist meine Bestellung?! Dritte Anfrage 😡 — \"sofort\"\n").build());
    }

    static ConversationEvent aiMessage() {
        return event("e3", T0 + 2_000, AiMessage.newBuilder()
                .setText("Your parcel left the warehouse yesterday.").setConfidence(0.42).setIntent("order_status").build());
    }

    static ConversationEvent aiMessageWithoutIntent() {
        return event("e4", T0 + 3_000, AiMessage.newBuilder().setText("Let me check.").setConfidence(0.9).build());
    }

    static ConversationEvent agentMessage() {
        return event("e5", T0 + 4_000, AgentMessage.newBuilder().setAgentId("agent-7").setText("Hi, I'm Sam. Let me look.").build());
    }

    static ConversationEvent takeover() {
        return event("e6", T0 + 5_000, Takeover.newBuilder()
                .setAgentId("agent-7").setTrigger(TakeoverTrigger.ALERT).setAlertId("a-123")
                .setMode(TakeoverMode.CO_PILOT).setTransition(TakeoverTransition.SILENT).build());
    }

    static ConversationEvent handBack() {
        return event("e7", T0 + 6_000, HandBack.newBuilder().setAgentId("agent-7").build());
    }

    static ConversationEvent ended() {
        return event("e8", T0 + 7_000, ConversationEnded.newBuilder().setEndedBy(EndedBy.CUSTOMER).setReason("resolved").build());
    }

    static List<ConversationEvent> events() {
        return List.of(started(), customerMessage(), angryCustomerMessage(), aiMessage(), aiMessageWithoutIntent(),
                agentMessage(), takeover(), handBack(), ended());
    }

    static AlertReason reason(String signal, String op, double value, double threshold, String text) {
        return AlertReason.newBuilder().setSignal(signal).setOperator(op).setValue(value).setThreshold(threshold)
                .setDescription(text).build();
    }

    static TakeoverAlert alert() {
        return TakeoverAlert.newBuilder()
                .setAlertId("a-123").setConversationId("c1").setRuleId("sentiment-drop").setRuleVersion(3)
                .setSeverity(Severity.HIGH).setAlertTime(T0 + 2_500).setTriggerEventId("e2").setRisk(0.81)
                .setReasons(List.of(
                        reason("sentiment_avg", "<", -0.55, -0.4, "sentiment fell from +0.40 to -0.70 over 3 messages"),
                        reason("sentiment_slope", "<", -0.3, -0.2, "steady slide"),
                        reason("human_requested", "==", 1, 1, "customer asked for a human")))
                .setCustomerId("cust-42").setSegment("vip").setTopic("order_status").setChannel("web")
                .setPreview(List.of(
                        preview(Speaker.CUSTOMER, T0, "where is my order? mail me at [email]"),
                        preview(Speaker.AI, T0 + 2_000, "Your parcel left the warehouse yesterday.")))
                .build();
    }

    static TakeoverAlert timerAlert() {
        return TakeoverAlert.newBuilder()
                .setAlertId("a-124").setConversationId("c2").setRuleId("stalled").setRuleVersion(1)
                .setSeverity(Severity.LOW).setAlertTime(T0 + 600_000).setRisk(0.2)
                .setReasons(List.of(reason("minutes_since_answer", ">", 10, 5, "no answer for 10 minutes")))
                .setPreview(List.of())
                .build();
    }

    static PreviewMessage preview(Speaker speaker, long time, String text) {
        return PreviewMessage.newBuilder().setSpeaker(speaker).setTime(time).setText(text).build();
    }

    static SignalSnapshot snapshot(long time, double risk) {
        return SignalSnapshot.newBuilder()
                .setTime(time).setRisk(risk).setSentimentLast(-0.7).setSentimentAvg(-0.55).setSentimentMin(-0.7)
                .setSentimentSlope(-0.3).setAiConfidenceLast(0.42).setAiConfidenceMin(0.42).setAiConfidenceAvg(0.6)
                .setTurns(3).setElapsedMs(120_000).setHumanRequested(true).setTopic("order_status").setSensitiveTopic(false)
                .build();
    }

    static SignalSnapshot emptySnapshot(long time) {
        return SignalSnapshot.newBuilder().setTime(time).setRisk(0).setTurns(0).setElapsedMs(0)
                .setHumanRequested(false).setSensitiveTopic(false).build();
    }

    static ConversationSummary summary() {
        return ConversationSummary.newBuilder()
                .setConversationId("c1").setCustomerId("cust-42").setSegment("vip").setCustomerValue(125_000.5)
                .setChannel("web").setLanguage("de-CH").setStartTime(T0).setEndTime(T0 + 7_000).setAbandoned(false)
                .setEndedBy(EndedBy.CUSTOMER).setEndReason("resolved").setTopic("order_status")
                .setTopics(List.of("order_status", "complaint")).setSensitiveTopic(true)
                .setCustomerMessages(3).setAiMessages(2).setAgentMessages(1).setLowConfidenceAnswers(1).setHumanRequested(true)
                .setAtEnd(snapshot(T0 + 7_000, 0.3)).setAtDecision(snapshot(T0 + 5_000, 0.81)).setMaxRisk(0.81)
                .setAlertCount(2).setAlertRuleIds(List.of("sentiment-drop", "vip")).setFirstAlertId("a-123")
                .setFirstAlertTime(T0 + 2_500).setTakenOver(true).setTakeoverTime(T0 + 5_000).setTakeoverAgentId("agent-7")
                .setTakeoverTrigger(TakeoverTrigger.ALERT).setTakeoverMode(TakeoverMode.CO_PILOT).setTakeoverAlertId("a-123")
                .setHandedBack(true)
                .setTranscript(List.of(preview(Speaker.CUSTOMER, T0, "where is my order?"),
                        preview(Speaker.AGENT, T0 + 4_000, "Hi, I'm Sam.")))
                .build();
    }

    static ConversationSummary abandonedSummary() {
        return ConversationSummary.newBuilder()
                .setConversationId("c9").setStartTime(T0).setEndTime(T0 + 60_000).setAbandoned(true)
                .setCustomerMessages(1).setAiMessages(0).setAgentMessages(0).setHumanRequested(false)
                .setAtEnd(emptySnapshot(T0 + 60_000)).setAlertCount(0).setTakenOver(false)
                .build();
    }

    static ResolutionOutcome outcome() {
        return ResolutionOutcome.newBuilder()
                .setConversationId("c1").setTicketId("T-981").setResolved(true).setCsat(4).setReopened(false)
                .setReopenWindowDays(7).setTimeToResolutionMs(7_000L).setEscalated(false).setKnownAt(T0 + 86_400_000L)
                .build();
    }

    static ResolutionOutcome unsurveyedOutcome() {
        return ResolutionOutcome.newBuilder().setConversationId("c9").setResolved(false).setKnownAt(T0 + 3 * 86_400_000L).build();
    }

    static AlertRule rule() {
        return AlertRule.newBuilder()
                .setId("vip-sentiment").setVersion(2).setEnabled(true).setSeverity(Severity.CRITICAL)
                .setDescription("VIP customers getting upset during office hours")
                .setScope(RuleScope.newBuilder().setSegments(List.of("vip", "enterprise")).setTopics(List.of("sensitive"))
                        .setChannels(List.of()).setTimeZone("Europe/Berlin").setDays(List.of("MON", "TUE", "WED"))
                        .setFromTime("08:00").setToTime("18:00").build())
                .setMatch("any")
                .setConditions(List.of(
                        RuleCondition.newBuilder().setSignal("sentiment_avg").setOperator("<").setThreshold(-0.3).build(),
                        RuleCondition.newBuilder().setSignal("human_requested").setOperator("==").setThreshold(1).build()))
                .setCooldownMs(300_000)
                .build();
    }

    static AlertRuleSet ruleSet() {
        AlertRule lowConfidence = AlertRule.newBuilder()
                .setId("low-confidence").setVersion(1).setSeverity(Severity.MEDIUM)
                .setConditions(List.of(RuleCondition.newBuilder().setSignal("ai_confidence_min").setOperator("<").setThreshold(0.3).build()))
                .build();
        return AlertRuleSet.newBuilder().setRules(List.of(rule(), lowConfidence)).build();
    }

    static TakeoverRecord takeoverRecord() {
        return TakeoverRecord.newBuilder()
                .setConversationId("c1").setEventId("e6").setTakeoverTime(T0 + 5_000).setAgentId("agent-7")
                .setTrigger(TakeoverTrigger.ALERT).setAlertId("a-123").setAlertTime(T0 + 2_500)
                .setMode(TakeoverMode.FULL).setTransition(TakeoverTransition.ANNOUNCED)
                .setSegment("vip").setTopic("order_status").setChannel("web").setSignals(snapshot(T0 + 5_000, 0.81))
                .build();
    }

    /** Every sample, each event kind and every other record type. */
    static Stream<SpecificRecord> all() {
        return Stream.concat(events().stream(), Stream.of(alert(), timerAlert(), summary(), abandonedSummary(), outcome(),
                unsurveyedOutcome(), rule(), ruleSet(), takeoverRecord()));
    }
}
