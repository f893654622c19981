package com.takeover.batch.cli;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Build the reports for every date from --from to --to in one run,",
            "with the outcomes known by the end of --to (what a nightly run on --to would use)."})
final class BackfillCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, description = "First date, YYYY-MM-DD.")
    LocalDate from;

    @Option(names = "--to", required = true, description = "Last date, YYYY-MM-DD.")
    LocalDate to;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        if (to.isBefore(from)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
        }
        if (ChronoUnit.DAYS.between(from, to) > 3660) {
            throw new CommandLine.ParameterException(spec.commandLine(), "backfill ranges are limited to 10 years");
        }
        return Runs.run(spec, options, from.datesUntil(to.plusDays(1)).toList(), to);
    }
}
