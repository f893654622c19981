package com.takeover.cli;

import com.takeover.codec.Codec;
import com.takeover.codec.WireFormat;
import com.takeover.job.JobConfig;
import com.takeover.job.LocalJob;
import com.takeover.job.TakeoverJob;
import com.takeover.kafka.EmbeddedKafka;
import com.takeover.kafka.KafkaClients;
import com.takeover.kafka.TopicNames;
import com.takeover.schema.AiMessage;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationStarted;
import com.takeover.schema.CustomerMessage;
import com.takeover.schema.EndedBy;
import com.takeover.schema.TakeoverAlert;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bin/takeover bench alerts}: end-to-end alert latency of the live job on this machine. A real
 * broker on loopback and the job on a local Flink cluster; synthetic conversations at a fixed rate,
 * one in five asks for a human. Latency = when a consumer of takeover-alerts receives the alert (with
 * read_committed under exactly-once: what a supervisor's desk would see) minus when the triggering
 * event was produced; one machine, one clock.
 */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Measures end-to-end alert latency (event produced -> alert in Kafka) and prints p50/p95/p99.")
public final class BenchAlertsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", description = "Events per second (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    int rate;

    @Option(names = "--duration", paramLabel = "DURATION", description = "How long to produce (default: ${DEFAULT-VALUE}).",
            defaultValue = "30s")
    String duration;

    @Option(names = "--warm-up", paramLabel = "DURATION", description = "Alerts in this first part are not counted (default: ${DEFAULT-VALUE}).",
            defaultValue = "5s")
    String warmUp;

    @Option(names = "--delivery", paramLabel = "at-least-once|exactly-once", defaultValue = "at-least-once",
            description = "Delivery guarantee of the alerts (default: ${DEFAULT-VALUE}).")
    String delivery;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "2s",
            description = "Checkpoint interval (default: ${DEFAULT-VALUE}); exactly-once publishes on each checkpoint.")
    String checkpointInterval;

    @Option(names = "--no-lake", negatable = false, description = "Run without the Parquet lake sinks.")
    boolean noLake;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions of the events topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    private static final String[] CALM = {
        "Hi, where is my order?", "Thanks, that helps.", "Can you check the delivery date?", "Okay, and the invoice?"};
    private static final String HUMAN = "This is going nowhere, let me talk to a human agent please";

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration run = JobConfig.parseDuration(duration);
        Duration warm = JobConfig.parseDuration(warmUp);
        Path dir = Files.createTempDirectory("takeover-bench-");
        Codec<ConversationEvent> events = WireFormat.AVRO.codec(ConversationEvent.class);
        Codec<TakeoverAlert> alerts = WireFormat.AVRO.codec(TakeoverAlert.class);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean producing = new AtomicBoolean(true);

        err.println("bench: starting a Kafka broker and the job (" + delivery + ", checkpoints every "
                + checkpointInterval + ")...");
        err.flush();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TopicNames topics = TopicNames.defaults();
            kafka.createTopics(topics, partitions);
            JobConfig config = JobConfig.builder()
                    .bootstrapServers(kafka.bootstrapServers())
                    .delivery(JobConfig.Delivery.parse(delivery))
                    .checkpointInterval(JobConfig.parseDuration(checkpointInterval))
                    .transactionTimeout(Duration.ofMinutes(2))
                    .lakePath(noLake ? "" : dir.resolve("lake").toString())
                    .outOfOrderness(Duration.ofMillis(500))
                    .idleness(Duration.ofSeconds(2))
                    .build();
            try (LocalJob job = LocalJob.start(TakeoverJob.from(config),
                    LocalJob.Options.defaults().withSavepointDir(dir.resolve("savepoints")).withJobName("bench-alerts"))) {
                job.awaitRunning(Duration.ofSeconds(60));
                long measureFrom = System.currentTimeMillis() + warm.toMillis();
                Thread reader = new Thread(() -> readAlerts(kafka, topics, config, alerts, sentAt, latencies,
                        measureFrom, producing), "bench-alert-reader");
                reader.start();
                long produced = produce(kafka, topics, events, sentAt, run);
                producing.set(false);
                reader.join(30_000);
                print(out, produced, run, latencies);
            }
        }
        return Launcher.OK;
    }

    private long produce(EmbeddedKafka kafka, TopicNames topics, Codec<ConversationEvent> codec,
            Map<String, Long> sentAt, Duration run) throws Exception {
        Properties p = KafkaClients.producerProperties(kafka.bootstrapServers(), null);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        long produced = 0;
        int active = 200;
        int[] step = new int[active];
        int[] serial = new int[active];
        long start = System.nanoTime();
        long end = start + run.toNanos();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            int slot = 0;
            while (System.nanoTime() < end) {
                long due = start + produced * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                slot = (slot + 1) % active;
                String conversation = "bench-" + slot + "-" + serial[slot];
                boolean asksForHuman = (serial[slot] % 5) == 0;
                long now = System.currentTimeMillis();
                Object payload = switch (step[slot]) {
                    case 0 -> new ConversationStarted("cust-" + slot, "standard", 0.0, "web", "en");
                    case 1, 3 -> new CustomerMessage(CALM[(serial[slot] + step[slot]) % CALM.length]);
                    case 5 -> new CustomerMessage(asksForHuman ? HUMAN : CALM[serial[slot] % CALM.length]);
                    case 2, 4, 6 -> new AiMessage("Let me check that for you.", 0.9, "order_status");
                    default -> new ConversationEnded(EndedBy.CUSTOMER, "resolved");
                };
                String eventId = conversation + "-e" + step[slot];
                ConversationEvent e = ConversationEvent.newBuilder().setEventId(eventId)
                        .setConversationId(conversation).setEventTime(now).setPayload(payload).build();
                if (step[slot] == 5 && asksForHuman) {
                    sentAt.put(eventId, now);
                }
                producer.send(new ProducerRecord<>(topics.conversationEvents(), null, now,
                        conversation.getBytes(StandardCharsets.UTF_8), codec.encode(e)));
                produced++;
                if (++step[slot] == 8) {
                    step[slot] = 0;
                    serial[slot]++;
                }
            }
            producer.flush();
        }
        return produced;
    }

    private static void readAlerts(EmbeddedKafka kafka, TopicNames topics, JobConfig config,
            Codec<TakeoverAlert> codec, Map<String, Long> sentAt, List<Long> latencies, long measureFrom,
            AtomicBoolean producing) {
        Properties c = KafkaClients.groupReaderProperties(kafka.bootstrapServers(), "bench-reader",
                config.delivery() == JobConfig.Delivery.EXACTLY_ONCE ? IsolationLevel.READ_COMMITTED
                        : IsolationLevel.READ_UNCOMMITTED);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of(topics.takeoverAlerts()));
            long quietSince = -1;
            while (true) {
                var records = consumer.poll(Duration.ofMillis(100));
                long receivedAt = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    TakeoverAlert a = codec.decode(r.value());
                    Long sent = a.getTriggerEventId() == null ? null : sentAt.get(a.getTriggerEventId());
                    if (sent != null && sent >= measureFrom) {
                        latencies.add(receivedAt - sent);
                    }
                }
                if (!producing.get()) {
                    // after the producer stopped, wait for the last checkpoint's alerts, then stop
                    quietSince = records.isEmpty() ? (quietSince < 0 ? System.currentTimeMillis() : quietSince) : -1;
                    if (quietSince > 0 && System.currentTimeMillis() - quietSince > 5_000) {
                        return;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("reading alerts failed: " + e, e);
        }
    }

    private void print(PrintWriter out, long produced, Duration run, List<Long> latencies) {
        List<Long> l = new ArrayList<>(latencies);
        Collections.sort(l);
        out.printf("delivery=%s checkpoint-interval=%s rate=%d/s events=%d (%.0f/s) alerts measured=%d%n", delivery,
                checkpointInterval, rate, produced, produced / (run.toMillis() / 1000.0), l.size());
        if (l.isEmpty()) {
            out.println("no alerts measured");
        } else {
            out.printf("alert latency ms: p50=%d p95=%d p99=%d max=%d%n", pct(l, 50), pct(l, 95), pct(l, 99),
                    l.get(l.size() - 1));
        }
        out.flush();
    }

    private static long pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
