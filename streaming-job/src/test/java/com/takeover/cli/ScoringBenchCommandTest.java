package com.takeover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's wiring and its table; its figures are printed, never asserted. */
class ScoringBenchCommandTest {

    @Test
    void printsEveryPass() {
        CliRun r = CliRun.of("bench", "scoring", "--events", "3000", "--rounds", "2", "--warm-up", "0");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("3,000 events", "core: apply, rules, alerts, lake rows",
                "lake: Parquet encoding of the rows", "human-request detector", "PII masker", "core + lake");
        assertThat(r.err()).contains("round 1:", "round 2:");
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(CliRun.of("bench", "scoring", "--events", "10").exitCode()).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(CliRun.of("bench", "scoring", "--rounds", "0").exitCode()).isEqualTo(Launcher.BAD_ARGUMENTS);
    }
}
