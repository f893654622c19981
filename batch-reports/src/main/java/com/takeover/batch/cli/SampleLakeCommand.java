package com.takeover.batch.cli;

import com.takeover.batch.lake.SampleLake;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sample-lake", mixinStandardHelpOptions = true,
        description = {"Write a generated lake (conversations, alerts, takeovers, outcomes) with a planted takeover",
            "effect and confounding, to try the reports without the streaming job."})
final class SampleLakeCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Lake root to write.")
    Path out;

    @Option(names = "--from", required = true, description = "First date, YYYY-MM-DD.")
    LocalDate from;

    @Option(names = "--days", defaultValue = "30", description = "Days. Default: ${DEFAULT-VALUE}")
    int days;

    @Option(names = "--per-day", defaultValue = "400", description = "Conversations per day. Default: ${DEFAULT-VALUE}")
    int perDay;

    @Option(names = "--outcomes-csv", description = "Write the outcomes as this CSV export instead of the lake's outcomes/.")
    Path outcomesCsv;

    @Override
    public Integer call() throws Exception {
        SampleLake.Summary s = SampleLake.write(out, SampleLake.Config.demo(from, days, perDay), outcomesCsv);
        System.err.println("wrote sample lake " + out + ": " + s);
        return BatchCli.OK;
    }
}
