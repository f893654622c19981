package com.takeover.cli;

import com.takeover.job.JobConfig;
import com.takeover.job.JobConfig.Key;
import com.takeover.job.LocalJob;
import com.takeover.job.TakeoverJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code takeover job}: the live Flink job against a Kafka cluster. Submitted with {@code flink run}
 * it runs on that Flink cluster; started directly it runs on a local Flink cluster in this JVM and
 * Ctrl-C stops it with a savepoint (lake files committed).
 */
@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the live job: conversation events from Kafka -> takeover alerts to Kafka, bad records to",
            "the dead-letter topic, summaries/alerts/takeovers to the Parquet lake. Settings come from",
            "--config (a properties file with the same keys as the long options, without '--') and the",
            "options, which win. Started directly it runs on a local Flink cluster in this JVM (Ctrl-C",
            "stops it with a savepoint, committing the lake); under 'flink run' it runs on that cluster.",
            "",
        },
        footer = {
            "",
            "Examples:",
            "  bin/takeover job --bootstrap-servers kafka-1:9092 --lake-path /data/lake --rules-file rules.yaml",
            "  bin/takeover job --config job.properties --kafka-property security.protocol=SSL \\",
            "      --kafka-property ssl.truststore.location=/etc/kafka/truststore.jks",
            "  flink run -d streaming-job/target/takeover-streaming-job-0.1.0-SNAPSHOT-cluster.jar \\",
            "      --config job.properties --checkpoint-dir s3://bucket/checkpoints",
        })
public final class JobCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Map<String, String> flags = new LinkedHashMap<>();

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with job settings (keys as below).")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka bootstrap servers (default: localhost:9092).")
    void bootstrapServers(String v) {
        flags.put(Key.BOOTSTRAP_SERVERS.key(), v);
    }

    @Option(names = "--topic-events", paramLabel = "TOPIC", description = "Input topic of conversation events (default: conversation-events).")
    void topicEvents(String v) {
        flags.put(Key.TOPIC_EVENTS.key(), v);
    }

    @Option(names = "--topic-alerts", paramLabel = "TOPIC", description = "Output topic of takeover alerts (default: takeover-alerts).")
    void topicAlerts(String v) {
        flags.put(Key.TOPIC_ALERTS.key(), v);
    }

    @Option(names = "--topic-dlq", paramLabel = "TOPIC", description = "Dead-letter topic for undecodable events (default: conversation-events-dlq).")
    void topicDlq(String v) {
        flags.put(Key.TOPIC_DLQ.key(), v);
    }

    @Option(names = "--topic-rules", paramLabel = "TOPIC", description = "Compacted topic of alert-rule updates (default: alert-rules).")
    void topicRules(String v) {
        flags.put(Key.TOPIC_RULES.key(), v);
    }

    @Option(names = "--topic-rule-rejections", paramLabel = "TOPIC", description = "Topic of refused rule updates (default: rule-rejections).")
    void topicRuleRejections(String v) {
        flags.put(Key.TOPIC_RULE_REJECTIONS.key(), v);
    }

    @Option(names = "--group-id", paramLabel = "ID", description = "Consumer group of the job's sources (default: takeover-job).")
    void groupId(String v) {
        flags.put(Key.GROUP_ID.key(), v);
    }

    @Option(names = "--start-from", paramLabel = "earliest|latest", description = "Where to start when the group has no committed offsets (default: earliest).")
    void startFrom(String v) {
        flags.put(Key.START_FROM.key(), v);
    }

    @Option(names = "--value-format", paramLabel = "avro|json", description = "Value format of events in and alerts out (default: avro).")
    void valueFormat(String v) {
        flags.put(Key.VALUE_FORMAT.key(), v);
    }

    @Option(names = "--delivery", paramLabel = "at-least-once|exactly-once", description = "Delivery guarantee of takeover-alerts (default: at-least-once).")
    void delivery(String v) {
        flags.put(Key.DELIVERY.key(), v);
    }

    @Option(names = "--transactional-id-prefix", paramLabel = "PREFIX", description = "Kafka transactional id prefix, exactly-once (default: takeover-alerts).")
    void transactionalIdPrefix(String v) {
        flags.put(Key.TRANSACTIONAL_ID_PREFIX.key(), v);
    }

    @Option(names = "--transaction-timeout", paramLabel = "DURATION", description = "Producer transaction timeout, below the broker's transaction.max.timeout.ms (default: 5m).")
    void transactionTimeout(String v) {
        flags.put(Key.TRANSACTION_TIMEOUT.key(), v);
    }

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", description = "Checkpoint interval; 0 disables (default: 10s).")
    void checkpointInterval(String v) {
        flags.put(Key.CHECKPOINT_INTERVAL.key(), v);
    }

    @Option(names = "--checkpoint-min-pause", paramLabel = "DURATION", description = "Least time from one checkpoint's end to the next one's start (default: 0).")
    void checkpointMinPause(String v) {
        flags.put(Key.CHECKPOINT_MIN_PAUSE.key(), v);
    }

    @Option(names = "--state-backend", paramLabel = "hashmap|changelog|rocksdb", description = "Where keyed state lives. rocksdb, changelog: incremental checkpoints, shorter once many conversations are open, for less throughput (default: rocksdb with exactly-once delivery, else hashmap).")
    void stateBackend(String v) {
        flags.put(Key.STATE_BACKEND.key(), v);
    }

    @Option(names = "--checkpoint-dir", paramLabel = "URI", description = "Durable checkpoint storage (file:///..., s3://..., hdfs://...).")
    void checkpointDir(String v) {
        flags.put(Key.CHECKPOINT_DIR.key(), v);
    }

    @Option(names = "--lake-path", paramLabel = "PATH", description = "Root of the Parquet lake; empty = no lake (default: lake).")
    void lakePath(String v) {
        flags.put(Key.LAKE_PATH.key(), v);
    }

    @Option(names = "--keep-masked-text", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
            description = "Store PII-masked transcripts in conversations/ (default: false).")
    void keepMaskedText(String v) {
        flags.put(Key.KEEP_MASKED_TEXT.key(), v);
    }

    @Option(names = "--rules-file", paramLabel = "FILE", description = "Alert rules (YAML or JSON) in force at start (default: the built-in rules).")
    void rulesFile(String v) {
        flags.put(Key.RULES_FILE.key(), v);
    }

    @Option(names = "--parallelism", paramLabel = "N", description = "Job parallelism; 0 = the environment's default.")
    void parallelism(String v) {
        flags.put(Key.PARALLELISM.key(), v);
    }

    @Option(names = "--buffer-timeout", paramLabel = "DURATION", description = "Longest a record waits in a network buffer; lower = less latency (default: 10ms).")
    void bufferTimeout(String v) {
        flags.put(Key.BUFFER_TIMEOUT.key(), v);
    }

    @Option(names = "--out-of-orderness", paramLabel = "DURATION", description = "Bounded out-of-orderness of event time (default: 2s).")
    void outOfOrderness(String v) {
        flags.put(Key.OUT_OF_ORDERNESS.key(), v);
    }

    @Option(names = "--idleness", paramLabel = "DURATION", description = "A partition quiet this long stops holding back event time (default: 10s).")
    void idleness(String v) {
        flags.put(Key.IDLENESS.key(), v);
    }

    @Option(names = "--end-grace", paramLabel = "DURATION", description = "Keep an ended conversation's state this long for stragglers (default: 5m).")
    void endGrace(String v) {
        flags.put(Key.END_GRACE.key(), v);
    }

    @Option(names = "--abandon-ttl", paramLabel = "DURATION", description = "Close a conversation without events this long as abandoned (default: 1h).")
    void abandonTtl(String v) {
        flags.put(Key.ABANDON_TTL.key(), v);
    }

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "Kafka client property for every source and sink (TLS, SASL...); repeatable.")
    void kafkaProperty(Map<String, String> props) {
        props.forEach((k, v) -> flags.put(JobConfig.KAFKA_PREFIX + k, v));
    }

    @Option(names = "--web-ui", paramLabel = "PORT", arity = "0..1", fallbackValue = "8081",
            description = "Local run only: serve Flink's web UI on 127.0.0.1:PORT (default port 8081).")
    Integer webUiPort;

    @Option(names = "--print-config", description = "Print the effective settings and exit.")
    boolean printConfig;

    public static void main(String[] args) {
        // Entry point of the cluster jar: 'flink run <jar> [options]'.
        System.exit(Launcher.commandLine(new JobCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        JobConfig config = config();
        PrintWriter err = spec.commandLine().getErr();
        if (printConfig) {
            PrintWriter out = spec.commandLine().getOut();
            config.describe().forEach((k, v) -> out.println(k + "=" + v));
            out.flush();
            return Launcher.OK;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (!(env instanceof LocalStreamEnvironment)) {
            // Under 'flink run': the cluster runs it; attached mode waits here, detached returns.
            TakeoverJob.build(env, config);
            err.println("takeover: submitting the job to the Flink cluster");
            err.flush();
            env.execute("takeover-alerts");
            return Launcher.OK;
        }
        return runLocally(config, err);
    }

    private Integer runLocally(JobConfig config, PrintWriter err) throws Exception {
        LocalJob.Options options = LocalJob.Options.defaults();
        if (webUiPort != null) {
            options = options.withWebUi(webUiPort);
        }
        LocalJob job = LocalJob.start(TakeoverJob.from(config), options);
        Thread stopper = new Thread(() -> {
            try {
                err.println("takeover: stopping with a savepoint (commits the lake)...");
                err.flush();
                String sp = job.stop();
                if (sp != null) {
                    err.println("takeover: stopped; savepoint " + sp);
                    err.flush();
                }
            } catch (Exception e) {
                err.println("takeover: could not stop cleanly: " + e.getMessage());
                err.flush();
            }
        }, "takeover-job-stopper");
        Runtime.getRuntime().addShutdownHook(stopper);
        err.println("takeover: job running on a local Flink cluster, reading " + config.topics().conversationEvents()
                + " from " + config.bootstrapServers() + (webUiPort != null ? "; web UI on http://127.0.0.1:" + webUiPort : "")
                + "; Ctrl-C stops it");
        err.flush();
        try {
            job.awaitTermination();
        } catch (Exception e) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the stop was asked for
            }
            throw new Launcher.CommandFailure(Launcher.FAILURE, "the job failed: " + rootMessage(e), e);
        }
        return Launcher.OK;
    }

    /** The file's settings overlaid with the command line's; bad values are usage errors (exit 2). */
    JobConfig config() {
        Map<String, String> merged = new LinkedHashMap<>();
        if (configFile != null) {
            merged.putAll(readProperties(configFile));
        }
        merged.putAll(flags);
        try {
            return JobConfig.fromMap(merged);
        } catch (IllegalArgumentException e) {
            String where = configFile != null && !flagsMention(e.getMessage()) ? configFile + ": " : "";
            throw new CommandLine.ParameterException(spec.commandLine(), where + e.getMessage());
        }
    }

    private boolean flagsMention(String message) {
        return flags.keySet().stream().anyMatch(k -> message != null && message.startsWith(k + ":"));
    }

    private Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "config file not found: " + file);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : new TreeSet<>(p.stringPropertyNames())) {
            m.put(k, p.getProperty(k));
        }
        return m;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
