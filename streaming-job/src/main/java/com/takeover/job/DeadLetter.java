package com.takeover.job;

/**
 * A record of the events topic that could not be decoded, on its way to the dead-letter topic:
 * the original key and value untouched, and where it came from and why it was refused as headers.
 */
public final class DeadLetter {
    public static final String HEADER_REASON = "dlq.reason";
    public static final String HEADER_FIELD = "dlq.field";
    public static final String HEADER_TOPIC = "dlq.source.topic";
    public static final String HEADER_PARTITION = "dlq.source.partition";
    public static final String HEADER_OFFSET = "dlq.source.offset";
    public static final String HEADER_TIMESTAMP = "dlq.source.timestamp";

    public byte[] key;
    public byte[] value;
    public String reason;
    /** The field the decoder complained about; null when not known. */
    public String field;
    public String topic;
    public int partition;
    public long offset;
    public long timestamp;

    public DeadLetter() {}

    static DeadLetter of(IngestedEvent failed) {
        DeadLetter d = new DeadLetter();
        d.key = failed.key;
        d.value = failed.value;
        d.reason = failed.reason;
        d.field = failed.field;
        d.topic = failed.topic;
        d.partition = failed.partition;
        d.offset = failed.offset;
        d.timestamp = failed.kafkaTimestamp;
        return d;
    }

    @Override
    public String toString() {
        return "DeadLetter[" + topic + "-" + partition + "@" + offset + ": " + reason + "]";
    }
}
