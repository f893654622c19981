package com.takeover.batch.cli;

import com.takeover.batch.job.JobConfig;
import com.takeover.batch.job.JobResult;
import com.takeover.batch.job.NightlyJob;
import com.takeover.batch.job.NightlySession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/** Starts (or reuses) the Spark session and runs the job for a list of dates. */
final class Runs {
    private Runs() {}

    static int run(CommandLine.Model.CommandSpec spec, RunOptions o, List<LocalDate> dates, LocalDate asOf) {
        String problem = o.problem();
        if (problem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), problem);
        }
        boolean existing = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        SparkSession spark = session(o);
        try {
            JobResult result = NightlyJob.run(spark, new JobConfig(o.lake, o.outcomes, o.out, dates, asOf, o.settings()));
            for (JobResult.DateOutput d : result.outputs()) {
                spec.commandLine().getOut().println(d.reportHtml());
            }
            spec.commandLine().getOut().flush();
            return BatchCli.OK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!existing) {
                spark.stop();
            }
        }
    }

    private static SparkSession session(RunOptions o) {
        String master = o.master != null ? o.master : System.getProperty("spark.master");
        return NightlySession.builder("takeover-nightly", master == null ? "local[*]" : master, o.shufflePartitions)
                .getOrCreate();
    }
}
