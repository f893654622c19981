package com.takeover.bench;

import com.takeover.job.JobConfig;
import com.takeover.job.LocalJob;
import java.io.IOException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * One Flink MiniCluster for all of a benchmark's jobs in this JVM, started with the first. A local environment
 * starts a MiniCluster for each job it executes, and every MiniCluster loads Flink's RPC system (Pekko, Scala)
 * again in a class loader of its own, about 1,450 classes that the JIT then compiled again for every job. A task
 * manager outlives its jobs, so one cluster is also the closer picture of a deployment.
 */
final class BenchCluster implements AutoCloseable {
    private final int slots;
    private final Configuration conf;
    private MiniCluster cluster;

    /**
     * A cluster of one task manager with {@code slots} slots, set up for the state backend and checkpoint directory
     * of {@code jobs} (every job it runs shares them); it starts with the first job.
     */
    BenchCluster(int slots, JobConfig jobs) throws IOException {
        this.slots = slots;
        this.conf = LocalJob.configuration(jobs);
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
    }

    /** An environment to build a job's graph on; {@link #execute} runs it. Nothing runs until then. */
    static StreamExecutionEnvironment environment() {
        return new StreamExecutionEnvironment(new Configuration());
    }

    /** Runs the job built on {@code env} to its end. */
    JobExecutionResult execute(StreamExecutionEnvironment env, String jobName) throws Exception {
        if (cluster == null) {
            cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                    .setConfiguration(conf)
                    .setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(slots)
                    .withRandomPorts()
                    .build());
            cluster.start();
        }
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(jobName);
        return cluster.executeJobBlocking(graph.getJobGraph());
    }

    @Override
    public void close() throws Exception {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
