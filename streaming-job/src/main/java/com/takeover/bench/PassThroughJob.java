package com.takeover.bench;

import com.takeover.codec.Codec;
import com.takeover.codec.WireFormat;
import com.takeover.job.EventDeserializer;
import com.takeover.job.IngestedEvent;
import com.takeover.job.JobConfig;
import com.takeover.schema.ConversationEvent;
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
 * The floors the full job is measured against: the same Kafka source and sink, the same keyBy on the
 * conversation id, the same parallelism, checkpointing and buffer timeout, no scoring. Two of them:
 * {@link Floor#BYTES} moves the record's bytes, {@link Floor#DECODED} decodes each event with the job's own
 * deserializer, keys it by the conversation id inside it and encodes it again, so what the full job costs
 * beyond it is scoring, rules, state, timers and the lake. Bounded: reads the topic up to the offsets it has
 * at the start.
 */
public final class PassThroughJob {
    /** The keyed pass-through operator's name, which also names its task threads. */
    static final String NAME_PASS_THROUGH = "pass through";

    /** What the pass-through does with each record. */
    public enum Floor {
        /** Key and value bytes only, keyed by the record key. */
        BYTES("pass-through, bytes"),
        /** Decoded into the event (as the full job's source does) and encoded back into the wire format. */
        DECODED("pass-through, decoded");

        private final String label;

        Floor(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

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
    public static void build(StreamExecutionEnvironment env, JobConfig config, Floor floor, String inTopic,
            String outTopic) {
        TakeoverJob.configure(env, config);
        if (floor == Floor.DECODED) {
            buildDecoded(env, config, inTopic, outTopic);
            return;
        }
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
                .map(new Identity<>())
                .name(NAME_PASS_THROUGH)
                .sinkTo(sink)
                .name("Kafka: " + outTopic);
    }

    private static void buildDecoded(StreamExecutionEnvironment env, JobConfig config, String inTopic,
            String outTopic) {
        KafkaSource<IngestedEvent> source = KafkaSource.<IngestedEvent>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setGroupId(config.groupId())
                .setTopics(inTopic)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new EventDeserializer(config.valueFormat(), config.maxEventBytes(),
                        config.maxEventTimeAhead().toMillis()))
                .build();
        KafkaSink<IngestedEvent> sink = KafkaSink.<IngestedEvent>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new EventSerializer(outTopic, config.valueFormat()))
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "Kafka: " + inTopic)
                .filter(IngestedEvent::isDecoded)
                .name("decoded only")
                .keyBy(e -> e.event.getConversationId())
                .map(new Identity<>())
                .name(NAME_PASS_THROUGH)
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

    static final class Identity<T> implements MapFunction<T, T> {
        private static final long serialVersionUID = 1L;

        @Override
        public T map(T r) {
            return r;
        }
    }

    /** The event encoded again, keyed by its conversation id like the job's own outputs. */
    static final class EventSerializer implements KafkaRecordSerializationSchema<IngestedEvent> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private final WireFormat format;
        private transient Codec<ConversationEvent> codec;

        EventSerializer(String topic, WireFormat format) {
            this.topic = topic;
            this.format = format;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(IngestedEvent r, KafkaSinkContext context, Long timestamp) {
            if (codec == null) {
                codec = format.codec(ConversationEvent.class);
            }
            return new ProducerRecord<>(topic, r.event.getConversationId().getBytes(StandardCharsets.UTF_8),
                    codec.encode(r.event));
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
