package com.takeover.job;

import com.takeover.codec.Codec;
import com.takeover.codec.WireFormat;
import com.takeover.schema.TakeoverAlert;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Alerts keyed by conversation id (one conversation's alerts stay in order), value in the configured format. */
public final class AlertSerializer implements KafkaRecordSerializationSchema<TakeoverAlert> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final WireFormat format;
    private transient Codec<TakeoverAlert> codec;

    public AlertSerializer(String topic, WireFormat format) {
        this.topic = topic;
        this.format = format;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(TakeoverAlert alert, KafkaSinkContext context, Long timestamp) {
        if (codec == null) {
            codec = format.codec(TakeoverAlert.class);
        }
        byte[] key = alert.getConversationId().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, null, key, codec.encode(alert));
    }
}
