package com.takeover.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bin/takeover bench <benchmark>}: benchmarks that print their figures (never timed tests).
 * A new benchmark is a subcommand class added to {@code subcommands} below.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks: measure and print throughput figures on this machine.",
        subcommands = {
            BenchSentimentCommand.class,
            BenchScoringCommand.class,
            BenchAlertsCommand.class,
            BenchThroughputCommand.class,
            BenchLatencyCommand.class,
            BenchMemoryCommand.class,
        })
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required (see bench --help)");
    }
}
