package com.takeover.simulate;

import com.takeover.codec.WireFormat;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ResolutionOutcome;
import com.takeover.schema.TakeoverAlert;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the simulator against a destination with wall-clock pacing: events in event-time order
 * to Kafka (or JSON lines), the simulated supervisors reading {@code takeover-alerts} in a second
 * thread, the outcomes written into the lake at the end (or periodically). Used by
 * {@code bin/takeover simulate} and by the one-machine demo.
 *
 * <pre>{@code
 * try (SimulatorRunner sim = new SimulatorRunner(SimulatorRunner.Config.builder()
 *         .bootstrapServers(broker).seed(7).dayIn(Duration.ofMinutes(10)).duration(Duration.ofMinutes(2))
 *         .lake(Path.of("lake")).progress(System.err).build())) {
 *     sim.start();
 *     sim.awaitCompletion(Duration.ofMinutes(5));
 *     System.out.println(sim.stats());
 * }
 * }</pre>
 *
 * <p>When the duration is up (or the conversation limit reached) no new conversation opens and
 * the open ones are finished without pacing, so every conversation sent also ends; then the
 * producer is flushed and the outcomes written. {@link #close()} does the same at any time.
 */
public final class SimulatorRunner implements AutoCloseable {

    /** Where the supervisors' takeover decisions come from. */
    public enum Supervisors {
        /** Alerts read from the alerts topic (the Flink job's): the closed loop of the demo. */
        ALERTS_TOPIC,
        /** The simulator's own stand-in alerts: for runs without the job (dry runs, test data). */
        BUILT_IN,
        /** Only manual takeovers and AI self-escalations. */
        NONE
    }

    /** How fast events go out in wall-clock time. */
    public sealed interface Pacing {
        /** As fast as the destination takes them. */
        record Unlimited() implements Pacing {}

        /** A fixed number of events per wall-clock second; simulated time runs at whatever speed that gives. */
        record EventsPerSecond(double rate) implements Pacing {
            public EventsPerSecond {
                if (!(rate > 0)) {
                    throw new IllegalArgumentException("rate must be > 0 events/s, got " + rate);
                }
            }
        }

        /** Simulated time runs so that one simulated day takes this much wall time. */
        record DayIn(Duration wall) implements Pacing {
            public DayIn {
                if (wall.isNegative() || wall.isZero()) {
                    throw new IllegalArgumentException("a day must take a positive wall time, got " + wall);
                }
            }

            /** Simulated milliseconds per wall millisecond. */
            public double speedUp() {
                return Duration.ofDays(1).toMillis() / (double) wall.toMillis();
            }
        }
    }

    /**
     * What to run. Build with {@link #builder()}; defaults: topics {@code conversation-events} /
     * {@code takeover-alerts}, Avro single-object values, unlimited pacing, supervisors from the
     * alerts topic when a broker is given (else built-in), no duration (set conversations or a
     * duration), no lake, progress every 5 s when a progress stream is given.
     */
    public record Config(
            SimulationConfig simulation,
            String bootstrapServers,
            String eventsTopic,
            String alertsTopic,
            WireFormat format,
            Properties kafkaProperties,
            EventSink sink,
            Pacing pacing,
            Duration duration,
            Supervisors supervisors,
            Path lake,
            Duration outcomeFlushInterval,
            PrintStream progress,
            Duration progressInterval) {

        public Config {
            Objects.requireNonNull(simulation, "simulation");
            Objects.requireNonNull(pacing, "pacing");
            Objects.requireNonNull(supervisors, "supervisors");
            if (sink == null && bootstrapServers == null) {
                throw new IllegalArgumentException("either bootstrap servers or an event sink is needed");
            }
            if (supervisors == Supervisors.ALERTS_TOPIC && bootstrapServers == null) {
                throw new IllegalArgumentException("supervisors acting on the alerts topic need bootstrap servers");
            }
            if (duration == null && simulation.maxConversations() == 0) {
                throw new IllegalArgumentException("set a duration or a number of conversations, else the simulation never ends");
            }
            if (simulation.builtInAlerts() != (supervisors == Supervisors.BUILT_IN)) {
                simulation = simulation.withBuiltInAlerts(supervisors == Supervisors.BUILT_IN);
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        /** Builder for {@link Config}. */
        public static final class Builder {
            private SimulationConfig simulation = SimulationConfig.defaults(1);
            private String bootstrapServers;
            private String eventsTopic = "conversation-events";
            private String alertsTopic = "takeover-alerts";
            private WireFormat format = WireFormat.AVRO;
            private Properties kafkaProperties = new Properties();
            private EventSink sink;
            private Pacing pacing = new Pacing.Unlimited();
            private Duration duration;
            private Supervisors supervisors;
            private Path lake;
            private Duration outcomeFlushInterval;
            private PrintStream progress;
            private Duration progressInterval = Duration.ofSeconds(5);

            public Builder simulation(SimulationConfig s) { this.simulation = s; return this; }
            public Builder seed(long seed) { this.simulation = new SimulationConfig(seed, simulation.start(), simulation.conversationsPerHour(), simulation.maxConversations(), simulation.abandonShare(), simulation.diurnal(), simulation.builtInAlerts()); return this; }
            public Builder start(Instant start) { this.simulation = simulation.withStart(start); return this; }
            public Builder conversations(long n) { this.simulation = simulation.withMaxConversations(n); return this; }
            public Builder conversationsPerHour(double r) { this.simulation = simulation.withConversationsPerHour(r); return this; }
            public Builder bootstrapServers(String b) { this.bootstrapServers = b; return this; }
            public Builder eventsTopic(String t) { this.eventsTopic = t; return this; }
            public Builder alertsTopic(String t) { this.alertsTopic = t; return this; }
            public Builder format(WireFormat f) { this.format = f; return this; }
            public Builder kafkaProperties(Properties p) { this.kafkaProperties = p; return this; }
            /** Send events here instead of Kafka (e.g. {@link EventSink#jsonLines}). */
            public Builder sink(EventSink s) { this.sink = s; return this; }
            public Builder pacing(Pacing p) { this.pacing = p; return this; }
            public Builder eventsPerSecond(double rate) { this.pacing = new Pacing.EventsPerSecond(rate); return this; }
            public Builder dayIn(Duration wall) { this.pacing = new Pacing.DayIn(wall); return this; }
            /** Wall-clock time to keep opening conversations. */
            public Builder duration(Duration d) { this.duration = d; return this; }
            public Builder supervisors(Supervisors s) { this.supervisors = s; return this; }
            public Builder lake(Path p) { this.lake = p; return this; }
            /** Write outcomes every so often (wall time) instead of only at the end. */
            public Builder outcomeFlushInterval(Duration d) { this.outcomeFlushInterval = d; return this; }
            public Builder progress(PrintStream p) { this.progress = p; return this; }
            public Builder progressInterval(Duration d) { this.progressInterval = d; return this; }

            public Config build() {
                Supervisors s = supervisors != null ? supervisors
                        : bootstrapServers != null && sink == null ? Supervisors.ALERTS_TOPIC : Supervisors.BUILT_IN;
                return new Config(simulation, bootstrapServers, eventsTopic, alertsTopic, format, kafkaProperties, sink, pacing,
                        duration, s, lake, outcomeFlushInterval, progress, progressInterval);
            }
        }
    }

    /**
     * A snapshot of a run (at most ~100 ms old while running, exact once finished).
     *
     * @param eventsSent       events handed to the destination
     * @param eventsDelivered  events the destination confirmed (Kafka acks)
     * @param alertsReceived   alerts read from the alerts topic (or built-in stand-ins)
     * @param takeovers        takeover events sent, by any trigger
     * @param missedTakeovers  takeovers decided too late: the conversation had ended
     * @param simulatedTime    event time of the last event sent
     */
    public record Stats(
            long conversationsStarted,
            long conversationsEnded,
            long eventsSent,
            long eventsDelivered,
            long alertsReceived,
            long takeovers,
            long takeoversFromAlerts,
            long handBacks,
            long missedTakeovers,
            long outcomesWritten,
            Instant simulatedTime,
            Duration elapsed,
            boolean finished) {

        /** Mean events per wall-clock second so far. */
        public double eventsPerSecond() {
            return elapsed.isZero() ? 0 : eventsSent / (elapsed.toNanos() / 1e9);
        }
    }

    private static final long SNAPSHOT_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Config config;
    private final ConversationSimulator simulator;
    private final OutcomeGenerator outcomes;
    private final SupervisorSimulator supervisors;
    private final EventSink sink;
    private final AlertListener alertListener;
    private final OutcomeLakeWriter lakeWriter;
    private final ConcurrentLinkedQueue<Incoming> incoming = new ConcurrentLinkedQueue<>();
    private final Map<String, Boolean> recentAlertIds = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 50_000;
        }
    };
    private final List<ResolutionOutcome> pendingOutcomes = new ArrayList<>();
    private final Thread generator;
    private volatile boolean stopRequested;
    private volatile boolean generatorDone;
    private volatile Stats snapshot;
    private volatile Throwable failure;
    private long wallStartNanos;
    private long lastSnapshotNanos;
    private long lastProgressNanos;
    private long lastFlushNanos;
    private long eventsSent;
    private long alertsReceived;
    private long outcomesWritten;
    private long lastProgressEvents;
    private boolean closed;

    private record Incoming(TakeoverAlert alert) {}

    public SimulatorRunner(Config config) {
        this.config = config;
        this.simulator = new ConversationSimulator(config.simulation());
        this.outcomes = new OutcomeGenerator(config.simulation().seed());
        this.supervisors = new SupervisorSimulator(config.simulation().seed());
        this.sink = config.sink() != null ? config.sink()
                : EventSink.kafka(config.bootstrapServers(), config.eventsTopic(), config.format(), config.kafkaProperties());
        this.alertListener = config.supervisors() == Supervisors.ALERTS_TOPIC
                ? new AlertListener(config.bootstrapServers(), config.alertsTopic(), config.format(), config.kafkaProperties(),
                        a -> incoming.add(new Incoming(a)))
                : null;
        this.lakeWriter = config.lake() == null ? null : new OutcomeLakeWriter(config.lake(), String.format("sim-%x-%d",
                config.simulation().seed(), config.simulation().start().getEpochSecond()));
        this.generator = new Thread(this::generate, "simulator");
        this.snapshot = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, config.simulation().start(), Duration.ZERO, false);
    }

    public Config config() {
        return config;
    }

    /**
     * Starts the supervisors' alert listener (waiting up to 10 s for it to find the alerts topic,
     * so no early alert is missed) and the generator thread. Returns at once after that.
     */
    public synchronized void start() throws InterruptedException {
        if (generator.isAlive() || closed) {
            throw new IllegalStateException("the simulator runs only once");
        }
        if (alertListener != null) {
            alertListener.start();
            if (!alertListener.awaitAssigned(Duration.ofSeconds(10)) && config.progress() != null) {
                config.progress().println("simulate: topic " + config.alertsTopic() + " not there yet; supervisors will start when it appears");
            }
        }
        if (config.sink() == null && !TopicReadiness.await(config.bootstrapServers(), config.kafkaProperties(), config.eventsTopic(),
                Duration.ofSeconds(15)) && config.progress() != null) {
            config.progress().println("simulate: topic " + config.eventsTopic() + " not found or not ready on "
                    + config.bootstrapServers() + "; sending anyway (the broker may create it)");
        }
        wallStartNanos = System.nanoTime();
        generator.start();
    }

    /** Runs to the end (duration or conversation limit) in the calling thread's stead; returns the final stats. */
    public Stats run() throws InterruptedException {
        start();
        generator.join();
        close();
        return stats();
    }

    /** Waits for the run to finish by itself; false when the timeout passed first. Rethrows a failure of the run. */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        generator.join(Math.max(1, timeout.toMillis()));
        rethrowFailure();
        return !generator.isAlive();
    }

    /** Asks the run to stop: no new conversations; the open ones are finished quickly. */
    public void stop() {
        stopRequested = true;
    }

    public Stats stats() {
        return snapshot;
    }

    /** Whether the run has ended (normally or not). */
    public boolean finished() {
        return snapshot.finished();
    }

    /** Stops (finishing open conversations), flushes the producer, writes pending outcomes, closes Kafka clients. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopRequested = true;
        try {
            if (generator.isAlive()) {
                generator.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (alertListener != null) {
                alertListener.close();
            }
            try {
                sink.close();
            } finally {
                publish();
            }
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        Throwable f = failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        if (f != null) {
            throw new IllegalStateException(f.getMessage(), f);
        }
    }

    // ------------------------------------------------------------------------------------------
    // the generator thread

    private void generate() {
        try {
            long deadline = config.duration() == null ? Long.MAX_VALUE : wallStartNanos + config.duration().toNanos();
            long simStart = config.simulation().start().toEpochMilli();
            boolean draining = false;
            lastSnapshotNanos = lastProgressNanos = lastFlushNanos = wallStartNanos;
            while (simulator.hasNext()) {
                applyIncoming();
                if (!draining && (stopRequested || System.nanoTime() >= deadline)) {
                    simulator.stopArrivals();
                    draining = true; // finish the open conversations without pacing
                    if (!simulator.hasNext()) {
                        break;
                    }
                }
                if (!draining && !waitUntilDue(simStart, deadline)) {
                    continue; // stop requested or deadline passed while waiting
                }
                ConversationEvent e = simulator.next();
                sink.send(e);
                eventsSent++;
                collectOutcomes();
                long now = System.nanoTime();
                if (now - lastSnapshotNanos >= SNAPSHOT_EVERY_NANOS) {
                    publish();
                    lastSnapshotNanos = now;
                }
                if (config.progress() != null && now - lastProgressNanos >= config.progressInterval().toNanos()) {
                    printProgress(now);
                }
                if (lakeWriter != null && config.outcomeFlushInterval() != null
                        && now - lastFlushNanos >= config.outcomeFlushInterval().toNanos()) {
                    writeOutcomes();
                    lastFlushNanos = now;
                }
            }
            applyIncoming();
            sink.flush();
            collectOutcomes();
            writeOutcomes();
            if (config.progress() != null) {
                printProgress(System.nanoTime());
            }
        } catch (Throwable t) {
            failure = t;
            if (config.progress() != null) {
                config.progress().println("simulate: stopped by an error: " + t.getMessage());
            }
        } finally {
            generatorDone = true;
            publish();
        }
    }

    /**
     * Sleeps until the next event is due in wall time, applying supervisors' decisions meanwhile
     * (one may make an earlier event due). False when stopping or the deadline came first.
     */
    private boolean waitUntilDue(long simStart, long deadline) throws InterruptedException {
        while (true) {
            long due = dueNanos(simStart);
            long now = System.nanoTime();
            if (now >= due) {
                return true;
            }
            if (stopRequested || now >= deadline) {
                return false;
            }
            long sleep = Math.min(due - now, Math.min(TimeUnit.MILLISECONDS.toNanos(20), deadline - now));
            TimeUnit.NANOSECONDS.sleep(Math.max(sleep, 100_000));
            applyIncoming();
        }
    }

    private long dueNanos(long simStart) {
        Pacing p = config.pacing();
        if (p instanceof Pacing.EventsPerSecond r) {
            return wallStartNanos + (long) (eventsSent * 1e9 / r.rate());
        }
        if (p instanceof Pacing.DayIn d) {
            long simOffsetMs = simulator.peekTime() - simStart;
            return wallStartNanos + (long) (simOffsetMs * 1e6 / d.speedUp());
        }
        return Long.MIN_VALUE;
    }

    private void applyIncoming() {
        Incoming in;
        while ((in = incoming.poll()) != null) {
            TakeoverAlert alert = in.alert();
            if (recentAlertIds.put(alert.getAlertId(), Boolean.TRUE) != null) {
                continue; // a duplicate delivery of an alert already handled
            }
            alertsReceived++;
            if (simulator.alertSeen(alert.getConversationId())) {
                supervisors.decide(alert).ifPresent(simulator::offer);
            }
        }
    }

    private void collectOutcomes() {
        List<ConversationFacts> done = simulator.drainFinished();
        if (lakeWriter != null) {
            for (ConversationFacts f : done) {
                pendingOutcomes.addAll(outcomes.outcomes(f));
            }
        }
    }

    private void writeOutcomes() {
        if (lakeWriter == null || pendingOutcomes.isEmpty()) {
            return;
        }
        lakeWriter.write(pendingOutcomes);
        outcomesWritten += pendingOutcomes.size();
        pendingOutcomes.clear();
    }

    private void publish() {
        ConversationSimulator.Counters c = simulator.counters();
        long alerts = alertsReceived + c.builtInAlerts();
        snapshot = new Stats(c.started(), c.finished(), eventsSent, sink.delivered(), alerts, c.takeovers(), c.takeoversFromAlerts(),
                c.handBacks(), c.missedTakeovers(), outcomesWritten, Instant.ofEpochMilli(simulator.frontier()),
                Duration.ofNanos(wallStartNanos == 0 ? 0 : System.nanoTime() - wallStartNanos), generatorDone);
    }

    private void printProgress(long now) {
        publish();
        Stats s = snapshot;
        double seconds = (now - lastProgressNanos) / 1e9;
        double rate = seconds > 0 ? (s.eventsSent() - lastProgressEvents) / seconds : 0;
        lastProgressEvents = s.eventsSent();
        lastProgressNanos = now;
        config.progress().printf(Locale.ROOT,
                "simulate %s | sim %s | conversations %,d started %,d ended %,d open | events %,d (%,.0f/s) | alerts %,d | takeovers %,d (%,d on alerts) | hand-backs %,d%n",
                LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(s.simulatedTime()),
                s.conversationsStarted(), s.conversationsEnded(), simulator.activeConversations(),
                s.eventsSent(), rate, s.alertsReceived(), s.takeovers(), s.takeoversFromAlerts(), s.handBacks());
    }
}
