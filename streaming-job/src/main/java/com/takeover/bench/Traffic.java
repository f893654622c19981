package com.takeover.bench;

import com.takeover.codec.Codec;
import com.takeover.codec.WireFormat;
import com.takeover.kafka.KafkaClients;
import com.takeover.schema.ConversationEvent;
import com.takeover.simulate.ConversationSimulator;
import com.takeover.simulate.SimulationConfig;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Simulated conversation traffic for the benchmarks, and a producer tuned for loading it fast. */
public final class Traffic {
    /**
     * Simulated time starts here: in the past, so even tens of millions of events stay behind the job's
     * clock ({@code max-event-time-ahead}).
     */
    public static final Instant SIM_START = Instant.parse("2026-09-01T00:00:00Z");

    private Traffic() {}

    /** The simulation the benchmarks replay: 3,600 conversations per simulated hour, no day curve. */
    public static ConversationSimulator simulator(long seed) {
        return new ConversationSimulator(SimulationConfig.defaults(seed)
                .withStart(SIM_START)
                .withConversationsPerHour(3_600)
                .withDiurnal(false));
    }

    /** The first {@code n} events of the simulation, in event-time order. */
    public static List<ConversationEvent> events(long seed, int n) {
        ConversationSimulator sim = simulator(seed);
        List<ConversationEvent> out = new ArrayList<>(n);
        while (out.size() < n) {
            out.add(sim.next());
        }
        return out;
    }

    /** A producer of raw records for bulk loading: batches of up to 512 KB, acks from the leader only. */
    public static KafkaProducer<byte[], byte[]> bulkProducer(String bootstrap) {
        Properties p = KafkaClients.producerProperties(bootstrap, null);
        // loading speed over delivery guarantees: one ack, no idempotence, large batches
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        return new KafkaProducer<>(p);
    }

    /** What loading produced. */
    public record Loaded(long events, double seconds) {
        public double eventsPerSecond() {
            return events / seconds;
        }
    }

    /**
     * Simulates {@code n} events (seeded) and produces them, Avro-encoded and keyed by conversation id, into
     * {@code topic}; prints progress every few seconds.
     */
    public static Loaded load(String bootstrap, String topic, long n, long seed, PrintWriter progress) {
        ConversationSimulator sim = simulator(seed);
        Codec<ConversationEvent> codec = WireFormat.AVRO.codec(ConversationEvent.class);
        long start = System.nanoTime();
        long lastReport = start;
        try (KafkaProducer<byte[], byte[]> producer = bulkProducer(bootstrap)) {
            for (long i = 0; i < n; i++) {
                ConversationEvent e = sim.next();
                producer.send(new ProducerRecord<>(topic, e.getConversationId().getBytes(StandardCharsets.UTF_8),
                        codec.encode(e)));
                long now = System.nanoTime();
                if (progress != null && now - lastReport > 5_000_000_000L) {
                    progress.printf(Locale.ROOT, "  loading: %,d of %,d events (%,.0f/s)%n", i + 1, n,
                            (i + 1) / ((now - start) / 1e9));
                    lastReport = now;
                }
            }
            producer.flush();
        }
        return new Loaded(n, (System.nanoTime() - start) / 1e9);
    }
}
