package com.takeover.batch.cli;

import com.takeover.batch.reports.ReportSettings;
import picocli.CommandLine.Option;

/** Options shared by nightly and backfill. */
public final class RunOptions {
    @Option(names = "--lake", defaultValue = "lake", description = "Lake root (conversations/, alerts/, takeovers/, outcomes/). Default: ${DEFAULT-VALUE}")
    String lake;

    @Option(names = "--outcomes", description = "Outcomes from a ticketing export instead of the lake's outcomes/: a .csv file, a folder of .csv files, or a Parquet folder laid out like the lake.")
    String outcomes;

    @Option(names = "--out", defaultValue = "reports", description = "Report root; each date goes to <out>/dt=YYYY-MM-DD/. Default: ${DEFAULT-VALUE}")
    String out;

    @Option(names = "--master", description = "Spark master. Default: local[*], or the one spark-submit sets.")
    String master;

    @Option(names = "--window-days", defaultValue = "7", description = "A date's report covers conversations that ended in this many days up to it. Default: ${DEFAULT-VALUE}")
    int windowDays;

    @Option(names = "--trend-days", defaultValue = "30", description = "Days in the trend. Default: ${DEFAULT-VALUE}")
    int trendDays;

    @Option(names = "--risk-bins", defaultValue = "10", description = "Equal-width risk strata for the adjusted comparison. Default: ${DEFAULT-VALUE}")
    int riskBins;

    @Option(names = "--min-sample", defaultValue = "30", description = "Minimum taken-over and AI-only conversations for a verdict. Default: ${DEFAULT-VALUE}")
    int minSample;

    @Option(names = "--acted-within-minutes", defaultValue = "5", description = "An alert is acted on if a takeover follows within this many minutes. Default: ${DEFAULT-VALUE}")
    int actedWithinMinutes;

    @Option(names = "--high-risk", defaultValue = "0.7", description = "Risk from which a conversation counts as high-risk. Default: ${DEFAULT-VALUE}")
    double highRisk;

    @Option(names = "--shuffle-partitions", defaultValue = "8", description = "spark.sql.shuffle.partitions. Default: ${DEFAULT-VALUE}")
    int shufflePartitions;

    ReportSettings settings() {
        return new ReportSettings(windowDays, trendDays, riskBins, minSample, actedWithinMinutes, highRisk, 20);
    }

    /** Checks the values picocli cannot; returns a problem or null. */
    String problem() {
        if (windowDays < 1 || windowDays > 366) {
            return "--window-days must be 1..366, got " + windowDays;
        }
        if (trendDays < 1 || trendDays > 3660) {
            return "--trend-days must be 1..3660, got " + trendDays;
        }
        if (riskBins < 1 || riskBins > 100) {
            return "--risk-bins must be 1..100, got " + riskBins;
        }
        if (minSample < 1) {
            return "--min-sample must be at least 1, got " + minSample;
        }
        if (actedWithinMinutes < 0) {
            return "--acted-within-minutes must not be negative";
        }
        if (!(highRisk >= 0 && highRisk <= 1)) {
            return "--high-risk must be within 0..1, got " + highRisk;
        }
        if (shufflePartitions < 1) {
            return "--shuffle-partitions must be at least 1";
        }
        return null;
    }
}
