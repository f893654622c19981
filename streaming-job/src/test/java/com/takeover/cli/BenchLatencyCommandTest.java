package com.takeover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's wiring and its table, on a real broker and a local cluster; its figures are never asserted. */
class BenchLatencyCommandTest {

    @Test
    void opensStandingConversationsBeforeMeasuring() {
        CliRun r = CliRun.of("bench", "latency", "--rates", "200", "--seconds", "4", "--warm-up", "1",
                "--delivery", "at-least-once", "--open", "300");
        // non-zero if the job had not taken the opened conversations in (their offsets committed) in time
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("300 conversations held open", "at-least-once", "p99 ms");
        // progress goes to the command's error writer, so a caller (or a redirect) gets it apart from the table
        assertThat(r.err()).contains("conversations opened", "taken in by the job", "bench latency: at-least-once",
                "checkpoints", "completed", "Score conversations");
        assertThat(r.out()).doesNotContain("conversations opened");
    }

    @Test
    void badArgumentsExitTwo() {
        CliRun noCheckpoints = CliRun.of("bench", "latency", "--open", "10", "--checkpoint-interval", "0");
        assertThat(noCheckpoints.exitCode()).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(noCheckpoints.err()).contains("--open needs checkpoints");
        assertThat(CliRun.of("bench", "latency", "--open", "-1").exitCode()).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(CliRun.of("bench", "latency", "--seconds", "5", "--warm-up", "5").exitCode())
                .isEqualTo(Launcher.BAD_ARGUMENTS);
    }
}
