package com.takeover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The benchmark's wiring and its messages; its figures are printed, never asserted. */
class SentimentBenchCommandTest {
    @Test
    void printsThroughputLine() {
        CliRun r = CliRun.of("bench", "sentiment", "--messages", "500", "--seconds", "0.01");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("messages/s", "median", "500 messages per round");
        assertThat(r.err()).contains("warming up", "round 5:");
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(CliRun.of("bench", "sentiment", "--messages", "0").exitCode()).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(CliRun.of("bench", "sentiment", "--seconds", "-1").exitCode()).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(CliRun.of("bench").exitCode()).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(CliRun.of("bench", "nosuch").exitCode()).isEqualTo(Launcher.BAD_ARGUMENTS);
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
