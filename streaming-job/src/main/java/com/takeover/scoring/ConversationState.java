package com.takeover.scoring;

import com.takeover.schema.EndedBy;
import com.takeover.schema.PreviewMessage;
import com.takeover.schema.Speaker;
import com.takeover.schema.TakeoverMode;
import com.takeover.schema.TakeoverTrigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the scoring core remembers about one conversation. Mutable and Flink-POJO friendly: a public
 * no-arg constructor, public non-final fields of POJO-serializable types (primitives, boxed numbers, strings,
 * enums, arrays, {@link SnapshotState}). Memory is bounded: the sentiment window, the preview and the kept
 * transcript are fixed-size rings (oldest dropped), the topic and alert lists are capped.
 *
 * <p>Updated only by {@link ConversationScorer#apply}, {@code RuleEvaluator.evaluate} (firings) and
 * {@code AlertFactory.create} (alert ids). Fields a conversation's start never set stay null (unknown).
 */
public class ConversationState {
    /** Caps that keep one conversation's state small whatever happens in it. */
    public static final int MAX_TOPICS = 16;
    public static final int MAX_ALERT_RULE_IDS = 64;
    public static final int MAX_RECENT_ALERTS = 16;

    public String conversationId;
    /** Whether the ConversationStarted event was seen; if not, customer fields are null (unknown). */
    public boolean startSeen;
    public String customerId;
    /** Lower case; null while unknown. */
    public String segment;
    public String channel;
    public Double customerValue;
    public String language;

    /** Start event time, or the earliest event time seen when the start is unknown. */
    public long startTime;
    public long lastEventTime;
    /** Events applied so far (ignored ones not counted). */
    public int events;
    public String lastEventId;
    public Long lastCustomerMessageTime;
    /** Last AI or agent message. */
    public Long lastAnswerTime;
    /** Time of the first customer message not answered yet; null when the last word was an answer. */
    public Long waitingSince;

    public int customerMessages;
    public int aiMessages;
    public int agentMessages;
    public int lowConfidenceAnswers;

    public int sentimentCount;
    public double sentimentEma;
    public double sentimentMin;
    public double sentimentLast;
    /** Last customer sentiments, oldest first; {@link #sentimentWindowCount} are valid. */
    public double[] sentimentWindow;
    public int sentimentWindowCount;

    public double aiConfidenceLast;
    public double aiConfidenceMin;
    public double aiConfidenceSum;
    public int aiConfidenceCount;

    /** Current topic: the platform's intent label when one was given, else the last phrase-rule topic. */
    public String topic;
    public String intentTopic;
    public String phraseTopic;
    /** Every topic seen, in order of first appearance (capped at {@link #MAX_TOPICS}). */
    public String[] topicsSeen;
    public boolean sensitive;
    /** The customer asked for a human at some point (archived in the summary). */
    public boolean humanRequested;
    /** Asked for a human and no human has taken over since: the {@code human_requested} signal. */
    public boolean humanRequestOpen;

    /** A human has the conversation now (no alerts until a hand-back). */
    public boolean takenOver;
    public boolean everTakenOver;
    public boolean handedBack;
    public Long takeoverTime;
    public String takeoverAgentId;
    public TakeoverTrigger takeoverTrigger;
    public TakeoverMode takeoverMode;
    public String takeoverAlertId;
    /** Signals at the most recent takeover (for the takeovers/ lake record). */
    public SnapshotState lastTakeoverSnapshot;
    public String lastTakeoverEventId;

    public boolean ended;
    public Long endTime;
    public EndedBy endedBy;
    public String endReason;

    /** Cooldown bookkeeping: rule ids and the event time each last fired at, parallel arrays. */
    public String[] firedRuleIds;
    public long[] firedRuleTimes;
    public int alertCount;
    /** Rules that fired, in firing order (capped at {@link #MAX_ALERT_RULE_IDS}). */
    public String[] alertRuleIds;
    public String firstAlertId;
    public Long firstAlertTime;
    /** Last alerts' ids and times (parallel, capped), so a takeover can find its alert's time. */
    public String[] recentAlertIds;
    public long[] recentAlertTimes;

    /** Signals at the takeover decision: the first takeover, else the first alert; null if neither. */
    public SnapshotState decisionSnapshot;
    public boolean decisionAtTakeover;
    /** Highest risk seen before any takeover. */
    public double maxRisk;

    /** Masked preview ring of the last messages, oldest first; {@link #previewCount} valid. */
    public String[] previewTexts;
    public long[] previewTimes;
    public int[] previewSpeakers;
    public int previewCount;

    /** Masked transcript (only when configured), last {@code transcriptLimit} messages, oldest first. */
    public String[] transcriptTexts;
    public long[] transcriptTimes;
    public int[] transcriptSpeakers;
    public int transcriptCount;

    public ConversationState() {}

    public ConversationState(String conversationId) {
        this.conversationId = conversationId;
    }

    // --- derived values

    public int turns() {
        return customerMessages;
    }

    public boolean hasSentiment() {
        return sentimentCount > 0;
    }

    public boolean hasAiConfidence() {
        return aiConfidenceCount > 0;
    }

    public double aiConfidenceAvg() {
        return aiConfidenceCount == 0 ? Double.NaN : aiConfidenceSum / aiConfidenceCount;
    }

    /** The sentiment window's valid values, oldest first. */
    public double[] sentiments() {
        return sentimentWindow == null ? new double[0] : Arrays.copyOf(sentimentWindow, sentimentWindowCount);
    }

    public List<String> topics() {
        return topicsSeen == null ? List.of() : List.of(topicsSeen);
    }

    public List<String> alertRules() {
        return alertRuleIds == null ? List.of() : List.of(alertRuleIds);
    }

    /** Event time the rule last fired for this conversation, or null. */
    public Long lastFired(String ruleId) {
        if (firedRuleIds != null) {
            for (int i = 0; i < firedRuleIds.length; i++) {
                if (firedRuleIds[i].equals(ruleId)) {
                    return firedRuleTimes[i];
                }
            }
        }
        return null;
    }

    /** Time of a recent alert of this conversation, or null when it is not (or no longer) known. */
    public Long alertTime(String alertId) {
        if (alertId != null && recentAlertIds != null) {
            for (int i = recentAlertIds.length - 1; i >= 0; i--) {
                if (recentAlertIds[i].equals(alertId)) {
                    return recentAlertTimes[i];
                }
            }
        }
        return null;
    }

    public List<PreviewMessage> preview() {
        return messages(previewTexts, previewTimes, previewSpeakers, previewCount);
    }

    public List<PreviewMessage> transcript() {
        return messages(transcriptTexts, transcriptTimes, transcriptSpeakers, transcriptCount);
    }

    // --- mutations used by the scorer, the evaluator and the alert factory

    void pushSentiment(double s, int window) {
        if (sentimentWindow == null || sentimentWindow.length != window) {
            double[] w = new double[window];
            int keep = Math.min(sentimentWindowCount, window);
            if (sentimentWindow != null) {
                System.arraycopy(sentimentWindow, sentimentWindowCount - keep, w, 0, keep);
            }
            sentimentWindow = w;
            sentimentWindowCount = keep;
        }
        if (sentimentWindowCount == window) {
            System.arraycopy(sentimentWindow, 1, sentimentWindow, 0, window - 1);
            sentimentWindowCount--;
        }
        sentimentWindow[sentimentWindowCount++] = s;
    }

    void addTopic(String t) {
        if (topicsSeen == null) {
            topicsSeen = new String[] {t};
            return;
        }
        for (String s : topicsSeen) {
            if (s.equals(t)) {
                return;
            }
        }
        if (topicsSeen.length < MAX_TOPICS) {
            topicsSeen = Arrays.copyOf(topicsSeen, topicsSeen.length + 1);
            topicsSeen[topicsSeen.length - 1] = t;
        }
    }

    void pushPreview(Speaker speaker, long time, String text, int size) {
        if (size <= 0) {
            return;
        }
        if (previewTexts == null || previewTexts.length != size) {
            previewTexts = new String[size];
            previewTimes = new long[size];
            previewSpeakers = new int[size];
            previewCount = 0;
        }
        if (previewCount == size) {
            System.arraycopy(previewTexts, 1, previewTexts, 0, size - 1);
            System.arraycopy(previewTimes, 1, previewTimes, 0, size - 1);
            System.arraycopy(previewSpeakers, 1, previewSpeakers, 0, size - 1);
            previewCount--;
        }
        previewTexts[previewCount] = text;
        previewTimes[previewCount] = time;
        previewSpeakers[previewCount] = speaker.ordinal();
        previewCount++;
    }

    void pushTranscript(Speaker speaker, long time, String text, int limit) {
        if (transcriptTexts == null) {
            int cap = Math.min(limit, 16);
            transcriptTexts = new String[cap];
            transcriptTimes = new long[cap];
            transcriptSpeakers = new int[cap];
        }
        if (transcriptCount == transcriptTexts.length && transcriptCount < limit) {
            int cap = Math.min(limit, transcriptCount * 2);
            transcriptTexts = Arrays.copyOf(transcriptTexts, cap);
            transcriptTimes = Arrays.copyOf(transcriptTimes, cap);
            transcriptSpeakers = Arrays.copyOf(transcriptSpeakers, cap);
        }
        if (transcriptCount == transcriptTexts.length) {
            int n = transcriptTexts.length;
            System.arraycopy(transcriptTexts, 1, transcriptTexts, 0, n - 1);
            System.arraycopy(transcriptTimes, 1, transcriptTimes, 0, n - 1);
            System.arraycopy(transcriptSpeakers, 1, transcriptSpeakers, 0, n - 1);
            transcriptCount--;
        }
        transcriptTexts[transcriptCount] = text;
        transcriptTimes[transcriptCount] = time;
        transcriptSpeakers[transcriptCount] = speaker.ordinal();
        transcriptCount++;
    }

    /** Notes that a rule fired at {@code time}: cooldown, alert count, rule ids, first alert time. */
    public void recordFiring(String ruleId, long time) {
        boolean found = false;
        if (firedRuleIds != null) {
            for (int i = 0; i < firedRuleIds.length; i++) {
                if (firedRuleIds[i].equals(ruleId)) {
                    firedRuleTimes[i] = time;
                    found = true;
                    break;
                }
            }
        }
        if (!found) {
            int n = firedRuleIds == null ? 0 : firedRuleIds.length;
            firedRuleIds = firedRuleIds == null ? new String[1] : Arrays.copyOf(firedRuleIds, n + 1);
            firedRuleTimes = firedRuleTimes == null ? new long[1] : Arrays.copyOf(firedRuleTimes, n + 1);
            firedRuleIds[n] = ruleId;
            firedRuleTimes[n] = time;
        }
        alertCount++;
        int n = alertRuleIds == null ? 0 : alertRuleIds.length;
        if (n < MAX_ALERT_RULE_IDS) {
            alertRuleIds = alertRuleIds == null ? new String[1] : Arrays.copyOf(alertRuleIds, n + 1);
            alertRuleIds[n] = ruleId;
        }
        if (firstAlertTime == null) {
            firstAlertTime = time;
        }
    }

    /** Notes an emitted alert's id (first alert id, recent alerts). */
    public void recordAlert(String alertId, long time) {
        if (firstAlertId == null) {
            firstAlertId = alertId;
        }
        int n = recentAlertIds == null ? 0 : recentAlertIds.length;
        if (n == MAX_RECENT_ALERTS) {
            System.arraycopy(recentAlertIds, 1, recentAlertIds, 0, n - 1);
            System.arraycopy(recentAlertTimes, 1, recentAlertTimes, 0, n - 1);
            n--;
        } else {
            recentAlertIds = recentAlertIds == null ? new String[1] : Arrays.copyOf(recentAlertIds, n + 1);
            recentAlertTimes = recentAlertTimes == null ? new long[1] : Arrays.copyOf(recentAlertTimes, n + 1);
        }
        recentAlertIds[n] = alertId;
        recentAlertTimes[n] = time;
    }

    private static List<PreviewMessage> messages(String[] texts, long[] times, int[] speakers, int count) {
        if (texts == null || count == 0) {
            return List.of();
        }
        Speaker[] all = Speaker.values();
        List<PreviewMessage> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new PreviewMessage(all[speakers[i]], times[i], texts[i]));
        }
        return out;
    }
}
