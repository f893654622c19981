package com.takeover.job;

/**
 * One record of the compacted {@code alert-rules} topic: the rule id (the Kafka key) and the rule as
 * JSON, or no JSON for a tombstone (the rule is removed).
 */
public final class RuleUpdate {
    /** The Kafka key; null when the record had none (refused). */
    public String ruleId;
    /** The rule as JSON; null for a tombstone. */
    public String json;
    public long offset;
    public long timestamp;

    public RuleUpdate() {}

    public static RuleUpdate upsert(String ruleId, String json) {
        RuleUpdate u = new RuleUpdate();
        u.ruleId = ruleId;
        u.json = json;
        u.offset = -1;
        return u;
    }

    public static RuleUpdate tombstone(String ruleId) {
        return upsert(ruleId, null);
    }

    public boolean isTombstone() {
        return json == null;
    }

    @Override
    public String toString() {
        return "RuleUpdate[" + ruleId + (isTombstone() ? " (tombstone)" : "") + " @" + offset + "]";
    }
}
