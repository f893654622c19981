package com.takeover.job;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** The dead-letter record: original key and value byte for byte, provenance and reason as UTF-8 headers. */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter d, KafkaSinkContext context, Long timestamp) {
        List<Header> headers = new ArrayList<>();
        headers.add(header(DeadLetter.HEADER_REASON, d.reason));
        if (d.field != null) {
            headers.add(header(DeadLetter.HEADER_FIELD, d.field));
        }
        headers.add(header(DeadLetter.HEADER_TOPIC, d.topic));
        headers.add(header(DeadLetter.HEADER_PARTITION, Integer.toString(d.partition)));
        headers.add(header(DeadLetter.HEADER_OFFSET, Long.toString(d.offset)));
        headers.add(header(DeadLetter.HEADER_TIMESTAMP, Long.toString(d.timestamp)));
        Long ts = d.timestamp >= 0 ? d.timestamp : null;
        return new ProducerRecord<>(topic, null, ts, d.key, d.value, headers);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
    }
}
