package com.takeover.batch.job;

import org.apache.spark.sql.SparkSession;

/** The Spark settings of a nightly run, in one place for the scheduler commands and the benchmark. */
public final class NightlySession {
    private NightlySession() {}

    public static SparkSession.Builder builder(String appName, String master, int shufflePartitions) {
        SparkSession.Builder b = SparkSession.builder().appName(appName).master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
                // The lake holds a conversation or outcome twice only after a replay: a map-side top-1 per id
                // before the shuffle (Spark's window group limit) sorts every row to drop almost none.
                .config("spark.sql.optimizer.windowGroupLimitThreshold", "-1")
                // The replayed ids are collected with a limit: a take tries one partition first and then the rest,
                // a second Spark job for a query that finds nothing on the usual night. All partitions in one job.
                .config("spark.sql.limit.initialNumPartitions", Integer.toString(shufflePartitions));
        if (master.startsWith("local")) {
            // One machine: never bind to anything but loopback
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        return b;
    }
}
