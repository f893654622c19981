package com.takeover.batch.cli;

import com.takeover.batch.bench.DuckDbQueries;
import com.takeover.batch.bench.NightlyBenchmark;
import com.takeover.batch.reports.ReportSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/takeover bench-nightly}: the nightly run's wall time against DuckDB on the same files. */
@Command(name = "bench-nightly", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Benchmark: a generated day of N conversations (a sample lake), the nightly run for that day (Spark in"
                    + " this JVM), and the same core queries in DuckDB over the same Parquet files; prints both wall"
                    + " times and the ratio (target: Spark <= 4x DuckDB).",
            "Give the JVM room for the generator, e.g. TAKEOVER_JAVA_OPTS=-Xmx6g."})
public final class BenchNightlyCommand implements Callable<Integer> {

    @Option(names = "--conversations", paramLabel = "N", defaultValue = "1000000",
            description = "conversations in the generated day (default: ${DEFAULT-VALUE})")
    int conversations;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", defaultValue = "2024-05-30",
            description = "the generated day and report date (default: ${DEFAULT-VALUE})")
    LocalDate date;

    @Option(names = "--lake", paramLabel = "DIR", defaultValue = "bench-lake",
            description = "where the generated lake goes; reused when it already has the day (default: ${DEFAULT-VALUE})")
    Path lake;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "2",
            description = "nightly/DuckDB pairs; the first is cold, like a nightly run in a fresh JVM (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--shuffle-partitions", defaultValue = "8",
            description = "spark.sql.shuffle.partitions (default: ${DEFAULT-VALUE}, the nightly's default)")
    int shufflePartitions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (conversations < 1000 || rounds < 1 || shufflePartitions < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--conversations must be >= 1000, --rounds and --shuffle-partitions >= 1");
        }
        NightlyBenchmark.Result r = NightlyBenchmark.run(new NightlyBenchmark.Options(lake, date, conversations, rounds,
                master, shufflePartitions, ReportSettings.defaults()), System.err);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bench-nightly: %,d conversations on %s (lake %,.0f MB), Spark %s with %d shuffle"
                        + " partitions, DuckDB %s; %d cores, Java %s%n", conversations, date, r.lakeBytes() / 1048576.0,
                master, shufflePartitions, r.rounds().get(0).duckdb().version(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if (r.generateSeconds() > 0) {
            out.printf(Locale.ROOT, "  generating the lake: %.1f s%n", r.generateSeconds());
        }
        out.printf(Locale.ROOT, "  Spark session start: %.1f s (not counted below)%n", r.sessionSeconds());
        for (NightlyBenchmark.Round round : r.rounds()) {
            out.printf(Locale.ROOT, "  round %d: nightly run %.1f s, DuckDB core queries %.2f s, ratio %.1fx%n",
                    round.round(), round.sparkSeconds(), round.duckdb().seconds(),
                    round.sparkSeconds() / round.duckdb().seconds());
        }
        DuckDbQueries.Result last = r.rounds().get(r.rounds().size() - 1).duckdb();
        for (DuckDbQueries.Timing t : last.timings()) {
            out.printf(Locale.ROOT, "    duckdb %-36s %7.3f s  %,d rows%n", t.query(), t.seconds(), t.rows());
        }
        boolean same = Arrays.equals(r.sparkTrendOfDate(), last.trendOfDate());
        out.printf(Locale.ROOT, "  cross-check, %s: conversations/taken over/with outcome Spark %s, DuckDB %s%s%n", date,
                Arrays.toString(r.sparkTrendOfDate()), Arrays.toString(last.trendOfDate()), same ? " (equal)" : " DIFFER");
        out.flush();
        return same ? BatchCli.OK : BatchCli.FAILURE;
    }
}
