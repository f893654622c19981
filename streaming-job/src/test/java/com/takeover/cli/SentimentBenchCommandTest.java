package com.takeover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The benchmark's wiring and its messages; its figures are printed, never asserted. */
class SentimentBenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Launcher.commandLine(new TakeoverCli());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void printsThroughputLine() {
        assertThat(run("bench", "sentiment", "--messages", "500", "--seconds", "0.01")).isZero();
        assertThat(out.toString()).contains("messages/s", "median", "500 messages per round");
        assertThat(err.toString()).contains("warming up", "round 5:");
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(run("bench", "sentiment", "--messages", "0")).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(run("bench", "sentiment", "--seconds", "-1")).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(run("bench")).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(run("bench", "nosuch")).isEqualTo(Launcher.BAD_ARGUMENTS);
    }

    @Test
    void messagesAreVariedAndReproducible() {
        assertThat(BenchSentimentCommand.corpus()).hasSizeGreaterThanOrEqualTo(200).doesNotHaveDuplicates();
        String[] a = BenchSentimentCommand.generate(1000, new Random(7));
        String[] b = BenchSentimentCommand.generate(1000, new Random(7));
        assertThat(a).containsExactly(b);
        assertThat(Arrays.stream(a).distinct().count()).isGreaterThan(300);
    }
}
