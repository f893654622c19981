package com.takeover.job.failure;

import static org.assertj.core.api.Assertions.assertThat;

import com.takeover.codec.WireFormat;
import com.takeover.job.JobConfig;
import com.takeover.job.TakeoverJob;
import com.takeover.job.failure.Pipeline.Keyed;
import com.takeover.kafka.EmbeddedKafka;
import com.takeover.kafka.TopicNames;
import com.takeover.schema.ConversationEvent;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.CustomerMessage;
import com.takeover.schema.TakeoverAlert;
import com.takeover.testing.LakeFiles;
import com.takeover.testing.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.changelog.fs.FsStateChangelogOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job dies mid-stream and comes back from its last checkpoint. Every run reads the same simulated traffic;
 * the alerts (and the lake's conversation rows) must be those of an uninterrupted run: with exactly-once, a
 * read_committed consumer sees each alert exactly once; with at-least-once, an alert may come twice, but only
 * as the very same alert (same id, same content).
 *
 * <p>The interrupted runs are live (unbounded) jobs, as in production. A lone event a day after the traffic, in
 * each partition, moves event time past every timer, so a live job ends with the same alerts as the bounded
 * reference replay. (A bounded replay itself cannot be restored: the Kafka connector's restored enumerator never
 * tells the readers that no more splits will come, so a restored bounded source never finishes. See
 * docs/benchmarks.md.)
 */
class CheckpointRecoveryTest {
    static final int CONVERSATIONS = 700;
    /** Per customer message: a run takes a few seconds, long enough to be interrupted mid-stream. */
    static final long DELAY_MICROS = 1_000;
    static final Duration PATIENCE = Duration.ofSeconds(90);

    /** Where the task manager writes the change logs of the jobs run with {@code state-backend=changelog}. */
    static final Path CHANGELOG = tempDirectory("recovery-changelog-");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .setConfiguration(changelogStorage(CHANGELOG)).build());

    static EmbeddedKafka kafka;
    static TestKafka clients;
    static String eventsTopic = "recovery-conversation-events";
    /** The same traffic, sent in two halves by the test that switches the state backend between them. */
    static final String SPLIT_EVENTS_TOPIC = "recovery-split-conversation-events";
    static List<ConversationEvent> events;
    static long customerMessages;
    static Map<String, TakeoverAlert> reference;
    static Map<String, ConversationSummary> referenceLake;

    @TempDir
    static Path dir;

    @BeforeAll
    static void uninterruptedRun() throws Exception {
        kafka = EmbeddedKafka.start();
        clients = new TestKafka(kafka);
        // created with the shared topic: produced to only later, once its partitions surely have a leader (an
        // idempotent producer's first batch to a topic created a moment before can fail and come out of order)
        kafka.createTopics(2, eventsTopic, SPLIT_EVENTS_TOPIC);
        events = Pipeline.simulated(21, CONVERSATIONS);
        customerMessages = events.stream().filter(e -> e.getPayload() instanceof CustomerMessage).count();
        List<Keyed> records = new ArrayList<>(Pipeline.encode(events, WireFormat.AVRO));
        records.addAll(Pipeline.sentinels(events, 2, WireFormat.AVRO));
        Pipeline.produce(kafka, eventsTopic, records);

        FaultySentiment.reset(0);
        TopicNames t = topics("reference-");
        Path lake = dir.resolve("reference-lake");
        JobConfig cfg = config(t, "reference", JobConfig.Delivery.AT_LEAST_ONCE).lakePath(lake.toString()).build();
        StreamExecutionEnvironment env = Pipeline.environment(2, 0, null);
        TakeoverJob.from(cfg).bounded(true).scorer(FaultySentiment.scorer()).build(env);
        Pipeline.execute(env, "reference", Pipeline.PATIENCE);

        // The replay's end of input also fires the sentinels' timers (a live job never gets there): leave them out
        List<TakeoverAlert> alerts = alerts(t, false);
        reference = Pipeline.byId(alerts);
        assertThat(alerts).hasSize(reference.size());
        assertThat(reference).hasSizeGreaterThan(100);
        referenceLake = summaries(lake);
        assertThat(referenceLake).hasSize(CONVERSATIONS);
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @BeforeEach
    void noFaults() {
        FaultySentiment.reset(0);
    }

    /** Every run reads the same events topic and writes its own output topics. */
    static TopicNames topics(String prefix) {
        return topics(prefix, eventsTopic);
    }

    static TopicNames topics(String prefix, String events) {
        TopicNames t = new TopicNames(events, prefix + "takeover-alerts", prefix + "conversation-events-dlq",
                prefix + "alert-rules", prefix + "rule-rejections");
        kafka.createTopics(t, 2);
        return t;
    }

    /** Idleness far above any stall of a slowed-down run, so a busy partition never counts as idle. */
    static JobConfig.Builder config(TopicNames t, String name, JobConfig.Delivery delivery) {
        return Pipeline.config(kafka, t, "recovery-" + name).delivery(delivery).idleness(Duration.ofMinutes(5));
    }

    @Test
    void exactlyOnceCancelledMidStreamAndRestoredFromItsRetainedCheckpoint() throws Exception {
        cancelAndRestore("cancel-eo", b -> b);
        // exactly-once's default backend is RocksDB with incremental checkpoints: their SST files went to shared/
        assertThat(sharedCheckpointFiles(dir.resolve("cancel-eo-checkpoints")))
                .as("files in the checkpoints' shared/ directories").isPositive();
    }

    @Test
    void exactlyOnceOnTheHeapStateBackendCancelledAndRestoredFromItsRetainedCheckpoint() throws Exception {
        cancelAndRestore("cancel-eo-heap", b -> b.stateBackend(JobConfig.StateBackend.HASHMAP));
        assertThat(sharedCheckpointFiles(dir.resolve("cancel-eo-heap-checkpoints"))).as("full checkpoints").isZero();
    }

    @Test
    void exactlyOnceWithTheChangelogStateBackendCancelledAndRestoredFromItsRetainedCheckpoint() throws Exception {
        long before = filesUnder(CHANGELOG);
        cancelAndRestore("cancel-eo-changelog", b -> b.stateBackend(JobConfig.StateBackend.CHANGELOG));
        // the checkpoints really were incremental: the state's changes went to the change log
        assertThat(filesUnder(CHANGELOG)).as("change log files").isGreaterThan(before);
    }

    @Test
    void anExactlyOnceJobOnTheHeapIsRestoredFromItsSavepointOntoRocksDbItsDefaultBackend() throws Exception {
        // A job that ran exactly-once before RocksDB became that guarantee's default backend, stopped with a
        // savepoint (Flink's canonical format) after the first half of the traffic, then restored by the job of
        // today's defaults before the second half comes: every alert committed exactly once, nothing scored twice.
        String name = "switch-eo";
        TopicNames t = topics(name + "-", SPLIT_EVENTS_TOPIC);
        int half = events.size() / 2;
        long firstHalfMessages = events.subList(0, half).stream()
                .filter(e -> e.getPayload() instanceof CustomerMessage).count();
        Path lake = dir.resolve(name + "-lake");
        JobConfig onHeap = config(t, name, JobConfig.Delivery.EXACTLY_ONCE)
                .checkpointDir(dir.resolve(name + "-checkpoints").toString())
                .lakePath(lake.toString())
                .stateBackend(JobConfig.StateBackend.HASHMAP)
                .build();
        JobConfig restored = onHeap.toBuilder().stateBackend(null).build();
        assertThat(restored.stateBackend()).isEqualTo(JobConfig.StateBackend.ROCKSDB);

        Pipeline.produce(kafka, t.conversationEvents(), Pipeline.encode(events.subList(0, half), WireFormat.AVRO));
        FaultySentiment.reset(0);
        StreamExecutionEnvironment env = Pipeline.environment(2, 0, null);
        TakeoverJob.from(onHeap).scorer(FaultySentiment.scorer()).build(env);
        JobClient first = env.executeAsync(name + " on the heap");
        awaitScored(firstHalfMessages);
        String savepoint = first.stopWithSavepoint(false, dir.resolve(name + "-savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);
        waitUntilTerminal(first);
        assertThat(FaultySentiment.calls()).as("messages scored by the job on the heap").isEqualTo(firstHalfMessages);

        List<Keyed> rest = new ArrayList<>(Pipeline.encode(events.subList(half, events.size()), WireFormat.AVRO));
        rest.addAll(Pipeline.sentinels(events, 2, WireFormat.AVRO));
        Pipeline.produce(kafka, t.conversationEvents(), rest);
        restoreAndExpectTheUninterruptedRun(restored, savepoint, name + " restored onto RocksDB", t, lake);
        assertThat(FaultySentiment.calls()).as("messages scored by the restored job")
                .isEqualTo(customerMessages - firstHalfMessages);
        assertThat(sharedCheckpointFiles(dir.resolve(name + "-checkpoints")))
                .as("the restored job's incremental checkpoints").isPositive();
    }

    /** Waits until the scorer has scored {@code n} customer messages. */
    static void awaitScored(long n) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (FaultySentiment.calls() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(FaultySentiment.calls() + " of " + n + " messages scored within " + PATIENCE);
            }
            Thread.sleep(20);
        }
    }

    private void cancelAndRestore(String name, UnaryOperator<JobConfig.Builder> options) throws Exception {
        TopicNames t = topics(name + "-");
        Path checkpoints = dir.resolve(name + "-checkpoints");
        Path lake = dir.resolve(name + "-lake");
        JobConfig cfg = options.apply(config(t, name, JobConfig.Delivery.EXACTLY_ONCE)
                .checkpointDir(checkpoints.toString())
                .lakePath(lake.toString()))
                .build();
        Configuration retain = new Configuration();
        retain.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);

        FaultySentiment.reset(DELAY_MICROS);
        StreamExecutionEnvironment env = Pipeline.environment(2, 0, retain);
        TakeoverJob.from(cfg).scorer(FaultySentiment.scorer()).build(env);
        JobClient first = env.executeAsync(name + " first attempt");

        // Cancel once a good part of the alerts is committed (so at least one checkpoint completed)
        int committedAtCancel = waitForAlerts(t, true, reference.size() / 4).size();
        first.cancel().get(1, TimeUnit.MINUTES);
        waitUntilTerminal(first);
        long scoredBeforeCancel = FaultySentiment.calls();
        assertThat(committedAtCancel).as("committed alerts when cancelled").isLessThan(reference.size());
        assertThat(scoredBeforeCancel).as("customer messages scored before the cancel").isLessThan(customerMessages);

        Path checkpoint = latestCheckpoint(checkpoints);
        restoreAndExpectTheUninterruptedRun(cfg, checkpoint.toUri().toString(),
                name + " restored from " + checkpoint.getFileName(), t, lake);
        System.err.printf(name + ": cancelled after %d of %d messages with %d of %d alerts committed; the restored"
                + " job scored %d%n", scoredBeforeCancel, customerMessages, committedAtCancel, reference.size(),
                FaultySentiment.calls());
        // The restored job resumed where the checkpoint was: it did not score everything again
        assertThat(FaultySentiment.calls()).isLessThan(customerMessages);
    }

    /**
     * Restores the job from {@code snapshot} (a checkpoint or savepoint) and waits for what the uninterrupted run
     * gave: every alert committed exactly once, and the lake's summaries. The scorer's count is reset first, so
     * afterwards it counts what the restored job scored.
     */
    private static void restoreAndExpectTheUninterruptedRun(JobConfig cfg, String snapshot, String jobName,
            TopicNames t, Path lake) throws Exception {
        FaultySentiment.reset(0);
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, snapshot);
        StreamExecutionEnvironment env = Pipeline.environment(2, 0, restore);
        TakeoverJob.from(cfg).scorer(FaultySentiment.scorer()).build(env);
        JobClient job = env.executeAsync(jobName);
        try {
            List<TakeoverAlert> committed = settledAlerts(t, true);
            assertThat(committed).as("no duplicate").hasSize(reference.size());
            Pipeline.assertSameAlerts(Pipeline.byId(committed), reference);
            assertThat(waitForLake(lake)).isEqualTo(referenceLake);
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    @Test
    void exactlyOnceTaskFailureRestartsFromTheLastCheckpointWithoutLossOrDuplicate() throws Exception {
        TopicNames t = topics("fail-eo-");
        List<TakeoverAlert> committed = runWithTaskFailure(t, "fail-eo", JobConfig.Delivery.EXACTLY_ONCE, true);
        assertThat(committed).as("no duplicate").hasSize(reference.size());
        Pipeline.assertSameAlerts(Pipeline.byId(committed), reference);
        // on the default backend under exactly-once, RocksDB
        assertThat(sharedCheckpointFiles(dir.resolve("fail-eo-checkpoints")))
                .as("files in the checkpoints' shared/ directories").isPositive();
    }

    @Test
    void exactlyOnceOnTheHeapStateBackendRestartsAfterATaskFailureWithoutLossOrDuplicate() throws Exception {
        TopicNames t = topics("fail-eo-heap-");
        List<TakeoverAlert> committed = runWithTaskFailure(t, "fail-eo-heap", JobConfig.Delivery.EXACTLY_ONCE, true,
                b -> b.stateBackend(JobConfig.StateBackend.HASHMAP));
        assertThat(committed).as("no duplicate").hasSize(reference.size());
        Pipeline.assertSameAlerts(Pipeline.byId(committed), reference);
    }

    @Test
    void exactlyOnceWithTheChangelogStateBackendRestartsAfterATaskFailureWithoutLossOrDuplicate() throws Exception {
        TopicNames t = topics("fail-eo-changelog-");
        List<TakeoverAlert> committed = runWithTaskFailure(t, "fail-eo-changelog", JobConfig.Delivery.EXACTLY_ONCE, true,
                b -> b.stateBackend(JobConfig.StateBackend.CHANGELOG));
        assertThat(committed).as("no duplicate").hasSize(reference.size());
        Pipeline.assertSameAlerts(Pipeline.byId(committed), reference);
    }

    @Test
    void atLeastOnceTaskFailureMayRepeatAlertsButOnlyWithTheSameIdAndContent() throws Exception {
        TopicNames t = topics("fail-alo-");
        List<TakeoverAlert> all = runWithTaskFailure(t, "fail-alo", JobConfig.Delivery.AT_LEAST_ONCE, false);
        assertThat(all).hasSizeGreaterThanOrEqualTo(reference.size());
        // byId fails on two different alerts sharing an id; the distinct ids are exactly the reference's
        Pipeline.assertSameAlerts(Pipeline.byId(all), reference);
    }

    /**
     * A live job that fails once, mid-stream, after its first checkpoint completed; Flink restarts it from
     * the last checkpoint. Returns the alerts once settled.
     */
    private List<TakeoverAlert> runWithTaskFailure(TopicNames t, String name, JobConfig.Delivery delivery,
            boolean readCommitted) throws Exception {
        return runWithTaskFailure(t, name, delivery, readCommitted, b -> b);
    }

    private List<TakeoverAlert> runWithTaskFailure(TopicNames t, String name, JobConfig.Delivery delivery,
            boolean readCommitted, UnaryOperator<JobConfig.Builder> options) throws Exception {
        Path checkpoints = dir.resolve(name + "-checkpoints");
        JobConfig cfg = options.apply(config(t, name, delivery).checkpointDir(checkpoints.toString())).build();
        FaultySentiment.reset(DELAY_MICROS);
        StreamExecutionEnvironment env = Pipeline.environment(2, 3, null);
        TakeoverJob.from(cfg).scorer(FaultySentiment.scorer()).build(env);
        JobClient job = env.executeAsync(name);
        try {
            waitForCheckpoint(checkpoints);
            FaultySentiment.arm();
            List<TakeoverAlert> alerts = settledAlerts(t, readCommitted);
            assertThat(FaultySentiment.failed()).as("the injected failure happened").isTrue();
            // Restarted from a checkpoint, not from the start: fewer messages scored twice than before the failure
            assertThat(FaultySentiment.calls() - customerMessages).as("messages scored again")
                    .isLessThan(FaultySentiment.failedAt()).isGreaterThanOrEqualTo(0);
            assertThat(FaultySentiment.failedAt()).as("failed mid-stream").isLessThan(customerMessages);
            System.err.printf("%s: failed at message %d of %d, %d scored again, %d alerts (%d distinct)%n", name,
                    FaultySentiment.failedAt(), customerMessages, FaultySentiment.calls() - customerMessages,
                    alerts.size(), reference.size());
            return alerts;
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    /** The change log's storage on the task manager (a cluster-wide setting, as on a real cluster). */
    static Configuration changelogStorage(Path dir) {
        Configuration c = new Configuration();
        c.set(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE, "filesystem");
        c.set(FsStateChangelogOptions.BASE_PATH, dir.toUri().toString());
        return c;
    }

    static Path tempDirectory(String prefix) {
        try {
            Path d = Files.createTempDirectory(prefix);
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    /**
     * Files in the {@code <dir>/<job id>/shared} directories: the SST files of incremental checkpoints, which
     * later checkpoints refer to (a full checkpoint writes everything into its own {@code chk-N}).
     */
    static long sharedCheckpointFiles(Path checkpoints) throws IOException {
        try (Stream<Path> s = Files.walk(checkpoints, 2)) {
            long n = 0;
            for (Path shared : s.filter(p -> p.getFileName().toString().equals("shared")).toList()) {
                n += filesUnder(shared);
            }
            return n;
        }
    }

    /** Waits until the job has completed a checkpoint. */
    static void waitForCheckpoint(Path checkpoints) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(checkpoints)) {
                try (Stream<Path> s = Files.walk(checkpoints, 3)) {
                    if (s.anyMatch(p -> p.getFileName().toString().equals("_metadata"))) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no checkpoint completed under " + checkpoints + " within " + PATIENCE);
    }

    /** The alerts on the run's topic, the sentinels' left out. */
    static List<TakeoverAlert> alerts(TopicNames t, boolean readCommitted) throws Exception {
        return Pipeline.alerts(clients, t.takeoverAlerts(), WireFormat.AVRO, readCommitted).stream()
                .filter(a -> !Pipeline.isSentinel(a.getConversationId())).toList();
    }

    /** Alerts on the topic once at least {@code n} are readable. */
    static List<TakeoverAlert> waitForAlerts(TopicNames t, boolean readCommitted, int n) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<TakeoverAlert> alerts = alerts(t, readCommitted);
            if (alerts.size() >= n) {
                return alerts;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + alerts.size() + " of " + n + " alerts within " + PATIENCE);
            }
            Thread.sleep(200);
        }
    }

    /**
     * The distinct alert ids reached the reference's number, then a few more checkpoints went by (so a late
     * duplicate would have shown up): the topic as it then is.
     */
    static List<TakeoverAlert> settledAlerts(TopicNames t, boolean readCommitted) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (Pipeline.byId(alerts(t, readCommitted)).size() < reference.size()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer alerts than the reference's " + reference.size() + " within " + PATIENCE);
            }
            Thread.sleep(200);
        }
        Thread.sleep(2_000);
        return alerts(t, readCommitted);
    }

    /** The lake's conversation rows once every simulated conversation has its row (sentinels left out). */
    static Map<String, ConversationSummary> waitForLake(Path lake) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Map<String, ConversationSummary> rows = summaries(lake);
            if (rows.size() >= CONVERSATIONS || System.nanoTime() > deadline) {
                Thread.sleep(1_000);
                return summaries(lake);
            }
            Thread.sleep(200);
        }
    }

    static void waitUntilTerminal(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JobStatus s = job.getJobStatus().get(10, TimeUnit.SECONDS);
            if (s.isGloballyTerminalState()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + job.getJobID() + " did not stop");
    }

    /** The newest retained checkpoint ({@code <dir>/<job id>/chk-N}) that has its metadata. */
    static Path latestCheckpoint(Path checkpoints) throws IOException {
        try (Stream<Path> s = Files.walk(checkpoints, 2)) {
            return s.filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> Files.exists(p.resolve("_metadata")))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))))
                    .orElseThrow(() -> new AssertionError("no retained checkpoint under " + checkpoints));
        }
    }

    /** The lake's conversation rows by conversation id, sentinels left out; fails on a conversation written twice. */
    static Map<String, ConversationSummary> summaries(Path lake) throws IOException {
        Map<String, ConversationSummary> out = new HashMap<>();
        for (List<ConversationSummary> rows : LakeFiles.read(lake.resolve("conversations"), ConversationSummary.class)
                .values()) {
            for (ConversationSummary s : rows) {
                if (!Pipeline.isSentinel(s.getConversationId())) {
                    assertThat(out.put(s.getConversationId(), s)).as("rows of %s", s.getConversationId()).isNull();
                }
            }
        }
        return out;
    }
}
