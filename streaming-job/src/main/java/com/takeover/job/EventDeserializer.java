package com.takeover.job;

import com.takeover.codec.Codec;
import com.takeover.codec.DecodeException;
import com.takeover.codec.WireFormat;
import com.takeover.schema.ConversationEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes records of the events topic inside the source, so event-time watermarks are tracked per
 * Kafka partition. Never throws: a record that cannot be decoded is emitted as a failed
 * {@link IngestedEvent} carrying its bytes and the reason, and is routed to the dead-letter topic.
 */
public final class EventDeserializer implements KafkaRecordDeserializationSchema<IngestedEvent> {
    private static final long serialVersionUID = 1L;

    private final WireFormat format;
    private transient Codec<ConversationEvent> codec;

    public EventDeserializer(WireFormat format) {
        this.format = format;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestedEvent> out) {
        out.collect(decode(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
                record.value()));
    }

    /** Decodes one record's value; never throws. */
    IngestedEvent decode(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        if (value == null) {
            return IngestedEvent.failed(topic, partition, offset, timestamp, key, null,
                    "empty record (null value)", null);
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
        if (invalid != null) {
            return IngestedEvent.failed(topic, partition, offset, timestamp, key, value, invalid,
                    invalid.substring(0, invalid.indexOf(':')));
        }
        return IngestedEvent.decoded(event, topic, partition, offset, timestamp);
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
