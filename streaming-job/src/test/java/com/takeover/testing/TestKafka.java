package com.takeover.testing;

import com.takeover.kafka.EmbeddedKafka;
import com.takeover.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Plain Kafka clients for tests: produce bytes, read a topic from the start until enough records arrived. */
public final class TestKafka implements AutoCloseable {
    /** How long to wait for records the job is expected to write; a test fails when they never come. */
    public static final Duration PATIENCE = Duration.ofSeconds(90);

    private final String bootstrap;
    private final KafkaProducer<byte[], byte[]> producer;

    public TestKafka(EmbeddedKafka kafka) {
        this.bootstrap = kafka.bootstrapServers();
        Properties p = KafkaClients.producerProperties(bootstrap, null);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(p);
    }

    private Properties readerProperties(boolean readCommitted) {
        return KafkaClients.readerProperties(bootstrap, null,
                readCommitted ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED);
    }

    public static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public RecordMetadata send(String topic, Integer partition, String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, partition, utf8(key), value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic + ": " + e, e);
        }
    }

    /** Sends many records without waiting for each acknowledgement; returns once the broker has them all. */
    public void sendAll(String topic, List<ProducerRecord<byte[], byte[]>> records) {
        var sends = records.stream().map(producer::send).toList();
        producer.flush();
        for (var s : sends) {
            try {
                s.get();
            } catch (Exception e) {
                throw new IllegalStateException("cannot send to " + topic + ": " + e, e);
            }
        }
    }

    /** Every record of the topic from the beginning, until {@code done} holds for them (or PATIENCE runs out). */
    public List<ConsumerRecord<byte[], byte[]>> readUntil(String topic, boolean readCommitted,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        Properties c = readerProperties(readCommitted);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!done.test(out) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** At least {@code n} records of the topic from the beginning. */
    public List<ConsumerRecord<byte[], byte[]>> readAtLeast(String topic, int n, boolean readCommitted) {
        List<ConsumerRecord<byte[], byte[]>> out = readUntil(topic, readCommitted, l -> l.size() >= n);
        if (out.size() < n) {
            throw new AssertionError("expected at least " + n + " records on " + topic + " within " + PATIENCE
                    + ", got " + out.size());
        }
        return out;
    }

    /** Whatever the topic holds now (reads until the end offsets seen at the start). */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, boolean readCommitted) {
        Properties c = readerProperties(readCommitted);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            var end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline
                    && parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
