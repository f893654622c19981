package com.takeover.bench;

import com.takeover.job.JobConfig;
import com.takeover.job.TakeoverJob;
import com.takeover.kafka.EmbeddedKafka;
import com.takeover.kafka.TopicNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Streaming throughput, side by side: N simulated events loaded once into a local broker, then, in turn, the
 * two pass-through jobs ({@link PassThroughJob}: bytes only, and decoded) and the full scoring job
 * ({@link TakeoverJob}, at-least-once, with or without the lake) replay them bounded, all on one MiniCluster
 * ({@link BenchCluster}). Events per second = N / the job's net run time (deployment included, a second or so).
 */
public final class ThroughputBenchmark {

    public record Options(long events, int partitions, int parallelism, int rounds, boolean lake, long seed,
            Duration checkpointInterval, Duration bufferTimeout, JobConfig.StateBackend stateBackend) {}

    /**
     * One job's run: wall seconds (the job's net run time), the CPU seconds this process used meanwhile (job,
     * broker and clients: on a shared machine a steadier measure of the work than wall time), and the seconds the
     * JIT spent compiling meanwhile (its threads' time, summed), which says how far from warm a round was (the jobs
     * take turns in this JVM; with 2M events the JIT settles by the fifth round); and that CPU by kind of thread, ns
     * ({@link ThreadCpu}; empty where the JVM cannot say).
     */
    public record Run(String job, int round, long events, double seconds, double cpuSeconds, double jitSeconds,
            Map<ThreadCpu.Kind, Long> cpuByThread) {
        public Run(String job, int round, long events, double seconds, double cpuSeconds, double jitSeconds) {
            this(job, round, events, seconds, cpuSeconds, jitSeconds, Map.of());
        }

        public double eventsPerSecond() {
            return events / seconds;
        }

        public double cpuMicrosPerEvent() {
            return cpuSeconds * 1e6 / events;
        }
    }

    public record Result(Traffic.Loaded loaded, List<Run> runs) {
        public double best(String job) {
            return runs.stream().filter(r -> r.job().equals(job)).mapToDouble(Run::eventsPerSecond).max().orElse(0);
        }

        /**
         * The full job's events/s over {@code floor}'s, round by round, leaving out the first round (a cold JIT)
         * when there are others. The jobs of one round run minutes apart: on a machine whose speed moves between
         * runs, these compare neighbours in time, where the ratio of the best rounds can pair two moments.
         */
        public List<Double> roundRatios(String floor) {
            int last = runs.stream().mapToInt(Run::round).max().orElse(0);
            List<Double> ratios = new ArrayList<>();
            for (int round = last > 1 ? 2 : 1; round <= last; round++) {
                double base = eventsPerSecond(floor, round);
                double full = eventsPerSecond(FULL, round);
                if (base > 0 && full > 0) {
                    ratios.add(full / base);
                }
            }
            return ratios;
        }

        private double eventsPerSecond(String job, int round) {
            return runs.stream().filter(r -> r.job().equals(job) && r.round() == round)
                    .mapToDouble(Run::eventsPerSecond).findFirst().orElse(0);
        }
    }

    public static final String FULL = "full job";

    private ThroughputBenchmark() {}

    public static Result run(Options o, PrintWriter progress) throws Exception {
        Path dir = Files.createTempDirectory("takeover-bench-throughput-");
        Path checkpoints = dir.resolve("checkpoints");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                BenchCluster cluster = new BenchCluster(o.parallelism(),
                        config(kafka, o, TopicNames.defaults(), "bench", null, checkpoints))) {
            String events = "bench-conversation-events";
            kafka.createTopics(o.partitions(), events);
            progress.printf(Locale.ROOT, "bench throughput: simulating and loading %,d events into %d partitions...%n",
                    o.events(), o.partitions());
            Traffic.Loaded loaded = Traffic.load(kafka.bootstrapServers(), events, o.events(), o.seed(), progress);
            progress.printf(Locale.ROOT, "  loaded in %.1f s (%,.0f events/s)%n", loaded.seconds(),
                    loaded.eventsPerSecond());

            List<Run> runs = new ArrayList<>();
            for (int round = 1; round <= o.rounds(); round++) {
                for (PassThroughJob.Floor floor : PassThroughJob.Floor.values()) {
                    String out = "bench-pass-" + floor.name().toLowerCase(Locale.ROOT) + "-" + round;
                    kafka.createTopics(o.partitions(), out);
                    JobConfig pass = config(kafka, o, new TopicNames(events, out, "unused-dlq", "unused-rules",
                            "unused-rejections"), out, null, checkpoints);
                    StreamExecutionEnvironment env = BenchCluster.environment();
                    PassThroughJob.build(env, pass, floor, events, out);
                    Run p = execute(cluster, env, floor.label(), round, o.events(), progress);
                    long copied = recordsIn(kafka, out);
                    if (copied != o.events()) {
                        throw new IllegalStateException("the " + floor.label() + " job wrote " + copied
                                + " records, expected " + o.events());
                    }
                    progress.println(line(p, ""));
                    runs.add(p);
                }

                TopicNames t = new TopicNames(events, "bench-alerts-" + round, "bench-dlq-" + round,
                        "bench-rules-" + round, "bench-rejections-" + round);
                kafka.createTopics(t, o.partitions());
                JobConfig full = config(kafka, o, t, "bench-full-" + round,
                        o.lake() ? dir.resolve("lake-" + round).toString() : "", checkpoints);
                StreamExecutionEnvironment env = BenchCluster.environment();
                TakeoverJob.from(full).bounded(true).build(env);
                Run f = execute(cluster, env, FULL, round, o.events(), progress);
                long dead = recordsIn(kafka, t.deadLetters());
                if (dead != 0) {
                    throw new IllegalStateException("the full job dead-lettered " + dead + " simulated events");
                }
                progress.println(line(f, String.format(Locale.ROOT, ", %,d alerts",
                        recordsIn(kafka, t.takeoverAlerts()))));
                runs.add(f);
            }
            return new Result(loaded, runs);
        } finally {
            deleteQuietly(dir);
        }
    }

    static JobConfig config(EmbeddedKafka kafka, Options o, TopicNames topics, String group, String lake,
            Path checkpoints) {
        return JobConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topics(topics)
                .groupId(group)
                .parallelism(o.parallelism())
                .checkpointInterval(o.checkpointInterval())
                .bufferTimeout(o.bufferTimeout())
                .stateBackend(o.stateBackend())
                .lakePath(lake == null ? "" : lake)
                .checkpointDir(checkpoints.toString())
                .build();
    }

    private static Run execute(BenchCluster cluster, StreamExecutionEnvironment env, String job, int round,
            long events, PrintWriter progress) throws Exception {
        progress.printf("  round %d: %s...%n", round, job);
        progress.flush();
        long cpu0 = cpuNanos();
        long jit0 = compilingMillis();
        try (ThreadCpu threads = ThreadCpu.start()) {
            JobExecutionResult r = cluster.execute(env, "bench " + job);
            return new Run(job, round, events, r.getNetRuntime() / 1000.0, (cpuNanos() - cpu0) / 1e9,
                    (compilingMillis() - jit0) / 1000.0, threads == null ? Map.of() : threads.stop());
        }
    }

    /** The run's line and, under it, where its CPU went by kind of thread (where the JVM says). */
    private static String line(Run r, String extra) {
        String line = String.format(Locale.ROOT,
                "  round %d: %s %,.0f events/s (%.1f s, %.1f CPU us/event, JIT %.1f s)%s",
                r.round(), r.job(), r.eventsPerSecond(), r.seconds(), r.cpuMicrosPerEvent(), r.jitSeconds(), extra);
        return r.cpuByThread().isEmpty() ? line
                : line + System.lineSeparator() + "    CPU by thread, us/event: "
                        + ThreadCpu.line(r.cpuByThread(), r.events());
    }

    /** The JIT's accumulated compilation time in this JVM, ms (0 where the JVM does not say). */
    static long compilingMillis() {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** CPU time of this process (all threads), ns. */
    static long cpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** Records in a topic: the sum of its partitions' end offsets. */
    static long recordsIn(EmbeddedKafka kafka, String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            return endOffsets(admin, topic).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The end offset of each partition of {@code topic}. */
    static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        var desc = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        desc.partitions().forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(specs).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir; the OS cleans up
        }
    }
}
