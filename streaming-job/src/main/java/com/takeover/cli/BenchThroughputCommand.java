package com.takeover.cli;

import com.takeover.bench.PassThroughJob;
import com.takeover.bench.Percentiles;
import com.takeover.bench.ThroughputBenchmark;
import com.takeover.bench.ThroughputBenchmark.Run;
import com.takeover.job.JobConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/takeover bench throughput}: the full job's events/s against a pass-through job's, same data. */
@Command(
        name = "throughput",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Streaming throughput, side by side: N simulated events are loaded once into a local broker, then two"
                    + " pass-through jobs (Kafka -> keyBy -> Kafka, no scoring: one moves the bytes, one decodes and"
                    + " re-encodes each event) and the full scoring job replay them bounded, in each round; prints"
                    + " events/s of each and the ratios (target: full >= 0.75x the decoding pass-through). The"
                    + " first round runs on a cold JIT: the best round of each job is reported, and the ratio of each warm"
                    + " round, whose jobs run minutes apart. Every job runs on one Flink MiniCluster, started once."
        })
public final class BenchThroughputCommand implements Callable<Integer> {

    @Option(names = "--events", paramLabel = "N", defaultValue = "2000000",
            description = "simulated events to load and replay (default: ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "5",
            description = "rounds of the three jobs; the best of each is reported, and with 2M events the JIT has"
                    + " settled by the fifth (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "2",
            description = "partitions of the events topic (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2",
            description = "parallelism of every job (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--no-lake", description = "run the full job without its Parquet lake sinks")
    boolean noLake;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "10s",
            description = "checkpoint interval of every job (default: ${DEFAULT-VALUE})")
    String checkpointInterval;

    @Option(names = "--buffer-timeout", paramLabel = "DURATION", defaultValue = "10ms",
            description = "network buffer timeout of every job (default: ${DEFAULT-VALUE}, the job's default)")
    String bufferTimeout;

    @Option(names = "--state-backend", paramLabel = "hashmap|changelog|rocksdb", defaultValue = "hashmap",
            description = "where keyed state lives, in every job; changelog, rocksdb = incremental checkpoints (default: "
                    + "${DEFAULT-VALUE}, the job's own under at-least-once, which this benchmark runs)")
    String stateBackend;

    @Option(names = "--seed", defaultValue = "7", description = "simulation seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (events < 1000 || rounds < 1 || partitions < 1 || parallelism < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--events must be >= 1000 and --rounds, --partitions, --parallelism >= 1");
        }
        ThroughputBenchmark.Options o;
        try {
            o = new ThroughputBenchmark.Options(events, partitions, parallelism, rounds, !noLake, seed,
                    JobConfig.parseDuration(checkpointInterval), JobConfig.parseDuration(bufferTimeout),
                    JobConfig.StateBackend.parse(stateBackend));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ThroughputBenchmark.Result r = ThroughputBenchmark.run(o, spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "throughput: %,d simulated events, %d partitions, parallelism %d, checkpoints every %s,"
                        + " buffer timeout %s, %s state, lake %s; %d cores, Java %s%n", events, partitions,
                parallelism, checkpointInterval, bufferTimeout, stateBackend, noLake ? "off" : "on",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        out.printf(Locale.ROOT, "  loading into the broker: %,.0f events/s%n", r.loaded().eventsPerSecond());
        for (Run run : r.runs()) {
            out.printf(Locale.ROOT, "  round %d %-22s %,9.0f events/s  (%.1f s; %.1f CPU us/event; JIT %.1f s)%n",
                    run.round(), run.job(), run.eventsPerSecond(), run.seconds(), run.cpuMicrosPerEvent(),
                    run.jitSeconds());
        }
        double bytes = r.best(PassThroughJob.Floor.BYTES.label());
        double decoded = r.best(PassThroughJob.Floor.DECODED.label());
        double full = r.best(ThroughputBenchmark.FULL);
        out.printf(Locale.ROOT, "best: %s %,.0f events/s, %s %,.0f events/s, full job %,.0f events/s%n",
                PassThroughJob.Floor.BYTES.label(), bytes, PassThroughJob.Floor.DECODED.label(), decoded, full);
        out.printf(Locale.ROOT, "ratio: full / decoded pass-through %.2f (target >= 0.75), full / bytes pass-through"
                + " %.2f%n", full / decoded, full / bytes);
        List<Double> perRound = r.roundRatios(PassThroughJob.Floor.DECODED.label());
        out.printf(Locale.ROOT, "ratio round by round, full / decoded pass-through%s: %s (median %.2f)%n",
                rounds > 1 ? " (warm rounds)" : "",
                perRound.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).collect(Collectors.joining(" ")),
                Percentiles.median(perRound.stream().mapToDouble(Double::doubleValue).toArray()));
        out.flush();
        return Launcher.OK;
    }
}
