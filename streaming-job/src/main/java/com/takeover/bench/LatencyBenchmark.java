package com.takeover.bench;

import com.takeover.codec.Codec;
import com.takeover.codec.WireFormat;
import com.takeover.job.JobConfig;
import com.takeover.job.LocalJob;
import com.takeover.job.TakeoverJob;
import com.takeover.kafka.EmbeddedKafka;
import com.takeover.kafka.KafkaClients;
import com.takeover.kafka.TopicNames;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationStarted;
import com.takeover.schema.TakeoverAlert;
import com.takeover.simulate.ConversationSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Alert latency at fixed offered rates: simulated conversations are produced live (event time = now) at R
 * events/s to a local broker; the job (local Flink cluster, same machine) scores them; a consumer of
 * takeover-alerts (read_committed under exactly-once) takes each alert's receive time minus its
 * {@code sourceTimestamp}, the Kafka timestamp our producer gave the triggering event when it created it. One
 * machine, one clock. Timer alerts (no triggering event) are not counted, nor alerts of the warm-up.
 */
public final class LatencyBenchmark {

    /** {@code stateBackend} null: the job's default for each delivery. */
    public record Options(List<Integer> rates, List<JobConfig.Delivery> deliveries, Duration duration,
            Duration warmUp, Duration checkpointInterval, Duration checkpointMinPause,
            JobConfig.StateBackend stateBackend, Duration bufferTimeout, int partitions, boolean lake, long seed,
            int openConversations) {}

    /**
     * {@code stateBackend} is the one the run's job used; {@code checkpoints} is null when Flink's statistics could
     * not be read (the run's figures still hold).
     */
    public record Run(JobConfig.Delivery delivery, JobConfig.StateBackend stateBackend, int rate, long sent,
            double achievedRate, long alertsSeen, Percentiles latencyMs, CheckpointStats checkpoints) {}

    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private LatencyBenchmark() {}

    public static List<Run> run(Options o, PrintWriter progress) throws Exception {
        Path dir = Files.createTempDirectory("takeover-bench-latency-");
        List<Run> runs = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            int n = 0;
            for (JobConfig.Delivery delivery : o.deliveries()) {
                for (int rate : o.rates()) {
                    n++;
                    progress.printf(Locale.ROOT, "bench latency: %s at %,d events/s for %s...%n", delivery.label(), rate,
                            JobConfig.format(o.duration()));
                    Run r = runOne(kafka, o, delivery, rate, "lat" + n + "-", dir.resolve("run" + n), progress);
                    progress.printf(Locale.ROOT, "  sent %,d (%,.0f/s), alerts %,d; latency ms %s%n", r.sent(),
                            r.achievedRate(), r.alertsSeen(), r.latencyMs());
                    if (r.checkpoints() != null) {
                        progress.print(r.checkpoints().describe());
                        progress.flush(); // a writer flushes by itself only on println and printf
                    }
                    runs.add(r);
                }
            }
        } finally {
            ThroughputBenchmark.deleteQuietly(dir);
        }
        return runs;
    }

    private static Run runOne(EmbeddedKafka kafka, Options o, JobConfig.Delivery delivery, int rate, String prefix,
            Path dir, PrintWriter progress) throws Exception {
        TopicNames t = new TopicNames(prefix + "conversation-events", prefix + "takeover-alerts",
                prefix + "conversation-events-dlq", prefix + "alert-rules", prefix + "rule-rejections");
        kafka.createTopics(t, o.partitions());
        JobConfig config = JobConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topics(t)
                .groupId(prefix + "job")
                .transactionalIdPrefix(prefix + "job")
                .delivery(delivery)
                .checkpointInterval(o.checkpointInterval())
                .checkpointMinPause(o.checkpointMinPause())
                .stateBackend(o.stateBackend())
                .transactionTimeout(Duration.ofMinutes(2))
                .bufferTimeout(o.bufferTimeout())
                .parallelism(2)
                .lakePath(o.lake() ? dir.resolve("lake").toString() : "")
                .checkpointDir(dir.resolve("checkpoints").toString())
                .outOfOrderness(Duration.ofMillis(500))
                .idleness(Duration.ofSeconds(2))
                .build();
        // Flink's REST API on loopback, for the checkpoint statistics
        int restPort = freePort();
        LocalJob job = LocalJob.start(TakeoverJob.from(config), LocalJob.Options.defaults()
                .withSavepointDir(dir.resolve("savepoints")).withJobName("bench latency").withWebUi(restPort));
        try {
            job.awaitRunning(Duration.ofSeconds(60));
            // a moment for the sources to connect: alerts of the first seconds are not counted anyway
            Thread.sleep(1_000);
            if (o.openConversations() > 0) {
                long t0 = System.nanoTime();
                long events = openStanding(kafka, t.conversationEvents(), o.openConversations(), o.seed(), progress);
                awaitTakenIn(kafka, prefix + "job", t.conversationEvents(), Duration.ofMinutes(10), progress);
                progress.printf(Locale.ROOT, "  %,d conversations opened (%,d events) and taken in by the job in %.1f s%n",
                        o.openConversations(), events, (System.nanoTime() - t0) / 1e9);
            }
            AtomicBoolean producing = new AtomicBoolean(true);
            // positioned at the topic's end first: the alerts of the opened conversations are not read at all, so
            // the reader is not still working through them when the measured alerts come
            LatencyReader reader = new LatencyReader(kafka, t.takeoverAlerts(),
                    delivery == JobConfig.Delivery.EXACTLY_ONCE, producing);
            long start = System.currentTimeMillis();
            long measureFrom = start + o.warmUp().toMillis();
            reader.measureFrom(measureFrom);
            Thread readerThread = new Thread(reader, "bench-alert-reader");
            readerThread.start();
            long sent = produce(kafka, t.conversationEvents(), rate, o.duration(), o.seed());
            double seconds = (System.currentTimeMillis() - start) / 1000.0;
            producing.set(false);
            readerThread.join(o.checkpointInterval().toMillis() + 60_000);
            CheckpointStats checkpoints = null;
            if (!o.checkpointInterval().isZero()) {
                try {
                    checkpoints = CheckpointStats.fetch(restPort, job.client().getJobID().toHexString(), measureFrom);
                } catch (Exception e) {
                    progress.println("  (no checkpoint statistics: " + e.getMessage() + ")");
                }
            }
            return new Run(delivery, config.stateBackend(), rate, sent, sent / seconds, reader.seen.get(),
                    Percentiles.of(reader.latencies()), checkpoints);
        } finally {
            job.client().cancel().get(1, TimeUnit.MINUTES);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Opens {@code n} conversations that stay open through the run: the simulator's events (another seed, so other
     * ids) up to its {@code n}-th start, without their ends, stamped now. Live traffic alone leaves a short run with
     * the state of its own seconds, nearly all of it ended conversations (their simulated minutes pass in a moment);
     * a job that has run for a while at R events/s holds about R / events per conversation x mean duration of them
     * open, and its checkpoints write them all. Returns the events produced.
     */
    static long openStanding(EmbeddedKafka kafka, String topic, int n, long seed, PrintWriter progress) {
        ConversationSimulator sim = Traffic.simulator(seed + 1);
        Codec<ConversationEvent> codec = WireFormat.AVRO.codec(ConversationEvent.class);
        long events = 0;
        int started = 0;
        long lastReport = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = Traffic.bulkProducer(kafka.bootstrapServers())) {
            while (started < n) {
                if (System.nanoTime() - lastReport > PROGRESS_EVERY_NANOS) {
                    lastReport = System.nanoTime();
                    progress.printf(Locale.ROOT, "  opening conversations: %,d of %,d%n", started, n);
                }
                ConversationEvent e = sim.next();
                if (e.getPayload() instanceof ConversationEnded) {
                    continue;
                }
                if (e.getPayload() instanceof ConversationStarted) {
                    started++;
                }
                sendStampedNow(producer, topic, codec, e);
                events++;
            }
            producer.flush();
        }
        return events;
    }

    /** Waits until the job's committed offsets (at its checkpoints) reach the end of {@code topic}. */
    static void awaitTakenIn(EmbeddedKafka kafka, String group, String topic, Duration timeout, PrintWriter progress)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = System.nanoTime();
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, Long> end = ThroughputBenchmark.endOffsets(admin, topic);
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                boolean caughtUp = end.entrySet().stream().allMatch(en -> {
                    OffsetAndMetadata c = committed.get(en.getKey());
                    return c != null && c.offset() >= en.getValue();
                });
                if (caughtUp) {
                    return;
                }
                if (System.nanoTime() - lastReport > PROGRESS_EVERY_NANOS) {
                    lastReport = System.nanoTime();
                    long done = committed.values().stream().filter(Objects::nonNull)
                            .mapToLong(OffsetAndMetadata::offset).sum();
                    progress.printf(Locale.ROOT, "  the job has taken in %,d of %,d events%n", done,
                            end.values().stream().mapToLong(Long::longValue).sum());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the job did not take in the opened conversations within "
                            + JobConfig.format(timeout) + " (committed " + committed + ", end " + end + ")");
                }
                Thread.sleep(200);
            }
        }
    }

    /** Produces simulated events at {@code rate}/s for {@code duration}, each stamped with its creation time. */
    static long produce(EmbeddedKafka kafka, String topic, int rate, Duration duration, long seed) {
        Properties p = KafkaClients.producerProperties(kafka.bootstrapServers(), null);
        // little delay on the producer's side: the leader's ack only (idempotence needs acks=all), next to no batching
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        ConversationSimulator sim = Traffic.simulator(seed);
        Codec<ConversationEvent> codec = WireFormat.AVRO.codec(ConversationEvent.class);
        long sent = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                long due = (now - start) * rate / 1_000_000_000L;
                while (sent < due) {
                    sendStampedNow(producer, topic, codec, sim.next());
                    sent++;
                }
                LockSupport.parkNanos(200_000);
            }
            producer.flush();
        }
        return sent;
    }

    /**
     * Sends {@code e} keyed by its conversation, its event time and its Kafka timestamp both now: an alert carries
     * that timestamp as its source, and latency is measured from it.
     */
    private static void sendStampedNow(KafkaProducer<byte[], byte[]> producer, String topic,
            Codec<ConversationEvent> codec, ConversationEvent e) {
        long now = System.currentTimeMillis();
        e.setEventTime(now);
        producer.send(new ProducerRecord<>(topic, null, now, e.getConversationId().getBytes(StandardCharsets.UTF_8),
                codec.encode(e)));
    }

    /**
     * Reads the alerts written after it was made and keeps receive time - source timestamp for event-triggered
     * ones after the warm-up. The consumer is made and positioned at the topic's end (its last stable offset
     * under read_committed) by the constructor, then used only by {@link #run} on the reader's thread.
     */
    static final class LatencyReader implements Runnable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final AtomicBoolean producing;
        private final List<Long> latencies = new ArrayList<>();
        private final Codec<TakeoverAlert> codec = WireFormat.AVRO.codec(TakeoverAlert.class);
        private volatile long measureFrom = Long.MAX_VALUE;
        final AtomicLong seen = new AtomicLong();

        LatencyReader(EmbeddedKafka kafka, String topic, boolean readCommitted, AtomicBoolean producing) {
            this.producing = producing;
            Properties c = KafkaClients.readerProperties(kafka.bootstrapServers(), null,
                    readCommitted ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED);
            c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
            consumer = new KafkaConsumer<>(c);
            try {
                // no consumer group: a group join can take seconds, which the first alerts would wait for
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position); // resolves the lazy seek now, before any measured alert
            } catch (RuntimeException e) {
                consumer.close();
                throw e;
            }
        }

        /** Alerts whose triggering event came before {@code millis} (epoch) are read but not counted. */
        void measureFrom(long millis) {
            this.measureFrom = millis;
        }

        synchronized long[] latencies() {
            return latencies.stream().mapToLong(Long::longValue).toArray();
        }

        @Override
        public void run() {
            try (consumer) {
                long quietSince = -1;
                while (true) {
                    var records = consumer.poll(Duration.ofMillis(50));
                    long receivedAt = System.currentTimeMillis();
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        seen.incrementAndGet();
                        TakeoverAlert a = codec.decode(r.value());
                        Long source = a.getSourceTimestamp();
                        if (source != null && source >= measureFrom) {
                            synchronized (this) {
                                latencies.add(receivedAt - source);
                            }
                        }
                    }
                    if (!producing.get()) {
                        // after the producer stopped: wait for the last alerts (a checkpoint under exactly-once)
                        quietSince = records.isEmpty() ? (quietSince < 0 ? receivedAt : quietSince) : -1;
                        if (quietSince > 0 && receivedAt - quietSince > 5_000) {
                            return;
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("reading alerts failed: " + e, e);
            }
        }
    }
}
