package com.takeover.batch.testing;

import com.takeover.batch.lake.LakeFiles;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.ResolutionOutcome;
import com.takeover.schema.Severity;
import com.takeover.schema.SignalSnapshot;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverMode;
import com.takeover.schema.TakeoverRecord;
import com.takeover.schema.TakeoverTransition;
import com.takeover.schema.TakeoverTrigger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A lake small enough to compute every report by hand (see ReportsFixtureTest for the numbers).
 * Report date D = 2024-06-10, risk strata [0, 0.5) and [0.5, 1].
 */
public final class HandLake {
    public static final LocalDate D = LocalDate.of(2024, 6, 10);
    static final long MIN = 60_000L;
    static final long HOUR = 3_600_000L;

    private final List<ConversationSummary> conversations = new ArrayList<>();
    private final List<TakeoverAlert> alerts = new ArrayList<>();
    private final List<TakeoverRecord> takeovers = new ArrayList<>();
    private final List<ResolutionOutcome> outcomes = new ArrayList<>();

    public static long at(LocalDate d, int hour, int minute) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + hour * HOUR + minute * MIN;
    }

    static SignalSnapshot snap(long time, double risk, int turns, long elapsed, boolean human) {
        return SignalSnapshot.newBuilder().setTime(time).setRisk(risk).setTurns(turns).setElapsedMs(elapsed)
                .setHumanRequested(human).setSensitiveTopic(false).build();
    }

    /** Conversation started at {@code start} (10 minutes long) with the given flags. */
    HandLake conversation(String id, LocalDate day, String topic, String channel, double risk, boolean takenOver,
            boolean human, int lowConfidence, List<String> rules, Long firstAlert, Long takeoverTime) {
        long start = at(day, 10, 0) + conversations.size() * HOUR / 4;
        conversations.add(ConversationSummary.newBuilder().setConversationId(id).setSegment("standard")
                .setChannel(channel).setStartTime(start).setEndTime(start + 20 * MIN).setAbandoned(false)
                .setTopic(topic).setCustomerMessages(4).setAiMessages(4).setAgentMessages(takenOver ? 2 : 0)
                .setLowConfidenceAnswers(lowConfidence).setHumanRequested(human)
                .setAtEnd(snap(start + 20 * MIN, risk, 4, 20 * MIN, human))
                .setAtDecision(takenOver || firstAlert != null ? snap(start, risk, 2, MIN, human) : null)
                .setMaxRisk(risk).setAlertCount(rules.size()).setAlertRuleIds(rules).setFirstAlertTime(firstAlert)
                .setTakenOver(takenOver).setTakeoverTime(takeoverTime).build());
        return this;
    }

    long start(String id) {
        return conversations.stream().filter(c -> c.getConversationId().equals(id)).findFirst().orElseThrow().getStartTime();
    }

    HandLake outcome(String id, boolean resolved, Integer csat, boolean reopened, Long ttrHours, long knownAt) {
        outcomes.add(ResolutionOutcome.newBuilder().setConversationId(id).setResolved(resolved).setCsat(csat)
                .setReopened(reopened).setTimeToResolutionMs(ttrHours == null ? null : ttrHours * HOUR)
                .setKnownAt(knownAt).build());
        return this;
    }

    HandLake alert(String alertId, String conv, String rule, long time) {
        alerts.add(TakeoverAlert.newBuilder().setAlertId(alertId).setConversationId(conv).setRuleId(rule).setRuleVersion(1)
                .setSeverity(Severity.HIGH).setAlertTime(time).setRisk(0.8).setReasons(List.of()).setPreview(List.of())
                .build());
        return this;
    }

    HandLake takeover(String conv, String eventId, long time, int turns, long elapsed, double risk) {
        takeovers.add(TakeoverRecord.newBuilder().setConversationId(conv).setEventId(eventId).setTakeoverTime(time)
                .setAgentId("agent-1").setTrigger(TakeoverTrigger.MANUAL).setMode(TakeoverMode.FULL)
                .setTransition(TakeoverTransition.ANNOUNCED).setSignals(snap(time, risk, turns, elapsed, false)).build());
        return this;
    }

    /** The fixture every hand-computed test uses. */
    public static void write(Path lake) throws IOException {
        HandLake h = new HandLake();
        LocalDate prev = D.minusDays(1);
        h.conversation("c0", prev, "billing", "chat", 0.2, false, true, 0, List.of(), null, null);
        // low-risk stratum
        h.conversation("c1", D, "billing", "chat", 0.2, false, false, 0, List.of(), null, null);
        h.conversation("c2", D, "billing", "chat", 0.2, false, false, 2, List.of("low-confidence"), at(D, 10, 20), null);
        h.conversation("c3", D, "billing", "chat", 0.2, false, false, 0, List.of(), null, null);
        h.conversation("c4", D, "billing", "chat", 0.2, true, false, 0, List.of(), null, at(D, 11, 0) + 30_000);
        // high-risk stratum
        h.conversation("c5", D, "billing", "chat", 0.8, false, true, 3, List.of("risk-high"), at(D, 11, 20), null);
        h.conversation("c6", D, "billing", "chat", 0.8, false, false, 0, List.of(), null, null);
        h.conversation("c7", D, "billing", "chat", 0.8, true, false, 0, List.of("risk-high"), at(D, 11, 50), at(D, 11, 52));
        h.conversation("c8", D, "billing", "chat", 0.8, true, false, 0, List.of("risk-high"), at(D, 12, 0), at(D, 12, 10));
        h.conversation("c9", D, "billing", "chat", 0.8, true, true, 0, List.of("human-request"), at(D, 12, 15), at(D, 12, 16));
        h.conversation("c10", D, "billing", "chat", 0.6, true, false, 0, List.of(), null, at(D, 12, 32));
        h.conversation("c11", D, "delivery", "web", 0.2, false, false, 0, List.of(), null, null);

        long known = at(D, 20, 0);
        h.outcome("c0", false, null, false, null, at(prev, 20, 0));
        h.outcome("c1", true, 5, false, 2L, known);
        h.outcome("c2", false, 2, false, null, known);
        h.outcome("c3", true, null, false, 4L, known);
        h.outcome("c4", true, 4, true, 1L, known);
        h.outcome("c5", false, 1, false, null, known);
        h.outcome("c6", false, 1, false, null, at(D, 13, 0)); // restated below: the later one wins
        h.outcome("c6", true, 3, false, 3L, at(D, 15, 0));
        h.outcome("c7", true, 5, false, 1L, known);
        h.outcome("c8", true, 4, false, 1L, known);
        h.outcome("c9", false, 2, false, null, known);
        h.outcome("c10", true, 5, false, 1L, at(D.plusDays(1), 9, 0)); // known after the run date: still pending
        h.outcome("c11", true, null, false, 3L, known);
        h.outcome("ghost", true, null, false, 1L, known); // no such conversation

        h.alert("a1", "c5", "risk-high", at(D, 11, 20));
        h.alert("a2", "c7", "risk-high", at(D, 11, 50));
        h.alert("a2", "c7", "risk-high", at(D, 11, 50)); // replayed duplicate
        h.alert("a3", "c8", "risk-high", at(D, 12, 0));
        h.alert("a4", "c9", "human-request", at(D, 12, 15));
        h.alert("a5", "c2", "low-confidence", at(D, 10, 20));

        h.takeover("c4", "t4", at(D, 11, 0) + 30_000, 2, 30_000, 0.2);
        h.takeover("c7", "t7", at(D, 11, 52), 4, 4 * MIN, 0.8);
        h.takeover("c7", "t7b", at(D, 12, 5), 12, 17 * MIN, 0.9); // second takeover after a hand-back: ignored
        h.takeover("c8", "t8", at(D, 12, 10), 6, 6 * MIN, 0.75);
        h.takeover("c9", "t9", at(D, 12, 16), 10, 12 * MIN, 0.95);
        h.takeover("c10", "t10", at(D, 12, 32), 3, 2 * MIN, 0.6);

        LakeFiles.writePartitioned(lake, "conversations", "part-00000.parquet", ConversationSummary.getClassSchema(),
                h.conversations, ConversationSummary::getEndTime);
        LakeFiles.writePartitioned(lake, "alerts", "part-00000.parquet", TakeoverAlert.getClassSchema(), h.alerts,
                TakeoverAlert::getAlertTime);
        LakeFiles.writePartitioned(lake, "takeovers", "part-00000.parquet", TakeoverRecord.getClassSchema(), h.takeovers,
                TakeoverRecord::getTakeoverTime);
        LakeFiles.writePartitioned(lake, "outcomes", "part-00000.parquet", ResolutionOutcome.getClassSchema(), h.outcomes,
                ResolutionOutcome::getKnownAt);
    }
}
