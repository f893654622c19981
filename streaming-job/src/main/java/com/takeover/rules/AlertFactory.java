package com.takeover.rules;

import com.takeover.schema.AlertRule;
import com.takeover.schema.TakeoverAlert;
import com.takeover.scoring.ConversationState;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Turns a rule firing into the {@link TakeoverAlert} supervisors see. */
public final class AlertFactory implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * The alert for a firing. {@code triggerEventId} is the event that made the rule fire, or null when a timer
     * did (stalled conversation); the alert id is derived from it (or from the timer's time), so a replay yields
     * the same id. Notes the alert in the state (first alert id, recent alerts for takeover records).
     */
    public TakeoverAlert create(ConversationState s, RuleFiring f, String triggerEventId, long alertTime, double risk) {
        AlertRule rule = f.rule();
        String id = alertId(s.conversationId, rule.getId(), rule.getVersion(), triggerKey(triggerEventId, alertTime));
        s.recordAlert(id, alertTime);
        return TakeoverAlert.newBuilder()
                .setAlertId(id)
                .setConversationId(s.conversationId)
                .setRuleId(rule.getId())
                .setRuleVersion(rule.getVersion())
                .setSeverity(rule.getSeverity())
                .setAlertTime(alertTime)
                .setTriggerEventId(triggerEventId)
                .setRisk(risk)
                .setReasons(f.reasons())
                .setCustomerId(s.customerId)
                .setSegment(s.segment)
                .setTopic(s.topic)
                .setChannel(s.channel)
                .setPreview(s.preview())
                .build();
    }

    /** "event:&lt;id&gt;" for an event-triggered alert, "timer:&lt;epoch ms&gt;" for a timer-triggered one. */
    public static String triggerKey(String triggerEventId, long alertTime) {
        return triggerEventId != null ? "event:" + triggerEventId : "timer:" + alertTime;
    }

    /** A digest per thread: looking one up by name for each alert went through the security providers. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    });

    /** Deterministic id: the first 128 bits, hex, of SHA-256 over the four parts. */
    public static String alertId(String conversationId, String ruleId, int ruleVersion, String triggerKey) {
        String joined = conversationId + '\u001f' + ruleId + '\u001f' + ruleVersion + '\u001f' + triggerKey;
        byte[] h = SHA_256.get().digest(joined.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[2 * i] = HEX[(h[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[h[i] & 0xf];
        }
        return new String(out);
    }
}
