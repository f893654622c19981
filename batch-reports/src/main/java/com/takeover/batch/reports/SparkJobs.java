package com.takeover.batch.reports;

import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/** Names the Spark jobs of a query, so that the Spark UI and a listener say which step of the night they are. */
final class SparkJobs {
    private static final String DESCRIPTION = "spark.job.description"; // SparkContext's own key

    private SparkJobs() {}

    /** Runs {@code query} with its jobs described as "nightly: {@code what}", then restores this thread's description. */
    static <T> T described(SparkSession spark, String what, Supplier<T> query) {
        SparkContext sc = spark.sparkContext();
        String before = sc.getLocalProperty(DESCRIPTION);
        sc.setJobDescription("nightly: " + what);
        try {
            return query.get();
        } finally {
            sc.setJobDescription(before);
        }
    }
}
