package com.takeover.cli;

import com.takeover.bench.LatencyBenchmark;
import com.takeover.job.JobConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/takeover bench latency}: alert latency percentiles at fixed offered rates, both guarantees. */
@Command(
        name = "latency",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Alert latency at fixed offered rates: simulated conversations produced live to a local broker, the job on"
                    + " a local cluster, a consumer of takeover-alerts (read_committed under exactly-once). Latency ="
                    + " alert received - triggering event created (its Kafka timestamp, carried in the alert)."
                    + " Prints p50/p95/p99/max per guarantee and rate.",
            "Targets: at-least-once p99 <= 50 ms at 5,000 events/s; exactly-once p99 <= checkpoint interval + 200 ms."
        })
public final class BenchLatencyCommand implements Callable<Integer> {

    @Option(names = "--rates", paramLabel = "R,R,...", split = ",", defaultValue = "1000,5000,20000",
            description = "offered rates in events/s (default: ${DEFAULT-VALUE})")
    List<Integer> rates;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "40",
            description = "seconds of traffic per rate and guarantee (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warm-up", paramLabel = "S", defaultValue = "10",
            description = "first seconds of each run not counted, while the JIT compiles the job (default:"
                    + " ${DEFAULT-VALUE})")
    int warmUp;

    @Option(names = "--delivery", paramLabel = "D,D", split = ",", defaultValue = "at-least-once,exactly-once",
            description = "guarantees to measure (default: ${DEFAULT-VALUE})")
    List<String> delivery;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "checkpoint interval (default: ${DEFAULT-VALUE}); exactly-once publishes on each checkpoint")
    String checkpointInterval;

    @Option(names = "--checkpoint-min-pause", paramLabel = "DURATION",
            description = "least time from one checkpoint's end to the next one's start (default: the job's default)")
    String checkpointMinPause;

    @Option(names = "--state-backend", paramLabel = "hashmap|changelog|rocksdb",
            description = "where keyed state lives; changelog, rocksdb = incremental checkpoints (default: the job's"
                    + " default, rocksdb under exactly-once and hashmap under at-least-once)")
    String stateBackend;

    @Option(names = "--buffer-timeout", paramLabel = "DURATION", defaultValue = "10ms",
            description = "network buffer timeout (default: ${DEFAULT-VALUE}, the job's default)")
    String bufferTimeout;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "2",
            description = "partitions of the events topic (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--lake", description = "also write the Parquet lake")
    boolean lake;

    @Option(names = "--seed", defaultValue = "7", description = "simulation seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--open", paramLabel = "N", defaultValue = "0",
            description = "conversations opened before each run and left open through it, so that checkpoints write"
                    + " the state of a job that has run for a while: about rate / 12.9 events per conversation x 6.3"
                    + " minutes of simulated conversation, e.g. 150000 for 5,000 events/s (default: ${DEFAULT-VALUE})")
    int open;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (seconds <= warmUp || rates.stream().anyMatch(r -> r < 1) || partitions < 1 || open < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--seconds must exceed --warm-up; rates and --partitions must be positive, --open not negative");
        }
        List<JobConfig.Delivery> deliveries = new ArrayList<>();
        Duration checkpoint;
        Duration buffer;
        Duration minPause;
        JobConfig.StateBackend backend;
        try {
            for (String d : delivery) {
                deliveries.add(JobConfig.Delivery.parse(d));
            }
            checkpoint = JobConfig.parseDuration(checkpointInterval);
            buffer = JobConfig.parseDuration(bufferTimeout);
            minPause = checkpointMinPause == null ? null : JobConfig.parseDuration(checkpointMinPause);
            backend = stateBackend == null ? null : JobConfig.StateBackend.parse(stateBackend);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (open > 0 && checkpoint.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--open needs checkpoints: the job has taken"
                    + " the opened conversations in when the offsets it commits at its checkpoints reach the end");
        }
        List<LatencyBenchmark.Run> runs = LatencyBenchmark.run(new LatencyBenchmark.Options(rates, deliveries,
                Duration.ofSeconds(seconds), Duration.ofSeconds(warmUp), checkpoint, minPause, backend, buffer, partitions, lake, seed,
                open),
                spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "latency: %d s per run (first %d s not counted), checkpoints every %s (min pause %s),"
                        + " buffer timeout %s, %d partitions, parallelism 2, lake %s, %,d conversations held open;"
                        + " %d cores, Java %s%n", seconds,
                warmUp, checkpointInterval, checkpointMinPause == null ? "default" : checkpointMinPause,
                bufferTimeout, partitions, lake ? "on" : "off", open,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.printf("  %-14s %-9s %8s %9s %8s %8s %8s %8s %8s%n", "delivery", "state", "offered", "achieved", "alerts",
                "p50 ms", "p95 ms", "p99 ms", "max ms");
        for (LatencyBenchmark.Run r : runs) {
            out.printf(Locale.ROOT, "  %-14s %-9s %,8d %,9.0f %,8d %,8d %,8d %,8d %,8d%n", r.delivery().label(),
                    r.stateBackend().label(), r.rate(), r.achievedRate(), r.latencyMs().count(), r.latencyMs().p50(),
                    r.latencyMs().p95(), r.latencyMs().p99(), r.latencyMs().max());
        }
        out.flush();
        return Launcher.OK;
    }
}
