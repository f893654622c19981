package com.takeover.bench;

import com.takeover.codec.Codec;
import com.takeover.codec.WireFormat;
import com.takeover.job.ConversationWithTimers;
import com.takeover.job.ConversationWithTimersSerializer;
import com.takeover.job.JobConfig;
import com.takeover.job.LocalJob;
import com.takeover.job.TakeoverJob;
import com.takeover.kafka.EmbeddedKafka;
import com.takeover.kafka.KafkaClients;
import com.takeover.kafka.TopicNames;
import com.takeover.rules.AlertFactory;
import com.takeover.rules.RuleEvaluator;
import com.takeover.rules.RuleSet;
import com.takeover.rules.RulesLoader;
import com.takeover.schema.AiMessage;
import com.takeover.schema.ConversationEnded;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationStarted;
import com.takeover.schema.CustomerMessage;
import com.takeover.schema.EndedBy;
import com.takeover.schema.TakeoverAlert;
import com.takeover.scoring.ConversationScorer;
import com.takeover.scoring.ConversationState;
import com.takeover.scoring.ScoringConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;

/**
 * State per conversation, two ways. (1) The serialized size of a conversation's keyed state (what a checkpoint
 * or RocksDB holds) for simulated conversations run through the real scoring core, at every event. (2) The
 * heap of the running job (local Flink cluster with the heap state backend, parallelism 1, in this JVM, fed
 * through a local broker): after a warm-up, with K conversations open, after they ended and were cleaned up,
 * and after a million more conversations came and went. Heap is read after full collections; each phase ends
 * when an alert of a marker conversation sent last shows that the job has processed everything before it.
 */
public final class MemoryBenchmark {

    public record Options(int open, int ended, int wave, long seed, boolean lake) {}

    public record SerializedSizes(int states, Percentiles openBytes, double openMeanBytes, Percentiles endedBytes) {}

    /** @param savepointBytes the job's savepoint taken at the end of the phase: its state, every operator */
    public record HeapPhase(String name, long conversations, long heapBytes, long savepointBytes) {}

    public record Result(SerializedSizes serialized, List<HeapPhase> phases) {
        public long baseline() {
            return phases.get(0).heapBytes();
        }
    }

    private static final String HUMAN = "This is going nowhere, let me talk to a human agent please";
    private static final String[] ANSWERS = {
        "Let me check that for you.", "I can see your order is on its way and should arrive tomorrow.",
        "I'm sorry about that. I have refunded the charge; it shows within 3 to 5 business days.",
        "Could you tell me your order number so I can look into it?"};
    private static final String[] SEGMENTS = {"standard", "standard", "standard", "enterprise", "vip"};

    private final Options o;
    private final PrintWriter progress;
    private final List<String> texts = corpus();
    private final Codec<ConversationEvent> codec = WireFormat.AVRO.codec(ConversationEvent.class);

    private MemoryBenchmark(Options o, PrintWriter progress) {
        this.o = o;
        this.progress = progress;
    }

    public static Result run(Options o, PrintWriter progress) throws Exception {
        return new MemoryBenchmark(o, progress).run();
    }

    private Result run() throws Exception {
        progress.println("bench memory: serialized state sizes of simulated conversations...");
        SerializedSizes sizes = serializedSizes(o.seed(), 5_000);
        List<HeapPhase> phases = new ArrayList<>();
        Path dir = Files.createTempDirectory("takeover-bench-memory-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TopicNames t = new TopicNames("mem-conversation-events", "mem-takeover-alerts", "mem-dlq", "mem-rules",
                    "mem-rejections");
            kafka.createTopics(t, 1);
            JobConfig config = JobConfig.builder()
                    .bootstrapServers(kafka.bootstrapServers())
                    .topics(t)
                    .groupId("bench-memory")
                    .parallelism(1)
                    .lakePath(o.lake() ? dir.resolve("lake").toString() : "")
                    .build();
            LocalJob job = LocalJob.start(TakeoverJob.from(config),
                    LocalJob.Options.defaults().withSavepointDir(dir.resolve("savepoints")).withJobName("bench memory"));
            try (KafkaProducer<byte[], byte[]> producer = Traffic.bulkProducer(kafka.bootstrapServers());
                    KafkaConsumer<byte[], byte[]> alerts = alertReader(kafka, t.takeoverAlerts())) {
                job.awaitRunning(Duration.ofSeconds(60));
                Clock clock = new Clock(Traffic.SIM_START.toEpochMilli());
                // Warm-up: a wave that comes and goes, so code paths, buffers and pools are in place
                sendWave(producer, t, clock, "warm", Math.min(20_000, o.wave()), true);
                settle(producer, alerts, t, clock);
                phases.add(new HeapPhase("baseline (warm, no conversation open)", 0, heap(), savepointBytes(job, dir)));

                progress.printf(Locale.ROOT, "  opening %,d conversations...%n", o.open());
                List<String> open = sendWave(producer, t, clock, "open", o.open(), false);
                sync(producer, alerts, t, clock);
                phases.add(new HeapPhase("conversations open", o.open(), heap(), savepointBytes(job, dir)));

                for (String id : open) {
                    send(producer, t, event(id, id + "-end", clock.tick(), new ConversationEnded(EndedBy.CUSTOMER, "resolved")));
                }
                settle(producer, alerts, t, clock);
                phases.add(new HeapPhase("after they ended (end + grace passed)", o.open(), heap(), savepointBytes(job, dir)));

                long ended = 0;
                int w = 0;
                while (ended < o.ended()) {
                    int n = (int) Math.min(o.wave(), o.ended() - ended);
                    sendWave(producer, t, clock, "w" + (++w), n, true);
                    sync(producer, alerts, t, clock);
                    ended += n;
                    progress.printf(Locale.ROOT, "  %,d of %,d conversations started and ended%n", ended, o.ended());
                }
                settle(producer, alerts, t, clock);
                phases.add(new HeapPhase("after " + String.format(Locale.ROOT, "%,d", ended)
                        + " more conversations ended", ended, heap(), savepointBytes(job, dir)));
            } finally {
                job.client().cancel().get(1, TimeUnit.MINUTES);
            }
        } finally {
            ThroughputBenchmark.deleteQuietly(dir);
        }
        return new Result(sizes, phases);
    }

    /** Event time of the benchmark's traffic: moves forward only. */
    private static final class Clock {
        long now;

        Clock(long start) {
            now = start;
        }

        long tick() {
            return now += 10;
        }

        void jump(Duration d) {
            now += d.toMillis();
        }
    }

    /**
     * {@code n} conversations, 10 ms apart in event time: start, a customer message, an AI answer, a second
     * message and answer, and (if {@code end}) the end. Returns their ids.
     */
    private List<String> sendWave(KafkaProducer<byte[], byte[]> producer, TopicNames t, Clock clock, String wave,
            int n, boolean end) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = "m-" + wave + "-" + i;
            ids.add(id);
            long t0 = clock.tick();
            send(producer, t, event(id, id + "-1", t0,
                    new ConversationStarted("cust-" + (i % 50_000), SEGMENTS[i % SEGMENTS.length], 100.0 * (i % 7),
                            i % 3 == 0 ? "app" : "web", "en")));
            send(producer, t, event(id, id + "-2", t0 + 1, new CustomerMessage(texts.get(i % texts.size()))));
            send(producer, t, event(id, id + "-3", t0 + 2, new AiMessage(ANSWERS[i % ANSWERS.length], 0.8, "order_status")));
            send(producer, t, event(id, id + "-4", t0 + 3, new CustomerMessage(texts.get((i * 7 + 3) % texts.size()))));
            send(producer, t, event(id, id + "-5", t0 + 4, new AiMessage(ANSWERS[(i + 1) % ANSWERS.length], 0.85, null)));
            if (end) {
                send(producer, t, event(id, id + "-6", t0 + 5, new ConversationEnded(EndedBy.AI, "resolved")));
            }
        }
        return ids;
    }

    private int syncs;

    /** Waits until the job has processed everything sent so far (an alert of a marker conversation sent last). */
    private void sync(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> alerts, TopicNames t,
            Clock clock) throws Exception {
        String id = "m-sync-" + (++syncs);
        long at = clock.tick();
        send(producer, t, event(id, id + "-1", at, new ConversationStarted("cust-sync", "standard", 0.0, "web", "en")));
        send(producer, t, event(id, id + "-2", at + 1, new CustomerMessage(HUMAN)));
        send(producer, t, event(id, id + "-3", at + 2, new ConversationEnded(EndedBy.AI, "resolved")));
        producer.flush();
        Codec<TakeoverAlert> alertCodec = WireFormat.AVRO.codec(TakeoverAlert.class);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (var r : alerts.poll(Duration.ofMillis(200))) {
                if (alertCodec.decode(r.value()).getConversationId().equals(id)) {
                    return;
                }
            }
        }
        throw new IllegalStateException("the job did not get to marker " + id + " within 10 minutes");
    }

    /** Moves event time two hours on (past every end + grace and TTL) and waits for the job to get there. */
    private void settle(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> alerts, TopicNames t,
            Clock clock) throws Exception {
        clock.jump(Duration.ofHours(2));
        sync(producer, alerts, t, clock);
        // the marker moved event time; its watermark follows within the 200 ms watermark interval, and one more
        // marker behind it shows that the timers it let through have fired
        Thread.sleep(1_000);
        clock.jump(Duration.ofMinutes(10));
        sync(producer, alerts, t, clock);
    }

    private void send(KafkaProducer<byte[], byte[]> producer, TopicNames t, ConversationEvent e) {
        producer.send(new ProducerRecord<>(t.conversationEvents(), e.getConversationId().getBytes(StandardCharsets.UTF_8),
                codec.encode(e)));
    }

    private static ConversationEvent event(String conversation, String eventId, long time, Object payload) {
        return ConversationEvent.newBuilder().setConversationId(conversation).setEventId(eventId).setEventTime(time)
                .setPayload(payload).build();
    }

    private static KafkaConsumer<byte[], byte[]> alertReader(EmbeddedKafka kafka, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.groupReaderProperties(
                kafka.bootstrapServers(), "bench-memory-reader", IsolationLevel.READ_UNCOMMITTED));
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Size on disk of a savepoint of the running job (what a restore would load). */
    static long savepointBytes(LocalJob job, Path dir) throws Exception {
        Path target = Files.createTempDirectory(dir, "savepoint-");
        String savepoint = job.client().triggerSavepoint(target.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(5, TimeUnit.MINUTES);
        try {
            return LocalJob.sizeOf(savepoint);
        } finally {
            ThroughputBenchmark.deleteQuietly(target);
        }
    }

    /** Heap in use after full collections. */
    static long heap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(300);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Serialized ConversationState after every event of {@code conversations} simulated conversations. */
    static SerializedSizes serializedSizes(long seed, int conversations) throws IOException {
        ConversationScorer scorer = new ConversationScorer(ScoringConfig.defaults());
        RuleEvaluator evaluator = new RuleEvaluator(scorer);
        RuleSet rules = RulesLoader.defaults();
        AlertFactory alerts = new AlertFactory();
        // The keyed state's own serializer, as a checkpoint writes it (with the timer times: 25 bytes more).
        TypeSerializer<ConversationWithTimers> ser = new ConversationWithTimersSerializer();
        DataOutputSerializer out = new DataOutputSerializer(1024);
        Map<String, ConversationState> states = new HashMap<>();
        List<Long> open = new ArrayList<>();
        List<Long> ended = new ArrayList<>();
        var sim = Traffic.simulator(seed);
        int finished = 0;
        while (finished < conversations) {
            ConversationEvent e = sim.next();
            ConversationState s = states.computeIfAbsent(e.getConversationId(), ConversationState::new);
            scorer.apply(s, e);
            long t = e.getEventTime();
            evaluator.evaluate(s, rules, t).forEach(f -> alerts.create(s, f, e.getEventId(), t, scorer.risk(s, t)));
            out.clear();
            ConversationWithTimers kept = new ConversationWithTimers(s);
            if (s.ended) {
                kept.closeEnded(t); // what the job keeps once the summary is written
            }
            ser.serialize(kept, out);
            if (s.ended) {
                ended.add((long) out.length());
                states.remove(e.getConversationId());
                finished++;
            } else {
                open.add((long) out.length());
            }
        }
        long[] o = open.stream().mapToLong(Long::longValue).toArray();
        return new SerializedSizes(finished, Percentiles.of(o), java.util.Arrays.stream(o).average().orElse(0),
                Percentiles.of(ended.stream().mapToLong(Long::longValue).toArray()));
    }

    static List<String> corpus() {
        InputStream in = MemoryBenchmark.class.getResourceAsStream("/com/takeover/cli/bench-support-messages.txt");
        if (in == null) {
            throw new IllegalStateException("classpath resource bench-support-messages.txt is missing");
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
