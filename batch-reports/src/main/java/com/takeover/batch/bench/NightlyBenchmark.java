package com.takeover.batch.bench;

import com.takeover.batch.job.JobConfig;
import com.takeover.batch.job.NightlyJob;
import com.takeover.batch.job.NightlySession;
import com.takeover.batch.lake.SampleLake;
import com.takeover.batch.reports.ReportSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The nightly run against a single-node engine on the same files: a generated day of N conversations
 * ({@link SampleLake}, one Parquet file per dataset and day in row groups of at most 8 MB, which both engines
 * split across cores), the nightly job for that day (Spark, this JVM), then the same core queries in DuckDB
 * ({@link DuckDbQueries}); each {@code rounds} times, alternating.
 */
public final class NightlyBenchmark {

    public record Options(Path lake, LocalDate date, int conversations, int rounds, String master,
            int shufflePartitions, ReportSettings settings) {}

    public record Round(int round, double sparkSeconds, DuckDbQueries.Result duckdb) {}

    public record Result(double generateSeconds, double sessionSeconds, List<Round> rounds, long[] sparkTrendOfDate,
            long lakeBytes) {}

    private NightlyBenchmark() {}

    public static Result run(Options o, PrintStream progress) throws Exception {
        double generate = 0;
        if (!Files.isDirectory(o.lake().resolve("conversations").resolve("dt=" + o.date()))) {
            progress.printf(Locale.ROOT, "bench-nightly: generating %,d conversations for %s in %s...%n",
                    o.conversations(), o.date(), o.lake());
            long t0 = System.nanoTime();
            SampleLake.Config demo = SampleLake.Config.demo(o.date(), 1, o.conversations());
            SampleLake.write(o.lake(), demo);
            generate = (System.nanoTime() - t0) / 1e9;
            progress.printf(Locale.ROOT, "  generated in %.1f s%n", generate);
        } else {
            progress.println("bench-nightly: reusing the lake in " + o.lake());
        }
        long lakeBytes = bytesUnder(o.lake());

        long t0 = System.nanoTime();
        SparkSession spark = NightlySession.builder("takeover-bench-nightly", o.master(), o.shufflePartitions())
                .getOrCreate();
        double session = (System.nanoTime() - t0) / 1e9;
        Path out = Files.createTempDirectory("takeover-bench-nightly-");
        List<Round> rounds = new ArrayList<>();
        long[] sparkTrend = null;
        try {
            for (int r = 1; r <= o.rounds(); r++) {
                progress.printf("  round %d: nightly job (Spark %s)...%n", r, o.master());
                long s0 = System.nanoTime();
                NightlyJob.run(spark, new JobConfig(o.lake().toString(), null, out.toString(), List.of(o.date()),
                        o.date(), o.settings()));
                double sparkSeconds = (System.nanoTime() - s0) / 1e9;
                sparkTrend = trendOfDate(out.resolve("dt=" + o.date()).resolve("trend.csv"), o.date());
                progress.printf(Locale.ROOT, "  round %d: nightly job %.1f s; DuckDB...%n", r, sparkSeconds);
                DuckDbQueries.Result duck = new DuckDbQueries(o.lake(), o.date(), o.settings()).run();
                progress.printf(Locale.ROOT, "  round %d: DuckDB %.1f s%n", r, duck.seconds());
                rounds.add(new Round(r, sparkSeconds, duck));
            }
        } finally {
            spark.stop();
            deleteQuietly(out);
        }
        return new Result(generate, session, rounds, sparkTrend, lakeBytes);
    }

    /** conversations, takenOver, withOutcome of the report date's row in the job's trend table. */
    static long[] trendOfDate(Path csv, LocalDate date) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f[header.indexOf("date")].equals(date.toString())) {
                return new long[] {Long.parseLong(f[header.indexOf("conversations")]),
                    Long.parseLong(f[header.indexOf("takenOver")]), Long.parseLong(f[header.indexOf("withOutcome")])};
            }
        }
        throw new IllegalStateException("no row for " + date + " in " + csv);
    }

    static long bytesUnder(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir
        }
    }

    /** For callers that want the options' defaults in one place. */
    public static Map<String, String> describe(Options o) {
        return Map.of("lake", o.lake().toString(), "date", o.date().toString(), "master", o.master());
    }
}
