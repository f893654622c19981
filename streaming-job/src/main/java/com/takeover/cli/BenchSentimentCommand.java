package com.takeover.cli;

import com.takeover.bench.Percentiles;
import com.takeover.scoring.SentimentScorer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/takeover bench sentiment}: single-threaded sentiment scoring throughput. */
@Command(
        name = "sentiment",
        mixinStandardHelpOptions = true,
        description = {
            "Single-threaded sentiment scoring throughput on realistic support-chat messages.",
            "Messages are drawn (fixed seed) from ~200 varied customer messages, some joined in pairs;"
                    + " after warm-up rounds, prints each measured round and the median in messages/s."
        })
public final class BenchSentimentCommand implements Callable<Integer> {
    static final String CORPUS = "bench-support-messages.txt";
    private static final long SEED = 20240917L;
    private static final int WARMUP_ROUNDS = 5;
    private static final int MIN_ROUNDS = 5;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "200000",
            description = "messages scored per round (default: ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "measuring time after warm-up; at least " + MIN_ROUNDS + " rounds run (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--no-domain", description = "score without the support-domain layer")
    boolean noDomain;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (messages < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--messages must be at least 1, got " + messages);
        }
        if (!(seconds > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be positive, got " + seconds);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String[] batch = generate(messages, new Random(SEED));
        long chars = Arrays.stream(batch).mapToLong(String::length).sum();
        SentimentScorer scorer = noDomain ? SentimentScorer.withoutSupportDomain() : SentimentScorer.withDefaultLexicon();

        double checksum = 0;
        err.printf("warming up (%d rounds of %,d messages)...%n", WARMUP_ROUNDS, messages);
        err.flush();
        for (int r = 0; r < WARMUP_ROUNDS; r++) {
            checksum += round(scorer, batch);
        }
        List<Double> rates = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (rates.size() < MIN_ROUNDS || System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            checksum += round(scorer, batch);
            long t1 = System.nanoTime();
            double rate = messages / ((t1 - t0) / 1e9);
            rates.add(rate);
            err.printf(Locale.ROOT, "round %d: %,.0f messages/s%n", rates.size(), rate);
            err.flush();
        }
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = Percentiles.median(sorted);
        out.printf(Locale.ROOT, "sentiment scoring, 1 thread, %s: median %,.0f messages/s over %d rounds"
                        + " (min %,.0f, max %,.0f); %,d messages per round, %.1f chars/message; %d cores, Java %s; checksum %.3f%n",
                noDomain ? "VADER rules + emoji" : "with support-domain layer",
                median, sorted.length, sorted[0], sorted[sorted.length - 1], messages, (double) chars / messages,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), checksum);
        out.flush();
        return Launcher.OK;
    }

    private static double round(SentimentScorer scorer, String[] batch) {
        double sum = 0;
        for (String m : batch) {
            sum += scorer.score(m);
        }
        return sum;
    }

    /** {@code n} messages: one corpus message (70%) or two joined (30%), seeded. */
    static String[] generate(int n, Random random) {
        List<String> corpus = corpus();
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            String a = corpus.get(random.nextInt(corpus.size()));
            out[i] = random.nextInt(10) < 7 ? a : a + " " + corpus.get(random.nextInt(corpus.size()));
        }
        return out;
    }

    static List<String> corpus() {
        InputStream in = BenchSentimentCommand.class.getResourceAsStream(CORPUS);
        if (in == null) {
            throw new IllegalStateException("classpath resource " + CORPUS + " is missing");
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
