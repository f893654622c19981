package com.takeover.kafka;

import com.takeover.codec.DecodeException;
import com.takeover.codec.JsonCodec;
import com.takeover.schema.RuleRejection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The rules owner's side of the {@code alert-rules} topic (compacted, key = rule id, value = rule JSON,
 * tombstone = delete) and of {@code rule-rejections}, where the live job reports the updates it refused. No
 * consumer group: reads assign partitions and stop at the end offsets they found, so nothing is committed and
 * no topic is created by looking.
 */
public final class RulesTopic implements AutoCloseable {
    private static final Duration METADATA_WAIT = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private final String rulesTopic;
    private final String rejectionsTopic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Properties producerProperties;
    private KafkaProducer<byte[], byte[]> producer;

    public RulesTopic(String bootstrapServers, Map<String, String> clientProperties, String rulesTopic,
            String rejectionsTopic) {
        this.bootstrapServers = bootstrapServers;
        this.rulesTopic = rulesTopic;
        this.rejectionsTopic = rejectionsTopic;
        // no transactions write either topic: nothing to wait for with read_committed
        Properties c = KafkaClients.withOverrides(
                KafkaClients.readerProperties(bootstrapServers, "takeover-rules", IsolationLevel.READ_UNCOMMITTED),
                clientProperties);
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.producerProperties = KafkaClients.withOverrides(
                KafkaClients.producerProperties(bootstrapServers, "takeover-rules"), clientProperties);
    }

    /** The topic's latest value per rule id, by id: the rule JSON, or null where the last record deleted it. */
    public Map<String, String> published() {
        Map<String, String> latest = new TreeMap<>();
        readToEnd(rulesTopic, r -> {
            if (r.key() != null) {
                latest.put(new String(r.key(), StandardCharsets.UTF_8),
                        r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
            }
        });
        return latest;
    }

    /** Where the rejections topic ends now: {@link #rejectionsSince} reads only what the job reports after this. */
    public Map<TopicPartition, Long> rejectionsEnd() {
        return new HashMap<>(consumer.endOffsets(partitions(rejectionsTopic), METADATA_WAIT));
    }

    /** Publishes rules (id → JSON; a null JSON deletes) and waits until the broker has every one. */
    public void publish(Map<String, String> rules) {
        partitions(rulesTopic); // a clear error instead of a topic created with the broker's defaults
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
        }
        List<Future<?>> sent = new ArrayList<>();
        rules.forEach((id, json) -> sent.add(producer.send(new ProducerRecord<>(rulesTopic,
                id.getBytes(StandardCharsets.UTF_8), json == null ? null : json.getBytes(StandardCharsets.UTF_8)))));
        producer.flush();
        for (var f : sent) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("publishing to " + rulesTopic + " failed: " + e.getCause().getMessage(),
                        e.getCause());
            } catch (TimeoutException | InterruptedException e) {
                throw new IllegalStateException("publishing to " + rulesTopic + " did not complete: " + e, e);
            }
        }
    }

    /**
     * Refusals the job reports from {@code from} on that {@code ours} selects, read for {@code wait} (the job
     * refuses within moments of reading an update; there is no positive acknowledgement to wait for).
     */
    public List<RuleRejection> rejectionsSince(Map<TopicPartition, Long> from, Duration wait,
            Predicate<RuleRejection> ours) {
        JsonCodec<RuleRejection> codec = JsonCodec.of(RuleRejection.class);
        List<RuleRejection> out = new ArrayList<>();
        consumer.assign(from.keySet());
        from.forEach(consumer::seek);
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.value() == null) {
                    continue;
                }
                try {
                    RuleRejection rejection = codec.decode(r.value());
                    if (ours.test(rejection)) {
                        out.add(rejection);
                    }
                } catch (DecodeException e) {
                    // not a rejection this version understands: not ours to report
                }
            }
        }
        return out;
    }

    /** Reads {@code topic} from its beginning to the end offsets found at the start. */
    private void readToEnd(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        List<TopicPartition> parts = partitions(topic);
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        Map<TopicPartition, Long> end = consumer.endOffsets(parts, METADATA_WAIT);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (parts.stream().anyMatch(tp -> consumer.position(tp, METADATA_WAIT) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + topic + " to its end took more than 60 s");
            }
            consumer.poll(Duration.ofMillis(500)).forEach(each);
        }
    }

    private List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> info;
        try {
            info = consumer.partitionsFor(topic, METADATA_WAIT);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka at " + bootstrapServers + " within "
                    + METADATA_WAIT.toSeconds() + " s about topic " + topic, e);
        }
        if (info == null || info.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist on the cluster: create it first"
                    + " (the job's topics and their settings: docs/streaming-job.md)");
        }
        return info.stream().map(pi -> new TopicPartition(topic, pi.partition())).toList();
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
