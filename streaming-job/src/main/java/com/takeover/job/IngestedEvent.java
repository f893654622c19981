package com.takeover.job;

import com.takeover.schema.ConversationEvent;
import java.util.Objects;

/**
 * One record of the events topic as the source read it: either the decoded event, or the original
 * bytes with the reason they could not be decoded (for the dead-letter topic). A Flink POJO: public
 * fields and a no-arg constructor, so it crosses the network with Flink's own serializers.
 */
public final class IngestedEvent {
    /** The decoded event; null when decoding failed. */
    public ConversationEvent event;
    /** Kafka record timestamp (producer or broker time), epoch ms: the start of the alert-latency clock. */
    public long kafkaTimestamp;
    /**
     * The source topic, kept only when decoding failed (the dead letter names it): a decoded event crosses the
     * network to the scoring operator, where the name read back into a new string for every event cost more
     * than the rest of this record's fields.
     */
    public String topic;
    public int partition;
    public long offset;
    /** Original key and value, kept only when decoding failed. */
    public byte[] key;
    public byte[] value;
    /** Why decoding failed, and the field concerned when known; null when decoded. */
    public String reason;
    public String field;

    public IngestedEvent() {}

    public static IngestedEvent decoded(ConversationEvent event, int partition, long offset,
            long kafkaTimestamp) {
        IngestedEvent r = new IngestedEvent();
        r.event = Objects.requireNonNull(event, "event");
        r.partition = partition;
        r.offset = offset;
        r.kafkaTimestamp = kafkaTimestamp;
        return r;
    }

    /** A decoded event that did not come from Kafka (tests, replays): latency is measured from {@code kafkaTimestamp}. */
    public static IngestedEvent of(ConversationEvent event, long kafkaTimestamp) {
        return decoded(event, -1, -1, kafkaTimestamp);
    }

    public static IngestedEvent failed(String topic, int partition, long offset, long kafkaTimestamp, byte[] key,
            byte[] value, String reason, String field) {
        IngestedEvent r = new IngestedEvent();
        r.topic = topic;
        r.partition = partition;
        r.offset = offset;
        r.kafkaTimestamp = kafkaTimestamp;
        r.key = key;
        r.value = value;
        r.reason = Objects.requireNonNull(reason, "reason");
        r.field = field;
        return r;
    }

    public boolean isDecoded() {
        return event != null;
    }

    @Override
    public String toString() {
        return isDecoded()
                ? "IngestedEvent[" + event.getConversationId() + "/" + event.getEventId() + "]"
                : "IngestedEvent[failed " + topic + "-" + partition + "@" + offset + ": " + reason + "]";
    }
}
