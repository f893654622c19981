package com.takeover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The benchmark's wiring and its table; its figures are printed, never asserted. */
class ScoringBenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Launcher.commandLine(new TakeoverCli());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void printsEveryPass() {
        assertThat(run("bench", "scoring", "--events", "3000", "--rounds", "2", "--warm-up", "0")).isZero();
        assertThat(out.toString()).contains("3,000 events", "core: apply, rules, alerts, lake rows",
                "lake: Parquet encoding of the rows", "human-request detector", "PII masker", "core + lake");
        assertThat(err.toString()).contains("round 1:", "round 2:");
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(run("bench", "scoring", "--events", "10")).isEqualTo(Launcher.BAD_ARGUMENTS);
        assertThat(run("bench", "scoring", "--rounds", "0")).isEqualTo(Launcher.BAD_ARGUMENTS);
    }
}
