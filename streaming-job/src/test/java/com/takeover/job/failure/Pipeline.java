package com.takeover.job.failure;

import com.takeover.codec.Codec;
import com.takeover.codec.WireFormat;
import com.takeover.job.JobConfig;
import com.takeover.kafka.EmbeddedKafka;
import com.takeover.kafka.KafkaClients;
import com.takeover.kafka.TopicNames;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationStarted;
import com.takeover.schema.TakeoverAlert;
import com.takeover.simulate.ConversationSimulator;
import com.takeover.simulate.SimulationConfig;
import com.takeover.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Shared pieces of the failure tests: simulated traffic, a batching producer, job environments, alert reading. */
final class Pipeline {
    /** Simulated traffic starts here: in the past, so no event is refused as being from the future. */
    static final Instant SIM_START = Instant.parse("2026-10-01T08:00:00Z");

    /** How long a bounded test run may take before the test gives up on it. */
    static final Duration PATIENCE = Duration.ofMinutes(2);

    private Pipeline() {}

    static TopicNames topics(String prefix) {
        return new TopicNames(prefix + "conversation-events", prefix + "takeover-alerts",
                prefix + "conversation-events-dlq", prefix + "alert-rules", prefix + "rule-rejections");
    }

    /**
     * Every event of {@code conversations} simulated conversations, in event-time order. Built-in supervisors
     * off: takeovers are the simulator's manual ones only, so the events do not depend on alerts.
     */
    static List<ConversationEvent> simulated(long seed, int conversations) {
        SimulationConfig cfg = SimulationConfig.defaults(seed)
                .withStart(SIM_START)
                .withConversationsPerHour(3_600)
                .withMaxConversations(conversations)
                .withDiurnal(false);
        return ConversationSimulator.generate(cfg);
    }

    /** The job's config for a test: the given topics, default rules, no lake, short checkpoints. */
    static JobConfig.Builder config(EmbeddedKafka kafka, TopicNames topics, String group) {
        return config(kafka.bootstrapServers(), topics, group);
    }

    static JobConfig.Builder config(String bootstrap, TopicNames topics, String group) {
        return JobConfig.builder()
                .bootstrapServers(bootstrap)
                .topics(topics)
                .groupId(group)
                .transactionalIdPrefix(group)
                .transactionTimeout(Duration.ofMinutes(1))
                .lakePath("")
                .checkpointInterval(Duration.ofMillis(300))
                .outOfOrderness(Duration.ofSeconds(2))
                .idleness(Duration.ofSeconds(1));
    }

    /** An environment on the test's MiniCluster: no Kryo, the given restart attempts (0 = fail at once). */
    static StreamExecutionEnvironment environment(int parallelism, int restarts, Configuration extra) {
        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false);
        if (restarts == 0) {
            c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        } else {
            c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restarts);
            c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        }
        if (extra != null) {
            c.addAll(extra);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.setParallelism(parallelism);
        return env;
    }

    /** Runs the job to its end; fails (and cancels it) if it has not finished within {@code patience}. */
    static void execute(StreamExecutionEnvironment env, String name, Duration patience) throws Exception {
        JobClient job = env.executeAsync(name);
        try {
            job.getJobExecutionResult().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            job.cancel();
            throw new AssertionError("job '" + name + "' did not finish within " + patience);
        }
    }

    /** A producer of raw records; idempotent with unlimited retries, so it rides out a broker restart. */
    static KafkaProducer<byte[], byte[]> producer(String bootstrap, int maxRequestBytes) {
        Properties p = KafkaClients.producerProperties(bootstrap, null);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRequestBytes));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "120000");
        return new KafkaProducer<>(p);
    }

    /** Sends the records (key = conversation id) and waits until the broker has every one. */
    static List<RecordMetadata> produce(EmbeddedKafka kafka, String topic, List<Keyed> records) {
        return produce(kafka.bootstrapServers(), topic, records);
    }

    static List<RecordMetadata> produce(String bootstrap, String topic, List<Keyed> records) {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap, 4 * 1024 * 1024)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (Keyed r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, r.partition, utf8(r.key), r.value)));
            }
            producer.flush();
            List<RecordMetadata> out = new ArrayList<>(sent.size());
            for (Future<RecordMetadata> f : sent) {
                out.add(f.get());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic + ": " + e, e);
        }
    }

    static List<Keyed> encode(List<ConversationEvent> events, WireFormat format) {
        Codec<ConversationEvent> codec = format.codec(ConversationEvent.class);
        List<Keyed> out = new ArrayList<>(events.size());
        for (ConversationEvent e : events) {
            out.add(new Keyed(e.getConversationId(), codec.encode(e)));
        }
        return out;
    }

    /** A record to send: key and value bytes; the partition is chosen from the key unless given. */
    record Keyed(String key, byte[] value, Integer partition) {
        Keyed(String key, byte[] value) {
            this(key, value, null);
        }
    }

    /**
     * One lone conversation start per partition, a day after the last event: it moves event time past every
     * timer of the traffic before it, so a job that keeps running ends the same as a bounded replay. Its
     * conversation ids start with {@link #SENTINEL}.
     */
    static List<Keyed> sentinels(List<ConversationEvent> events, int partitions, WireFormat format) {
        long last = events.stream().mapToLong(ConversationEvent::getEventTime).max().orElseThrow();
        Codec<ConversationEvent> codec = format.codec(ConversationEvent.class);
        List<Keyed> out = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            String id = SENTINEL + p;
            ConversationEvent start = ConversationEvent.newBuilder().setConversationId(id).setEventId(id + "-start")
                    .setEventTime(last + Duration.ofDays(1).toMillis())
                    .setPayload(new ConversationStarted("nobody", "standard", 0.0, "web", "en")).build();
            out.add(new Keyed(id, codec.encode(start), p));
        }
        return out;
    }

    static final String SENTINEL = "sentinel-";

    static boolean isSentinel(String conversationId) {
        return conversationId.startsWith(SENTINEL);
    }

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Every alert the topic holds now, decoded, in topic order per partition. */
    static List<TakeoverAlert> alerts(TestKafka clients, String topic, WireFormat format, boolean readCommitted)
            throws Exception {
        return decode(clients.readAll(topic, readCommitted), format);
    }

    static List<TakeoverAlert> decode(List<ConsumerRecord<byte[], byte[]>> records, WireFormat format)
            throws Exception {
        Codec<TakeoverAlert> codec = format.codec(TakeoverAlert.class);
        List<TakeoverAlert> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.add(codec.decode(r.value()));
        }
        return out;
    }

    /** Whatever the topic holds now (up to the end offsets seen at the start). */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, boolean readCommitted) {
        Properties c = KafkaClients.readerProperties(bootstrap, null,
                readCommitted ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            var end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline && parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Fails unless the alerts by id are exactly the expected ones, naming what is missing, extra or different
     * (an alert map is too large to read in a plain equality failure). {@code sourceTimestamp} is left out: it
     * is the Kafka timestamp of the triggering record, which differs between two topics holding the same events.
     */
    static void assertSameAlerts(Map<String, TakeoverAlert> actual, Map<String, TakeoverAlert> expected) {
        List<String> problems = new ArrayList<>();
        for (var e : expected.entrySet()) {
            TakeoverAlert a = actual.get(e.getKey());
            if (a == null) {
                problems.add("missing " + brief(e.getValue()));
            } else if (!withoutSourceTime(a).equals(withoutSourceTime(e.getValue()))) {
                problems.add("different " + e.getKey() + ":\n  expected " + e.getValue() + "\n  actual   " + a);
            }
        }
        for (var e : actual.entrySet()) {
            if (!expected.containsKey(e.getKey())) {
                problems.add("extra " + brief(e.getValue()));
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " alerts differ from the reference run ("
                    + actual.size() + " vs " + expected.size() + "):\n"
                    + String.join("\n", problems.subList(0, Math.min(10, problems.size()))));
        }
    }

    static TakeoverAlert withoutSourceTime(TakeoverAlert a) {
        return TakeoverAlert.newBuilder(a).setSourceTimestamp(null).build();
    }

    private static String brief(TakeoverAlert a) {
        return a.getAlertId() + " " + a.getConversationId() + " " + a.getRuleId() + " at " + a.getAlertTime()
                + " trigger " + a.getTriggerEventId();
    }

    /** Alerts by id; fails on two different alerts with the same id (a duplicate must be the same alert). */
    static Map<String, TakeoverAlert> byId(List<TakeoverAlert> alerts) {
        Map<String, TakeoverAlert> out = new HashMap<>();
        for (TakeoverAlert a : alerts) {
            TakeoverAlert before = out.putIfAbsent(a.getAlertId(), a);
            if (before != null && !before.equals(a)) {
                throw new AssertionError("two different alerts share the id " + a.getAlertId() + ":\n" + before
                        + "\n" + a);
            }
        }
        return out;
    }
}
