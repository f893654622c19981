package com.takeover.batch.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = {"Build the reports for --date and recompute the trailing lookback window (late outcomes).",
            "Each date's folder is replaced atomically; prints the path of each report.html."})
final class NightlyCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--date", required = true, description = "The run date, YYYY-MM-DD (UTC).")
    LocalDate date;

    @Option(names = "--lookback-days", defaultValue = "7", description = "Dates rebuilt: this many days up to --date. Default: ${DEFAULT-VALUE}")
    int lookbackDays;

    @Option(names = "--outcomes-as-of", paramLabel = "YYYY-MM-DD",
            description = "Use the outcomes known by the end of this date (default: --date): re-report a past day with"
                    + " the outcomes that arrived since. Not before --date.")
    LocalDate outcomesAsOf;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        if (lookbackDays < 1 || lookbackDays > 366) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lookback-days must be 1..366, got " + lookbackDays);
        }
        LocalDate asOf = outcomesAsOf == null ? date : outcomesAsOf;
        if (asOf.isBefore(date)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--outcomes-as-of " + asOf + " is before --date " + date);
        }
        return Runs.run(spec, options, date.minusDays(lookbackDays - 1L).datesUntil(date.plusDays(1)).toList(), asOf);
    }
}
