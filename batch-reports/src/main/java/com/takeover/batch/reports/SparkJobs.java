package com.takeover.batch.reports;

import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Names the Spark jobs of a query, so that the Spark UI and a listener say which step of the night they are, and
 * puts them in a scheduler pool (fairscheduler.xml).
 */
final class SparkJobs {
    private static final String DESCRIPTION = "spark.job.description"; // SparkContext's own keys
    private static final String POOL = "spark.scheduler.pool";

    /** The pools of fairscheduler.xml: the facts' pass first, the alerts' sums in the cores it leaves idle. */
    enum Pool {
        FACTS("facts"), ALERTS("alerts");

        final String name;

        Pool(String name) {
            this.name = name;
        }
    }

    private SparkJobs() {}

    /**
     * Runs {@code query} with its jobs described as "nightly: {@code what}" in {@code pool}, then restores this
     * thread's description and pool.
     */
    static <T> T described(SparkSession spark, Pool pool, String what, Supplier<T> query) {
        SparkContext sc = spark.sparkContext();
        String description = sc.getLocalProperty(DESCRIPTION);
        String before = sc.getLocalProperty(POOL);
        sc.setJobDescription("nightly: " + what);
        sc.setLocalProperty(POOL, pool.name);
        try {
            return query.get();
        } finally {
            sc.setJobDescription(description);
            sc.setLocalProperty(POOL, before);
        }
    }
}
