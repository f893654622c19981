package com.takeover.cli;

import com.takeover.bench.Percentiles;
import com.takeover.bench.ScoringBenchmark;
import com.takeover.bench.Traffic;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/takeover bench scoring}: the scoring core's CPU per event on one thread, without Kafka or Flink. */
@Command(
        name = "scoring",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The scoring core's CPU per event, one thread, no Kafka or Flink: N simulated events through the"
                    + " plain-Java scorer, the default rules and the alert and lake-row builders, then the lake rows"
                    + " through the lake's Parquet writers (in memory); and, as a breakdown, the text models alone"
                    + " over the same messages. Thread CPU time per event of each pass; after warm-up rounds,"
                    + " prints each round and the median and best of each pass."
        })
public final class BenchScoringCommand implements Callable<Integer> {

    @Option(names = "--events", paramLabel = "N", defaultValue = "150000",
            description = "simulated events per round (default: ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "8",
            description = "measured rounds after warm-up (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--warm-up", paramLabel = "R", defaultValue = "4",
            description = "rounds run first and not counted (default: ${DEFAULT-VALUE})")
    int warmUp;

    @Option(names = "--seed", defaultValue = "7", description = "simulation seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (events < 1000 || rounds < 1 || warmUp < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--events must be >= 1000, --rounds >= 1 and --warm-up >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScoringBenchmark bench = new ScoringBenchmark(Traffic.events(seed, events));
        err.printf(Locale.ROOT, "bench scoring: %,d simulated events (%,d customer messages); warming up (%d rounds)...%n",
                bench.events(), bench.customerMessages(), warmUp);
        err.flush();
        for (int r = 0; r < warmUp; r++) {
            bench.round();
        }
        Map<String, List<Double>> all = new LinkedHashMap<>();
        for (int r = 1; r <= rounds; r++) {
            Map<String, Double> round = bench.round();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d:", r));
            round.forEach((pass, us) -> {
                all.computeIfAbsent(pass, k -> new ArrayList<>()).add(us);
                line.append(String.format(Locale.ROOT, " %.2f", us));
            });
            err.println(line.append(" µs/event"));
            err.flush();
        }
        int[] rows = bench.rows();
        out.printf(Locale.ROOT, "scoring core, 1 thread, thread CPU µs per event (%,d events, %,d customer messages;"
                        + " lake rows: %,d alerts, %,d summaries, %,d takeovers; %d rounds after %d warm-up;"
                        + " %d cores, Java %s)%n",
                bench.events(), bench.customerMessages(), rows[0], rows[1], rows[2], rounds, warmUp,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.printf(Locale.ROOT, "%-48s %8s %8s%n", "pass", "median", "best");
        double medianTotal = 0;
        double bestTotal = 0;
        int i = 0;
        for (Map.Entry<String, List<Double>> e : all.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = Percentiles.median(v);
            out.printf(Locale.ROOT, "%-48s %8.2f %8.2f%n", e.getKey(), median, v[0]);
            if (i++ < 2) {
                medianTotal += median;
                bestTotal += v[0];
            }
        }
        out.printf(Locale.ROOT, "%-48s %8.2f %8.2f%n", "core + lake", medianTotal, bestTotal);
        out.printf(Locale.ROOT, "(the indented passes are parts of core, timed alone; checksum %.1f)%n",
                bench.checksum());
        out.flush();
        return Launcher.OK;
    }
}
