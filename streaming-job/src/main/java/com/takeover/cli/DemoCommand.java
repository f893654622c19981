package com.takeover.cli;

import com.takeover.codec.Codec;
import com.takeover.codec.DecodeException;
import com.takeover.codec.WireFormat;
import com.takeover.job.JobConfig;
import com.takeover.job.LocalJob;
import com.takeover.job.TakeoverJob;
import com.takeover.kafka.EmbeddedKafka;
import com.takeover.kafka.KafkaClients;
import com.takeover.kafka.TopicNames;
import com.takeover.privacy.PiiMasker;
import com.takeover.schema.Severity;
import com.takeover.schema.TakeoverAlert;
import com.takeover.simulate.SimulationConfig;
import com.takeover.simulate.SimulatorRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/takeover demo}: the whole product on one machine. A real Kafka broker (KRaft, loopback),
 * the Flink job on a local MiniCluster, the simulator compressing a support day into the run, alerts
 * printed as they arrive with a progress line, a clean stop that commits the lake, then the nightly
 * report on the lake it produced.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "One-machine demo: starts a Kafka broker on loopback, the Flink job on a local cluster and the",
            "simulator (a support day compressed into --duration), prints alerts as they arrive and a",
            "progress line, stops cleanly, leaves the Parquet lake in --lake and runs the nightly report on it."},
        footer = {"", "Example:", "  bin/takeover demo --duration 2m --lake demo-lake"})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--duration", defaultValue = "2m", converter = DurationConverter.class,
            description = "How long the simulation runs (wall clock); a whole support day is compressed into it. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--lake", defaultValue = "demo-lake", paramLabel = "DIR",
            description = "Where the lake is left (conversations/, alerts/, takeovers/, outcomes/). Replaced if it is a lake from an earlier run; a directory holding anything else is refused. Default: ${DEFAULT-VALUE}.")
    Path lake;

    @Option(names = "--report", defaultValue = "demo-report", paramLabel = "DIR",
            description = "Where the nightly report goes. Default: ${DEFAULT-VALUE}.")
    Path report;

    @Option(names = "--day", paramLabel = "YYYY-MM-DD",
            description = "The simulated support day (UTC). Default: a week ago, so that its report sees the outcomes that arrived up to 6 days late.")
    LocalDate day;

    @Option(names = "--conversations-per-hour", defaultValue = "" + SimulationConfig.DEFAULT_CONVERSATIONS_PER_HOUR,
            description = "Simulated load at the daily peak. Default: ${DEFAULT-VALUE}.")
    double conversationsPerHour;

    @Option(names = "--seed", defaultValue = "42", description = "Simulator seed (same seed, same conversations). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--alert-lines", defaultValue = "5", paramLabel = "N",
            description = "At most N alert lines per second are printed (all are counted). 0 prints none. Default: ${DEFAULT-VALUE}.")
    int alertLinesPerSecond;

    @Option(names = "--web-ui", description = "Serve Flink's web UI on http://localhost:8081 while the demo runs.")
    boolean webUi;

    @Option(names = "--no-report", description = "Skip the nightly report at the end.")
    boolean noReport;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        if (duration.isNegative() || duration.isZero()) {
            throw new Launcher.CommandFailure(Launcher.BAD_ARGUMENTS, "--duration must be positive");
        }
        LocalDate simulatedDay = day != null ? day : LocalDate.now(ZoneOffset.UTC).minusDays(7);
        Instant dayStart = simulatedDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        Path lakeDir = lake.toAbsolutePath().normalize();
        replaceDirectory(lakeDir);
        Path work = Files.createTempDirectory("takeover-demo-");

        step("Starting a Kafka broker on loopback");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), java.util.Map.of())) {
            TopicNames topics = TopicNames.defaults();
            kafka.createTopics(topics, 2);
            step("Broker ready on " + kafka.bootstrapServers() + "; topics " + String.join(", ", topics.all()));

            JobConfig config = JobConfig.builder()
                    .bootstrapServers(kafka.bootstrapServers())
                    .lakePath(lakeDir.toString())
                    .checkpointDir(work.resolve("checkpoints").toString())
                    .checkpointInterval(Duration.ofSeconds(10))
                    .parallelism(2)
                    .build();
            LocalJob.Options options = LocalJob.Options.defaults()
                    .withJobName("takeover-alerts (demo)")
                    .withSavepointDir(work.resolve("savepoints"));
            LocalJob job = LocalJob.start(TakeoverJob.from(config), webUi ? options.withWebUi(8081) : options);
            job.awaitRunning(Duration.ofSeconds(60));
            step("Flink job running (" + job.client().getJobID() + ")" + (webUi ? ", web UI on http://localhost:8081" : ""));

            AlertTail tail = new AlertTail(kafka.bootstrapServers(), topics.takeoverAlerts(), alertLinesPerSecond);
            Thread tailThread = new Thread(tail, "demo-alert-tail");
            tailThread.setDaemon(true);
            tailThread.start();

            SimulatorRunner.Config simConfig = SimulatorRunner.Config.builder()
                    .simulation(SimulationConfig.defaults(seed)
                            .withStart(dayStart)
                            .withConversationsPerHour(conversationsPerHour))
                    .bootstrapServers(kafka.bootstrapServers())
                    .eventsTopic(topics.conversationEvents())
                    .alertsTopic(topics.takeoverAlerts())
                    .format(WireFormat.AVRO)
                    .dayIn(duration)
                    .duration(duration)
                    .lake(lakeDir)
                    .build();
            step(String.format(Locale.ROOT, "Simulating %s (UTC) in %s, seed %d; alerts below (time, severity, conversation, segment, topic, risk, reasons | last message)",
                    simulatedDay, human(duration), seed));
            long started = System.nanoTime();
            SimulatorRunner simulator = new SimulatorRunner(simConfig);
            try {
                simulator.start();
                while (!simulator.awaitCompletion(Duration.ofSeconds(5))) {
                    progress(started, simulator.stats(), tail);
                }
                // Let the job read what was sent last before draining it.
                tail.awaitQuiet(Duration.ofSeconds(3), Duration.ofSeconds(30));
                progress(started, simulator.stats(), tail);

                step("Stopping the job (drain: open conversations are closed, the lake files committed)");
                job.stop(true);
            } finally {
                simulator.close(); // writes the remaining outcomes
                tail.stop();
            }
            tailThread.join(5_000);
            SimulatorRunner.Stats stats = simulator.stats();
            summary(stats, tail, lakeDir);
        } finally {
            deleteQuietly(work);
        }

        if (noReport) {
            return Launcher.OK;
        }
        return runNightly(simulatedDay, lakeDir, report.toAbsolutePath().normalize());
    }

    private int runNightly(LocalDate simulatedDay, Path lakeDir, Path reportDir) throws IOException, InterruptedException {
        String home = System.getenv("TAKEOVER_HOME");
        if (home == null) {
            err.println("demo: TAKEOVER_HOME is not set (run through bin/takeover); skipping the nightly report");
            return Launcher.OK;
        }
        // The simulated day's report, with the outcomes known by today (the late ones included).
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate outcomesAsOf = today.isAfter(simulatedDay) ? today : simulatedDay;
        step("Running the nightly report of " + simulatedDay + " (outcomes known by " + outcomesAsOf + ") on the lake");
        Process p = new ProcessBuilder(Path.of(home, "bin", "takeover").toString(), "nightly",
                "--date", simulatedDay.toString(), "--outcomes-as-of", outcomesAsOf.toString(), "--lookback-days", "1",
                "--lake", lakeDir.toString(), "--out", reportDir.toString())
                .inheritIO()
                .start();
        int code = p.waitFor();
        if (code != 0) {
            throw new Launcher.CommandFailure(code, "the nightly report failed (exit " + code + "); the lake is in " + lakeDir);
        }
        Path html = reportDir.resolve("dt=" + simulatedDay).resolve("report.html");
        step("Report: " + (Files.exists(html) ? html : reportDir));
        return Launcher.OK;
    }

    private void progress(long startedNanos, SimulatorRunner.Stats s, AlertTail tail) {
        long secs = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
        long[] p = tail.latencyPercentiles();
        err.printf(Locale.ROOT,
                "[%02d:%02d] events in %,d (%,.0f/s) | conversations %,d | alerts out %,d | takeovers %,d | latency p50 %s p99 %s | simulated %s%n",
                secs / 60, secs % 60, s.eventsSent(), s.eventsPerSecond(), s.conversationsStarted(), tail.alerts(),
                s.takeovers(), ms(p[0]), ms(p[1]),
                s.simulatedTime() == null ? "-" : s.simulatedTime().atZone(ZoneOffset.UTC).toLocalTime().withNano(0));
    }

    private void summary(SimulatorRunner.Stats s, AlertTail tail, Path lakeDir) {
        long[] p = tail.overallPercentiles();
        out.printf(Locale.ROOT, "%n== demo summary ==%n");
        out.printf(Locale.ROOT, "events sent         %,d%n", s.eventsSent());
        out.printf(Locale.ROOT, "conversations       %,d started, %,d ended%n", s.conversationsStarted(), s.conversationsEnded());
        out.printf(Locale.ROOT, "alerts              %,d (%s)%n", tail.alerts(), tail.severityCounts());
        out.printf(Locale.ROOT, "takeovers           %,d (%,d after an alert), %,d hand-backs%n", s.takeovers(), s.takeoversFromAlerts(), s.handBacks());
        out.printf(Locale.ROOT, "alert latency       p50 %s  p99 %s  max %s (event published -> alert readable)%n", ms(p[0]), ms(p[1]), ms(p[2]));
        out.printf(Locale.ROOT, "outcomes written    %,d%n", s.outcomesWritten());
        out.printf(Locale.ROOT, "lake                %s%n", lakeDir);
        out.flush();
    }

    private void step(String message) {
        err.println("demo: " + message);
    }

    private static String ms(long v) {
        return v < 0 ? "-" : v + " ms";
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /** What a lake directory holds; a non-empty directory with anything else is never deleted. */
    private static final Set<String> LAKE_ENTRIES = Set.of("conversations", "alerts", "takeovers", "outcomes");

    private static void replaceDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var entries = Files.list(dir)) {
                List<String> foreign = entries.map(e -> e.getFileName().toString())
                        .filter(n -> !LAKE_ENTRIES.contains(n) && !n.startsWith(".")).sorted().toList();
                if (!foreign.isEmpty()) {
                    throw new Launcher.CommandFailure(Launcher.BAD_ARGUMENTS, "--lake " + dir + " is not empty and"
                            + " is not a lake (it holds " + String.join(", ", foreign.subList(0, Math.min(3,
                            foreign.size()))) + "): give a new or a lake directory, it is replaced");
                }
            }
            deleteQuietly(dir);
            if (Files.exists(dir)) {
                throw new Launcher.CommandFailure(Launcher.FAILURE, "cannot clear the lake directory " + dir);
            }
        }
        Files.createDirectories(dir);
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir left behind is harmless
        }
    }

    /** Reads takeover-alerts as a supervisor's desk would: prints (rate-limited), counts, measures latency. */
    static final class AlertTail implements Runnable {
        private final String bootstrap;
        private final String topic;
        private final int linesPerSecond;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong alerts = new AtomicLong();
        private final AtomicLong lastAlertNanos = new AtomicLong(System.nanoTime());
        private final long[] bySeverity = new long[Severity.values().length];
        private final List<Long> window = new ArrayList<>();
        private final List<Long> all = new ArrayList<>();
        private final PiiMasker masker = new PiiMasker();
        private final Codec<TakeoverAlert> codec = WireFormat.AVRO.codec(TakeoverAlert.class);

        AlertTail(String bootstrap, String topic, int linesPerSecond) {
            this.bootstrap = bootstrap;
            this.topic = topic;
            this.linesPerSecond = linesPerSecond;
        }

        @Override
        public void run() {
            Properties p = KafkaClients.groupReaderProperties(bootstrap, "takeover-demo-console",
                    IsolationLevel.READ_UNCOMMITTED);
            long second = 0;
            int printedThisSecond = 0;
            long suppressed = 0;
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
                consumer.subscribe(List.of(topic));
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.currentTimeMillis();
                        TakeoverAlert a;
                        try {
                            a = codec.decode(r.value());
                        } catch (DecodeException e) {
                            System.err.println("demo: undecodable alert at offset " + r.offset() + ": " + e.getMessage());
                            continue;
                        }
                        record(a, now);
                        if (linesPerSecond <= 0) {
                            continue;
                        }
                        long s = now / 1000;
                        if (s != second) {
                            if (suppressed > 0) {
                                System.out.printf(Locale.ROOT, "  ... %,d more alerts in that second%n", suppressed);
                            }
                            second = s;
                            printedThisSecond = 0;
                            suppressed = 0;
                        }
                        if (printedThisSecond++ < linesPerSecond) {
                            System.out.println(AlertsCommand.line(a, ZoneId.of("UTC"), 60, masker));
                        } else {
                            suppressed++;
                        }
                    }
                }
            }
        }

        private synchronized void record(TakeoverAlert a, long receivedAt) {
            alerts.incrementAndGet();
            lastAlertNanos.set(System.nanoTime());
            bySeverity[a.getSeverity().ordinal()]++;
            Long source = a.getSourceTimestamp();
            if (source != null && source > 0) {
                long latency = Math.max(0, receivedAt - source);
                window.add(latency);
                all.add(latency);
            }
        }

        long alerts() {
            return alerts.get();
        }

        synchronized String severityCounts() {
            StringBuilder sb = new StringBuilder();
            for (Severity s : Severity.values()) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(s.name().toLowerCase(Locale.ROOT)).append(' ').append(String.format(Locale.ROOT, "%,d", bySeverity[s.ordinal()]));
            }
            return sb.toString();
        }

        /** p50, p99 of the alerts since the last call ({@code -1} when none). */
        synchronized long[] latencyPercentiles() {
            long[] p = percentiles(window);
            window.clear();
            return p;
        }

        /** p50, p99, max over the whole run. */
        synchronized long[] overallPercentiles() {
            return percentiles(all);
        }

        private static long[] percentiles(List<Long> values) {
            if (values.isEmpty()) {
                return new long[] {-1, -1, -1};
            }
            long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
            return new long[] {v[(int) Math.floor(0.50 * (v.length - 1))], v[(int) Math.floor(0.99 * (v.length - 1))], v[v.length - 1]};
        }

        /** Waits until no alert arrived for {@code quiet}, at most {@code max}. */
        void awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < deadline && System.nanoTime() - lastAlertNanos.get() < quiet.toNanos()) {
                Thread.sleep(200);
            }
        }

        void stop() {
            running.set(false);
        }
    }
}
