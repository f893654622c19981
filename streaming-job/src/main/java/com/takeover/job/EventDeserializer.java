package com.takeover.job;

import com.takeover.codec.Codec;
import com.takeover.codec.DecodeException;
import com.takeover.codec.WireFormat;
import com.takeover.schema.ConversationEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes records of the events topic inside the source, so event-time watermarks are tracked per
 * Kafka partition. Never throws: a record that cannot be decoded is emitted as a failed
 * {@link IngestedEvent} carrying its bytes and the reason, and is routed to the dead-letter topic.
 *
 * <p>Two limits refuse records that decode but would harm the job: a record larger than
 * {@code maxEventBytes} (its text would travel in every alert preview and sit in state; only its first
 * {@code maxEventBytes} bytes are kept for the dead-letter topic, so that copy always fits), and an event
 * time more than {@code maxTimeAheadMs} ahead of the job's clock (one such event would move event time
 * forward and close every open conversation as abandoned).
 */
public final class EventDeserializer implements KafkaRecordDeserializationSchema<IngestedEvent> {
    private static final long serialVersionUID = 1L;

    /** Default largest accepted record value, bytes. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 64 * 1024;
    /** Default tolerance for event times ahead of the job's clock. */
    public static final long DEFAULT_MAX_TIME_AHEAD_MS = 15 * 60_000L;

    private final WireFormat format;
    private final int maxEventBytes;
    private final long maxTimeAheadMs;
    private transient Codec<ConversationEvent> codec;

    public EventDeserializer(WireFormat format) {
        this(format, DEFAULT_MAX_EVENT_BYTES, DEFAULT_MAX_TIME_AHEAD_MS);
    }

    /**
     * @param maxEventBytes larger record values are refused (dead-lettered, truncated to this size)
     * @param maxTimeAheadMs events timed further ahead of the wall clock are refused; 0 = no limit
     */
    public EventDeserializer(WireFormat format, int maxEventBytes, long maxTimeAheadMs) {
        if (maxEventBytes <= 0 || maxTimeAheadMs < 0) {
            throw new IllegalArgumentException("maxEventBytes must be > 0 and maxTimeAheadMs >= 0");
        }
        this.format = format;
        this.maxEventBytes = maxEventBytes;
        this.maxTimeAheadMs = maxTimeAheadMs;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestedEvent> out) {
        out.collect(decode(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
                record.value()));
    }

    /** Decodes one record's value; never throws. */
    IngestedEvent decode(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        return decode(topic, partition, offset, timestamp, key, value, System.currentTimeMillis());
    }

    /** As above, with the job's clock reading {@code now} (epoch ms). */
    IngestedEvent decode(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
            long now) {
        if (value == null) {
            return IngestedEvent.failed(topic, partition, offset, timestamp, key, null,
                    "empty record (null value)", null);
        }
        if (value.length > maxEventBytes) {
            return IngestedEvent.failed(topic, partition, offset, timestamp, key,
                    Arrays.copyOf(value, maxEventBytes), "record of " + value.length
                            + " bytes is larger than max-event-bytes (" + maxEventBytes
                            + "); the dead letter keeps its first " + maxEventBytes + " bytes", null);
        }
        if (codec == null) {
            codec = format.codec(ConversationEvent.class);
        }
        ConversationEvent event;
        try {
            event = codec.decode(value);
        } catch (DecodeException e) {
            return IngestedEvent.failed(topic, partition, offset, timestamp, key, value, message(e), e.field());
        } catch (RuntimeException e) {
            // A decoder bug or a corrupt record must not stop the job.
            return IngestedEvent.failed(topic, partition, offset, timestamp, key, value,
                    "cannot decode " + format.name().toLowerCase() + ": " + e, null);
        }
        String invalid = invalid(event);
        if (invalid == null && maxTimeAheadMs > 0 && event.getEventTime() > now + maxTimeAheadMs) {
            invalid = "eventTime: " + Instant.ofEpochMilli(event.getEventTime()) + " is more than "
                    + JobConfig.format(Duration.ofMillis(maxTimeAheadMs)) + " ahead of the job's clock ("
                    + Instant.ofEpochMilli(now) + ", max-event-time-ahead)";
        }
        if (invalid != null) {
            return IngestedEvent.failed(topic, partition, offset, timestamp, key, value, invalid,
                    invalid.substring(0, invalid.indexOf(':')));
        }
        return IngestedEvent.decoded(event, partition, offset, timestamp);
    }

    private static String message(DecodeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? String.valueOf(e.reason()) : m;
    }

    /** Checks the codec cannot express: ids present, a plausible event time. */
    private static String invalid(ConversationEvent e) {
        if (e.getConversationId() == null || e.getConversationId().isBlank()) {
            return "conversationId: must not be empty";
        }
        if (e.getEventId() == null || e.getEventId().isBlank()) {
            return "eventId: must not be empty";
        }
        if (e.getEventTime() <= 0) {
            return "eventTime: must be positive epoch milliseconds, was " + e.getEventTime();
        }
        if (e.getPayload() == null) {
            return "payload: missing";
        }
        return null;
    }

    @Override
    public TypeInformation<IngestedEvent> getProducedType() {
        return TypeInformation.of(IngestedEvent.class);
    }
}
