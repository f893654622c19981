package com.takeover.job;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Records of the compacted rules topic: key = rule id, value = the rule as JSON (UTF-8), null = tombstone. */
public final class RuleUpdateDeserializer implements KafkaRecordDeserializationSchema<RuleUpdate> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RuleUpdate> out) {
        RuleUpdate u = new RuleUpdate();
        u.ruleId = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8).trim();
        u.json = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        u.offset = record.offset();
        u.timestamp = record.timestamp();
        out.collect(u);
    }

    @Override
    public TypeInformation<RuleUpdate> getProducedType() {
        return TypeInformation.of(RuleUpdate.class);
    }
}
