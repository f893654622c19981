package com.takeover.bench;

import com.takeover.job.JobConfig;
import com.takeover.job.TakeoverJob;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The floor the full job is measured against: the same Kafka source and sink, the same keyBy on the
 * conversation id, the same parallelism, checkpointing and buffer timeout, but no decoding and no scoring.
 * Bounded: reads the topic up to the offsets it has at the start.
 */
public final class PassThroughJob {
    private PassThroughJob() {}

    /** A record as the source read it: key and value bytes. A Flink POJO. */
    public static final class KeyedBytes {
        public byte[] key;
        public byte[] value;

        public KeyedBytes() {}

        KeyedBytes(byte[] key, byte[] value) {
            this.key = key;
            this.value = value;
        }
    }

    /** Adds the graph to {@code env} (configured like the full job from {@code config}). */
    public static void build(StreamExecutionEnvironment env, JobConfig config, String inTopic, String outTopic) {
        TakeoverJob.configure(env, config);
        KafkaSource<KeyedBytes> source = KafkaSource.<KeyedBytes>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setGroupId(config.groupId())
                .setTopics(inTopic)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new Deserializer())
                .build();
        KafkaSink<KeyedBytes> sink = KafkaSink.<KeyedBytes>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new Serializer(outTopic))
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "Kafka: " + inTopic)
                .keyBy(new ByKey())
                .map(new Identity())
                .name("pass through")
                .sinkTo(sink)
                .name("Kafka: " + outTopic);
    }

    static final class Deserializer implements KafkaRecordDeserializationSchema<KeyedBytes> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KeyedBytes> out) {
            out.collect(new KeyedBytes(record.key(), record.value()));
        }

        @Override
        public TypeInformation<KeyedBytes> getProducedType() {
            return TypeInformation.of(KeyedBytes.class);
        }
    }

    static final class ByKey implements KeySelector<KeyedBytes, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(KeyedBytes r) {
            return r.key == null ? "" : new String(r.key, StandardCharsets.UTF_8);
        }
    }

    static final class Identity implements MapFunction<KeyedBytes, KeyedBytes> {
        private static final long serialVersionUID = 1L;

        @Override
        public KeyedBytes map(KeyedBytes r) {
            return r;
        }
    }

    static final class Serializer implements KafkaRecordSerializationSchema<KeyedBytes> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        Serializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(KeyedBytes r, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, r.key, r.value);
        }
    }
}
