package com.takeover.job;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.changelog.fs.FsStateChangelogOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live job on a Flink MiniCluster inside this JVM (the one-machine demo, {@code bin/takeover job}
 * without a cluster). {@link #stop()} stops it with a savepoint, which commits the lake files written
 * since the last checkpoint; a plain cancel would leave them in progress (hidden, never committed).
 *
 * <pre>
 * try (LocalJob job = LocalJob.start(TakeoverJob.from(config), LocalJob.Options.defaults())) {
 *     job.awaitRunning(Duration.ofSeconds(60));
 *     ... produce events, read alerts ...
 * } // close() = stop(): savepoint, lake committed
 * </pre>
 */
public final class LocalJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalJob.class);

    /**
     * @param webUiPort serve Flink's web UI on {@code localhost:port} (0 = any free port), or null for none
     * @param savepointDir where {@link #stop()} writes its savepoint; null = the config's checkpoint
     *     directory, else a fresh temporary directory
     * @param jobName shown in logs and the web UI
     * @param stopTimeout how long {@link #stop()} waits for the savepoint
     */
    public record Options(Integer webUiPort, Path savepointDir, String jobName, Duration stopTimeout) {
        public static Options defaults() {
            return new Options(null, null, "takeover-alerts", Duration.ofMinutes(2));
        }

        public Options withWebUi(int port) {
            return new Options(port, savepointDir, jobName, stopTimeout);
        }

        public Options withSavepointDir(Path dir) {
            return new Options(webUiPort, dir, jobName, stopTimeout);
        }

        public Options withJobName(String name) {
            return new Options(webUiPort, savepointDir, name, stopTimeout);
        }
    }

    private final JobClient client;
    private final String savepointTarget;
    private final Duration stopTimeout;
    private volatile String savepoint;

    private LocalJob(JobClient client, String savepointTarget, Duration stopTimeout) {
        this.client = client;
        this.savepointTarget = savepointTarget;
        this.stopTimeout = stopTimeout;
    }

    /** Builds the job's graph on a new local environment and submits it; returns without waiting. */
    public static LocalJob start(TakeoverJob job, Options options) throws Exception {
        JobConfig config = job.config();
        Configuration conf = configuration(config);
        StreamExecutionEnvironment env;
        if (options.webUiPort() != null) {
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            conf.set(RestOptions.ADDRESS, "127.0.0.1");
            conf.set(RestOptions.PORT, options.webUiPort());
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        } else {
            env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        }
        if (config.parallelism() <= 0) {
            env.setParallelism(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        }
        job.build(env);
        String target = savepointTarget(options, config);
        JobClient client = env.executeAsync(options.jobName());
        LOG.info("job {} submitted to a local Flink cluster{}", client.getJobID(),
                options.webUiPort() != null ? " (web UI on 127.0.0.1)" : "");
        return new LocalJob(client, target, options.stopTimeout());
    }

    /**
     * The local cluster's configuration. Checkpoints always go to files: the config's checkpoint directory,
     * else a fresh temporary one. Flink's default, the job manager's memory, refuses a subtask's state over
     * 5 MB, and a job whose open conversations outgrow that fails every checkpoint and restarts in a loop.
     */
    public static Configuration configuration(JobConfig config) throws IOException {
        Configuration conf = new Configuration();
        String dir = config.checkpointDir() != null ? TakeoverJob.toUri(config.checkpointDir())
                : Files.createTempDirectory("takeover-checkpoints-").toUri().toString();
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
        if (config.stateBackend() == JobConfig.StateBackend.CHANGELOG) {
            // The change log is written by the task managers: set it on the cluster too, next to the checkpoints.
            TakeoverJob.changelog(conf, config);
            conf.set(FsStateChangelogOptions.BASE_PATH, dir + "/changelog");
        } else if (config.stateBackend() == JobConfig.StateBackend.ROCKSDB) {
            TakeoverJob.rocksdb(conf);
            // RocksDB's working files (the live state, not a checkpoint) in a temporary directory of this run; the
            // backend removes its instance directories when the job ends.
            Path work = Files.createTempDirectory("takeover-rocksdb-");
            work.toFile().deleteOnExit();
            conf.set(RocksDBOptions.LOCAL_DIRECTORIES, work.toString());
        }
        // The web UI (and the latency benchmark, through the same REST API) shows the last 100 checkpoints, not 10.
        conf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 100);
        return conf;
    }

    /** Bytes on disk of a savepoint or checkpoint, given as the URI {@link #stop()} returns. */
    public static long sizeOf(String savepoint) throws IOException {
        try (var files = Files.walk(Path.of(URI.create(savepoint)))) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** {@link #start(TakeoverJob, Options)} with Kafka and the lake as configured, default options. */
    public static LocalJob start(JobConfig config) throws Exception {
        return start(TakeoverJob.from(config), Options.defaults());
    }

    private static String savepointTarget(Options options, JobConfig config) throws IOException {
        if (options.savepointDir() != null) {
            return options.savepointDir().toAbsolutePath().toUri().toString();
        }
        if (config.checkpointDir() != null) {
            return TakeoverJob.toUri(config.checkpointDir()) + "/savepoints";
        }
        return Files.createTempDirectory("takeover-savepoints-").toUri().toString();
    }

    public JobClient client() {
        return client;
    }

    public JobStatus status() throws Exception {
        return client.getJobStatus().get(30, TimeUnit.SECONDS);
    }

    /** Waits until the job runs (its tasks are being deployed or run); fails if it ended or did not start in time. */
    public void awaitRunning(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobStatus s = status();
            if (s == JobStatus.RUNNING) {
                return;
            }
            if (s.isGloballyTerminalState()) {
                client.getJobExecutionResult().get(); // throws with the cause when it failed
                throw new IllegalStateException("the job ended before it ran (" + s + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the job did not start within " + timeout + " (" + s + ")");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Stops the job with a savepoint (no drain: open conversations stay open in the savepoint, their
     * timers do not fire) and waits for it; the lake files written so far are committed. Returns the
     * savepoint's path, or null if the job had already ended.
     */
    public String stop() throws Exception {
        return stop(false);
    }

    /**
     * Stops the job with a savepoint; with {@code drain} event time first advances to its end, so
     * every pending timer fires: ended conversations are summarised and cleaned, the still-open ones
     * written as abandoned (a finished demo run, never a job that will be resumed).
     */
    public synchronized String stop(boolean drain) throws Exception {
        if (savepoint != null) {
            return savepoint;
        }
        JobStatus s = status();
        if (s.isGloballyTerminalState()) {
            return null;
        }
        savepoint = client.stopWithSavepoint(drain, savepointTarget, SavepointFormatType.CANONICAL)
                .get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("job {} stopped with savepoint {}{}", client.getJobID(), savepoint, drain ? " (drained)" : "");
        return savepoint;
    }

    /** Waits until the job ends by itself (a bounded replay) or is stopped; rethrows its failure. */
    public void awaitTermination() throws Exception {
        client.getJobExecutionResult().get();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
