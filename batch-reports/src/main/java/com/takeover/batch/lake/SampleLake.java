package com.takeover.batch.lake;

import com.takeover.schema.AlertReason;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.EndedBy;
import com.takeover.schema.ResolutionOutcome;
import com.takeover.schema.Severity;
import com.takeover.schema.SignalSnapshot;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverMode;
import com.takeover.schema.TakeoverRecord;
import com.takeover.schema.TakeoverTransition;
import com.takeover.schema.TakeoverTrigger;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated lake with a known answer: supervisors take over the high-risk conversations (which
 * end worse regardless), and a takeover adds a planted amount to the chance of resolution. The
 * naive comparison is biased; the risk-adjusted one should recover the planted effect. Used by
 * tests and for trying the reports without the streaming job.
 */
public final class SampleLake {

    /**
     * @param effect planted change in P(resolved) from a takeover, for topics not in {@code topicEffects}
     * @param confounding strength of "supervisors take over risky conversations": P(takeover) = 0.02 + confounding·risk³
     */
    public record Config(LocalDate from, int days, int conversationsPerDay, long seed, double effect,
            Map<String, Double> topicEffects, double confounding) {
        public static Config demo(LocalDate from, int days, int perDay) {
            return new Config(from, days, perDay, 42, 0.12,
                    Map.of("technical", 0.25, "delivery", 0.0, "cancellation", -0.08), 0.9);
        }
    }

    /** What was generated (for tests: the planted truth and the counts). */
    public record Summary(int conversations, int takenOver, int alerts, int outcomes, int pendingOutcomes,
            int restatedOutcomes, int orphanOutcomes) {}

    static final String[] TOPICS = {"billing", "delivery", "returns", "account", "technical", "cancellation"};
    static final double[] TOPIC_WEIGHT = {0.28, 0.22, 0.15, 0.13, 0.14, 0.08};
    static final double[] TOPIC_RISK_EXP = {1.4, 1.1, 1.3, 1.5, 0.8, 0.7};
    static final String[] SEGMENTS = {"standard", "vip", "enterprise"};
    static final double[] SEGMENT_WEIGHT = {0.7, 0.12, 0.18};
    static final String[] CHANNELS = {"chat", "web", "app"};
    static final double[] CHANNEL_WEIGHT = {0.5, 0.3, 0.2};

    private SampleLake() {}

    public static Summary write(Path lake, Config c) throws IOException {
        return write(lake, c, null);
    }

    /** Writes the lake; outcomes go to {@code <lake>/outcomes/} or, with {@code outcomesCsv}, to that CSV file. */
    public static Summary write(Path lake, Config c, Path outcomesCsv) throws IOException {
        Random rnd = new Random(c.seed());
        List<ConversationSummary> conversations = new ArrayList<>();
        List<TakeoverAlert> alerts = new ArrayList<>();
        List<TakeoverRecord> takeovers = new ArrayList<>();
        List<ResolutionOutcome> outcomes = new ArrayList<>();
        int pending = 0;
        int restated = 0;
        int orphans = 0;
        int taken = 0;
        int n = 0;
        for (int day = 0; day < c.days(); day++) {
            long dayStart = c.from().plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            for (int i = 0; i < c.conversationsPerDay(); i++) {
                n++;
                String id = String.format("c-%s-%05d", c.from().plusDays(day), i);
                int t = pick(rnd, TOPIC_WEIGHT);
                String topic = TOPICS[t];
                String segment = SEGMENTS[pick(rnd, SEGMENT_WEIGHT)];
                String channel = CHANNELS[pick(rnd, CHANNEL_WEIGHT)];
                double risk = Math.pow(rnd.nextDouble(), TOPIC_RISK_EXP[t]);
                long start = dayStart + (long) (rnd.nextDouble() * 22 * 3_600_000L);
                int turns = 3 + rnd.nextInt(12);
                long duration = (3 + rnd.nextInt(23)) * 60_000L;
                long end = start + duration;
                boolean humanRequested = rnd.nextDouble() < 0.04 + 0.35 * risk;

                // Alerts: a precise risk rule, the human-request rule, and a noisy low-confidence rule
                List<String> fired = new ArrayList<>();
                List<Long> firedAt = new ArrayList<>();
                if (risk > 0.55 && rnd.nextDouble() < 0.9) {
                    fired.add("risk-high");
                }
                if (humanRequested && rnd.nextDouble() < 0.95) {
                    fired.add("human-request");
                }
                if (rnd.nextDouble() < 0.05 + 0.15 * risk) {
                    fired.add("low-confidence");
                }
                for (int k = 0; k < fired.size(); k++) {
                    firedAt.add(start + (long) (duration * (0.2 + 0.15 * k + 0.2 * rnd.nextDouble())));
                }
                Long firstAlert = firedAt.isEmpty() ? null : firedAt.stream().min(Long::compare).get();

                boolean takenOver = rnd.nextDouble() < Math.min(0.98, 0.02 + c.confounding() * risk * risk * risk);
                Long takeoverTime = null;
                int takeoverTurns = 0;
                TakeoverTrigger trigger = null;
                String takeoverAlertId = null;
                if (takenOver) {
                    taken++;
                    if (firstAlert != null && rnd.nextDouble() < 0.8) {
                        takeoverTime = Math.min(end - 30_000L, firstAlert + (long) (-Math.log(1 - rnd.nextDouble()) * 120_000));
                        takeoverTime = Math.max(takeoverTime, firstAlert);
                        trigger = TakeoverTrigger.ALERT;
                        takeoverAlertId = alertId(id, fired.get(firedAt.indexOf(firstAlert)));
                    } else {
                        takeoverTime = start + (long) (duration * (0.2 + 0.6 * rnd.nextDouble()));
                        trigger = TakeoverTrigger.MANUAL;
                    }
                    takeoverTurns = Math.max(1, (int) Math.round(turns * (takeoverTime - start) / (double) duration));
                }
                SignalSnapshot atDecision = null;
                if (takenOver || firstAlert != null) {
                    long at = takenOver ? takeoverTime : firstAlert;
                    atDecision = snapshot(at, risk, takenOver ? takeoverTurns : Math.max(1, turns / 2), at - start,
                            humanRequested, topic);
                }
                for (int k = 0; k < fired.size(); k++) {
                    long at = firedAt.get(k);
                    if (takeoverTime != null && at > takeoverTime) {
                        continue; // no alerts after a takeover
                    }
                    alerts.add(TakeoverAlert.newBuilder().setAlertId(alertId(id, fired.get(k))).setConversationId(id)
                            .setRuleId(fired.get(k)).setRuleVersion(1)
                            .setSeverity(fired.get(k).equals("low-confidence") ? Severity.LOW : Severity.HIGH)
                            .setAlertTime(at).setRisk(risk)
                            .setReasons(List.of(AlertReason.newBuilder().setSignal("risk").setOperator(">")
                                    .setValue(risk).setThreshold(0.55).setDescription("risk " + String.format("%.2f", risk))
                                    .build()))
                            .setSegment(segment).setTopic(topic).setChannel(channel).setPreview(List.of()).build());
                }
                List<String> ruleIds = new ArrayList<>();
                for (int k = 0; k < fired.size(); k++) {
                    if (takeoverTime == null || firedAt.get(k) <= takeoverTime) {
                        ruleIds.add(fired.get(k));
                    }
                }
                if (takenOver) {
                    takeovers.add(TakeoverRecord.newBuilder().setConversationId(id).setEventId(id + "-takeover")
                            .setTakeoverTime(takeoverTime).setAgentId("agent-" + (1 + rnd.nextInt(9)))
                            .setTrigger(trigger).setAlertId(takeoverAlertId)
                            .setAlertTime(takeoverAlertId == null ? null : firstAlert)
                            .setMode(TakeoverMode.FULL).setTransition(TakeoverTransition.ANNOUNCED)
                            .setSegment(segment).setTopic(topic).setChannel(channel)
                            .setSignals(atDecision).build());
                }
                int aiMessages = takenOver ? Math.max(1, takeoverTurns) : turns;
                int lowConfidence = (int) Math.round(aiMessages * Math.min(1, 0.05 + 0.5 * risk * rnd.nextDouble()));
                conversations.add(ConversationSummary.newBuilder().setConversationId(id).setCustomerId("cust-" + rnd.nextInt(5000))
                        .setSegment(segment).setChannel(channel).setLanguage("en").setStartTime(start).setEndTime(end)
                        .setAbandoned(false).setEndedBy(takenOver ? EndedBy.AGENT : EndedBy.CUSTOMER).setTopic(topic)
                        .setTopics(List.of(topic)).setSensitiveTopic(topic.equals("cancellation"))
                        .setCustomerMessages(turns).setAiMessages(aiMessages).setAgentMessages(takenOver ? turns - takeoverTurns + 1 : 0)
                        .setLowConfidenceAnswers(lowConfidence).setHumanRequested(humanRequested)
                        .setAtEnd(snapshot(end, Math.min(1, risk + (takenOver ? -0.1 : 0.05)), turns, duration, humanRequested, topic))
                        .setAtDecision(atDecision).setMaxRisk(risk).setAlertCount(ruleIds.size()).setAlertRuleIds(ruleIds)
                        .setFirstAlertId(firstAlert == null ? null : alertId(id, fired.get(firedAt.indexOf(firstAlert))))
                        .setFirstAlertTime(firstAlert).setTakenOver(takenOver).setTakeoverTime(takeoverTime)
                        .setTakeoverAgentId(takenOver ? "agent" : null).setTakeoverTrigger(trigger)
                        .setTakeoverMode(takenOver ? TakeoverMode.FULL : null).setTakeoverAlertId(takeoverAlertId)
                        .build());

                // The outcome: worse with risk, better by the planted effect when a human took over
                double effect = c.topicEffects().getOrDefault(topic, c.effect());
                double pResolved = clamp(0.92 - 0.6 * risk + (takenOver ? effect : 0));
                boolean resolved = rnd.nextDouble() < pResolved;
                if (rnd.nextDouble() < 0.03) {
                    pending++;
                    continue; // outcome not known yet
                }
                long knownAt = end + (long) (rnd.nextDouble() * 3 * 24 * 3_600_000L);
                Integer csat = rnd.nextDouble() < 0.6 ? csat(rnd, resolved) : null;
                boolean reopened = resolved && rnd.nextDouble() < 0.05 + 0.1 * risk;
                boolean escalated = !resolved && rnd.nextDouble() < 0.25;
                if (rnd.nextDouble() < 0.05) {
                    // First a provisional outcome, restated later: the later one must win
                    restated++;
                    outcomes.add(outcome(id, !resolved, csat, false, false, start, end, knownAt));
                    knownAt += 6 * 3_600_000L;
                }
                outcomes.add(outcome(id, resolved, csat, reopened, escalated, start, end, knownAt));
                if (rnd.nextDouble() < 0.005) {
                    orphans++;
                    outcomes.add(outcome("ghost-" + id, true, null, false, false, start, end, knownAt));
                }
            }
        }
        LakeFiles.writePartitioned(lake, "conversations", "part-00000.parquet", ConversationSummary.getClassSchema(),
                conversations, ConversationSummary::getEndTime);
        LakeFiles.writePartitioned(lake, "alerts", "part-00000.parquet", TakeoverAlert.getClassSchema(), alerts,
                TakeoverAlert::getAlertTime);
        LakeFiles.writePartitioned(lake, "takeovers", "part-00000.parquet", TakeoverRecord.getClassSchema(), takeovers,
                TakeoverRecord::getTakeoverTime);
        if (outcomesCsv == null) {
            LakeFiles.writePartitioned(lake, "outcomes", "part-00000.parquet", ResolutionOutcome.getClassSchema(),
                    outcomes, ResolutionOutcome::getKnownAt);
        } else {
            writeCsv(outcomesCsv, outcomes);
        }
        return new Summary(n, taken, alerts.size(), outcomes.size(), pending, restated, orphans);
    }

    public static void writeCsv(Path file, List<ResolutionOutcome> outcomes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("conversation_id,ticket_id,resolved,csat,reopened,time_to_resolution_ms,escalated,known_at\n");
            for (ResolutionOutcome o : outcomes) {
                w.write(o.getConversationId() + "," + nz(o.getTicketId()) + "," + o.getResolved() + "," + nz(o.getCsat())
                        + "," + o.getReopened() + "," + nz(o.getTimeToResolutionMs()) + "," + o.getEscalated() + ","
                        + java.time.Instant.ofEpochMilli(o.getKnownAt()) + "\n");
            }
        }
    }

    private static String nz(Object o) {
        return o == null ? "" : o.toString();
    }

    private static ResolutionOutcome outcome(String id, boolean resolved, Integer csat, boolean reopened,
            boolean escalated, long start, long end, long knownAt) {
        return ResolutionOutcome.newBuilder().setConversationId(id).setTicketId("T-" + id).setResolved(resolved)
                .setCsat(csat).setReopened(reopened).setReopenWindowDays(7)
                .setTimeToResolutionMs(resolved ? end - start + 600_000L : null).setEscalated(escalated)
                .setKnownAt(knownAt).build();
    }

    private static int csat(Random rnd, boolean resolved) {
        double u = rnd.nextDouble();
        return resolved ? (u < 0.6 ? 5 : u < 0.9 ? 4 : 3) : (u < 0.4 ? 1 : u < 0.75 ? 2 : 3);
    }

    private static SignalSnapshot snapshot(long time, double risk, int turns, long elapsed, boolean human, String topic) {
        return SignalSnapshot.newBuilder().setTime(time).setRisk(risk).setTurns(turns).setElapsedMs(elapsed)
                .setHumanRequested(human).setTopic(topic).setSensitiveTopic(topic.equals("cancellation")).build();
    }

    private static String alertId(String conversation, String rule) {
        return conversation + ":" + rule;
    }

    private static double clamp(double p) {
        return Math.max(0.01, Math.min(0.99, p));
    }

    private static int pick(Random rnd, double[] weights) {
        double u = rnd.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
