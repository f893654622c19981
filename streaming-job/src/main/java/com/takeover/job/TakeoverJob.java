package com.takeover.job;

import com.takeover.codec.JsonCodec;
import com.takeover.rules.RuleSet;
import com.takeover.rules.RuleValidationException;
import com.takeover.rules.RulesLoader;
import com.takeover.schema.ConversationSummary;
import com.takeover.schema.RuleRejection;
import com.takeover.schema.TakeoverAlert;
import com.takeover.schema.TakeoverRecord;
import com.takeover.scoring.ConversationScorer;
import com.takeover.scoring.LakeRecords;
import com.takeover.scoring.ScoringConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.rocksdb.CompactionStyle;

/**
 * Builds the live job's graph from a {@link JobConfig}; nothing else. Sources and sinks default to
 * Kafka and the Parquet lake and can each be replaced (tests plug in their own):
 *
 * <pre>
 * conversation-events ─► decode ─► route ─┬─► keyBy(conversationId) ─► score + rules ─┬─► takeover-alerts
 *   (KafkaSource,          (in the       │                     ▲ broadcast          ├─► lake alerts/
 *    per-partition          source)      └─► conversation-      │                    ├─► lake conversations/
 *    watermarks)                             events-dlq     alert-rules              ├─► lake takeovers/
 *                                                                                    └─► rule-rejections
 * </pre>
 */
public final class TakeoverJob {
    // Stable operator ids: state in a savepoint is matched to operators by these. Never change them.
    public static final String UID_EVENTS_SOURCE = "source-conversation-events";
    public static final String UID_ROUTE = "route-dead-letters";
    public static final String UID_DEAD_LETTER_SINK = "sink-dead-letters";
    public static final String UID_RULES_SOURCE = "source-alert-rules";
    public static final String UID_SCORING = "score-conversations";
    public static final String UID_ALERT_SINK = "sink-takeover-alerts";
    public static final String UID_REJECTION_SINK = "sink-rule-rejections";
    public static final String UID_LAKE_CONVERSATIONS = "lake-conversations";
    public static final String UID_LAKE_ALERTS = "lake-alerts";
    public static final String UID_LAKE_ALERTS_WITHOUT_TEXT = "lake-alerts-without-text";
    public static final String UID_LAKE_TAKEOVERS = "lake-takeovers";
    // Operator names, which also name the task threads they run in (a profile or a benchmark goes by them)
    public static final String NAME_SCORING = "Score conversations, evaluate alert rules";
    public static final String NAME_LAKE_PREFIX = "Lake: ";

    /**
     * How long a lake row may wait in a network buffer on its way to the lake's writers. Nothing reads it before the
     * checkpoint that commits its file (a barrier flushes the buffers), so its edges send full buffers instead of
     * flushing every {@code buffer-timeout} like the alerts' path: at 10 ms each writer woke for a few rows at a
     * time, the takeovers' for one or two.
     */
    static final Duration LAKE_BUFFER_TIMEOUT = Duration.ofSeconds(1);

    private final JobConfig config;
    private Source<IngestedEvent, ?, ?> eventSource;
    private Source<RuleUpdate, ?, ?> ruleSource;
    private Sink<TakeoverAlert> alertSink;
    private Sink<DeadLetter> deadLetterSink;
    private Sink<RuleRejection> ruleRejectionSink;
    private Sink<ConversationSummary> conversationLake;
    private Sink<TakeoverAlert> alertLake;
    private Sink<TakeoverRecord> takeoverLake;
    private RuleSet initialRules;
    private ConversationScorer scorer;
    private boolean bounded;

    private TakeoverJob(JobConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A job for this config; replace any source or sink before {@link #build}. */
    public static TakeoverJob from(JobConfig config) {
        return new TakeoverJob(config);
    }

    /** Shortcut: the graph with Kafka and the lake, on {@code env} (configured from {@code config}). */
    public static Graph build(StreamExecutionEnvironment env, JobConfig config) {
        return from(config).build(env);
    }

    public JobConfig config() {
        return config;
    }

    public TakeoverJob eventSource(Source<IngestedEvent, ?, ?> source) {
        this.eventSource = source;
        return this;
    }

    public TakeoverJob ruleSource(Source<RuleUpdate, ?, ?> source) {
        this.ruleSource = source;
        return this;
    }

    public TakeoverJob alertSink(Sink<TakeoverAlert> sink) {
        this.alertSink = sink;
        return this;
    }

    public TakeoverJob deadLetterSink(Sink<DeadLetter> sink) {
        this.deadLetterSink = sink;
        return this;
    }

    public TakeoverJob ruleRejectionSink(Sink<RuleRejection> sink) {
        this.ruleRejectionSink = sink;
        return this;
    }

    /** Replaces the three lake sinks (e.g. with collecting sinks in tests). */
    public TakeoverJob lakeSinks(Sink<ConversationSummary> conversations, Sink<TakeoverAlert> alerts,
            Sink<TakeoverRecord> takeovers) {
        this.conversationLake = conversations;
        this.alertLake = alerts;
        this.takeoverLake = takeovers;
        return this;
    }

    /** Rules in force at start, instead of the config's rules file (or the built-in defaults). */
    public TakeoverJob initialRules(RuleSet rules) {
        this.initialRules = rules;
        return this;
    }

    /** The scoring core to use instead of the default one (tests script sentiment with this). */
    public TakeoverJob scorer(ConversationScorer scorer) {
        this.scorer = scorer;
        return this;
    }

    /**
     * Read both Kafka topics only up to the offsets they have when the job starts, then finish: a
     * replay. At the end of input event time jumps to the end of time, so every open conversation
     * is closed (abandoned) and every lake file is committed by the final checkpoint.
     */
    public TakeoverJob bounded(boolean bounded) {
        this.bounded = bounded;
        return this;
    }

    /** Applies the config's checkpointing and parallelism to {@code env}, then adds the graph. */
    public Graph build(StreamExecutionEnvironment env) {
        configure(env, config);
        RuleSet rules = initialRules != null ? initialRules : loadRules(config);
        ConversationScorer scoring = scorer != null ? scorer
                : new ConversationScorer(ScoringConfig.defaults().withKeepTranscript(config.keepMaskedText()));

        // Events: decoded in the source, so watermarks follow each Kafka partition.
        WatermarkStrategy<IngestedEvent> watermarks = WatermarkStrategy
                .<IngestedEvent>forBoundedOutOfOrderness(config.outOfOrderness())
                // Undecodable records carry no event time; MIN_VALUE never advances the watermark.
                .withTimestampAssigner((r, kafkaTs) -> r.isDecoded() ? r.event.getEventTime() : Long.MIN_VALUE);
        if (!bounded) {
            // A quiet partition stops holding back event time. Not in a replay: every partition has data
            // until its end, and the finished rules input already reports the end of time.
            watermarks = watermarks.withIdleness(config.idleness());
        }
        DataStream<IngestedEvent> ingested = env
                .fromSource(eventSource != null ? eventSource : kafkaEventSource(), watermarks,
                        "Kafka: " + config.topics().conversationEvents())
                .uid(UID_EVENTS_SOURCE);

        SingleOutputStreamOperator<IngestedEvent> events = ingested
                .process(new DeadLetterRouter())
                .uid(UID_ROUTE)
                .name("Route undecodable records to the DLQ");
        events.getSideOutput(DeadLetterRouter.DEAD_LETTERS)
                .sinkTo(deadLetterSink != null ? deadLetterSink : kafkaDeadLetterSink())
                .uid(UID_DEAD_LETTER_SINK)
                .name("Kafka: " + config.topics().deadLetters());

        // Rules: every parallel scorer sees every update, in topic order. The rules input is always
        // idle for event time (see RuleWatermarks): only events move the scorer's clock.
        BroadcastStream<RuleUpdate> ruleUpdates = env
                .fromSource(ruleSource != null ? ruleSource : kafkaRuleSource(), RuleWatermarks.idle(),
                        "Kafka: " + config.topics().alertRules())
                .uid(UID_RULES_SOURCE)
                .setParallelism(1)
                .broadcast(ConversationScoringFunction.RULES);

        ConversationScoringFunction scoringFunction = new ConversationScoringFunction(rules, scoring,
                config.endGrace().toMillis(), config.abandonTtl().toMillis(), config.topics().alertRules());
        SingleOutputStreamOperator<TakeoverAlert> alerts = events
                .keyBy(e -> e.event.getConversationId())
                .connect(ruleUpdates)
                .process(scoringFunction)
                .uid(UID_SCORING)
                .name(NAME_SCORING);
        // The scoring task's only network outputs are the lake's: its Kafka sinks are chained to it
        alerts.setBufferTimeout(LAKE_BUFFER_TIMEOUT.toMillis());

        alerts.sinkTo(alertSink != null ? alertSink : kafkaAlertSink())
                .uid(UID_ALERT_SINK)
                .name("Kafka: " + config.topics().takeoverAlerts());
        DataStream<RuleRejection> rejections = alerts.getSideOutput(ConversationScoringFunction.RULE_REJECTIONS);
        rejections
                .sinkTo(ruleRejectionSink != null ? ruleRejectionSink : kafkaRuleRejectionSink())
                .uid(UID_REJECTION_SINK)
                .name("Kafka: " + config.topics().ruleRejections());

        DataStream<ConversationSummary> summaries = alerts.getSideOutput(ConversationScoringFunction.SUMMARIES);
        DataStream<TakeoverRecord> takeovers = alerts.getSideOutput(ConversationScoringFunction.TAKEOVERS);
        String lake = config.lakePath() == null ? null : lakeUri(config.lakePath());
        Sink<ConversationSummary> conversationsOut = conversationLake != null ? conversationLake
                : lake == null ? null : LakeSinks.conversations(lake);
        Sink<TakeoverAlert> alertsOut = alertLake != null ? alertLake : lake == null ? null : LakeSinks.alerts(lake);
        Sink<TakeoverRecord> takeoversOut = takeoverLake != null ? takeoverLake
                : lake == null ? null : LakeSinks.takeovers(lake);
        // The lake writers run in their own threads, not chained to the scoring operator: at each checkpoint a
        // bulk FileSink encodes and flushes its open Parquet files in the thread that runs it, and on the scoring
        // thread that held every alert back for 100-300 ms (the demo's p99 every 10 s checkpoint).
        if (conversationsOut != null) {
            summaries.sinkTo(conversationsOut).uid(UID_LAKE_CONVERSATIONS).name(NAME_LAKE_PREFIX + "conversations/")
                    .disableChaining();
        }
        if (alertsOut != null) {
            // Supervisors need the preview; the archive keeps message text only when asked to (keep-masked-text).
            DataStream<TakeoverAlert> archived = scoring.config().keepTranscript() ? alerts
                    : alerts.map(LakeRecords::withoutPreview)
                            .uid(UID_LAKE_ALERTS_WITHOUT_TEXT)
                            .name(NAME_LAKE_PREFIX + "alerts without message text")
                            .setBufferTimeout(LAKE_BUFFER_TIMEOUT.toMillis());
            archived.sinkTo(alertsOut).uid(UID_LAKE_ALERTS).name(NAME_LAKE_PREFIX + "alerts/").disableChaining();
        }
        if (takeoversOut != null) {
            takeovers.sinkTo(takeoversOut).uid(UID_LAKE_TAKEOVERS).name(NAME_LAKE_PREFIX + "takeovers/").disableChaining();
        }
        return new Graph(events, alerts, summaries, takeovers, rejections);
    }

    /** The streams of the built graph, for callers that attach more (a console printer, a test probe). */
    public record Graph(
            DataStream<IngestedEvent> events,
            DataStream<TakeoverAlert> alerts,
            DataStream<ConversationSummary> summaries,
            DataStream<TakeoverRecord> takeovers,
            DataStream<RuleRejection> ruleRejections) {}

    /** Checkpointing, checkpoint storage and parallelism from the config. */
    public static void configure(StreamExecutionEnvironment env, JobConfig config) {
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        // Alerts are latency-bound: flush network buffers often instead of waiting for them to fill.
        env.setBufferTimeout(config.bufferTimeout().toMillis());
        // No operator keeps or changes a record after passing it on (alerts, summaries and lake rows are new
        // objects; state keeps only immutable strings from events), so chained operators can share records
        // instead of deep-copying each one (an alert goes to Kafka and to the lake).
        env.getConfig().enableObjectReuse();
        Configuration c = new Configuration();
        if (!config.checkpointInterval().isZero()) {
            env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
            // Under exactly-once every alert waits for the next barrier: a pause after a slow checkpoint is
            // added to the latency of the alerts that wait for it.
            env.getCheckpointConfig().setMinPauseBetweenCheckpoints(config.checkpointMinPause().toMillis());
        }
        if (config.stateBackend() == JobConfig.StateBackend.CHANGELOG) {
            changelog(c, config);
        } else if (config.stateBackend() == JobConfig.StateBackend.ROCKSDB) {
            rocksdb(c);
        }
        if (config.checkpointDir() != null) {
            c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, toUri(config.checkpointDir()));
            c.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, toUri(config.checkpointDir()) + "/savepoints");
        }
        env.configure(c, TakeoverJob.class.getClassLoader());
    }

    /** flink-dstl-dfs's base path option, by name: on a cluster that module is the cluster's, not in the job's jar. */
    static final ConfigOption<String> CHANGELOG_BASE_PATH =
            ConfigOptions.key("state.changelog.dstl.dfs.base-path").stringType().noDefaultValue();

    /**
     * The changelog state backend: state stays on the heap, each change is also appended to a log in files, and a
     * checkpoint writes only the log since the previous one; the whole state is written in the background every
     * minute, which bounds the log a restore replays. The log lives next to the checkpoints. A restore claims
     * the checkpoint or savepoint it starts from (Flink may delete it once newer checkpoints exist).
     */
    static void changelog(Configuration c, JobConfig config) {
        c.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, true);
        c.set(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE, "filesystem");
        c.set(StateChangelogOptions.PERIODIC_MATERIALIZATION_INTERVAL, Duration.ofMinutes(1));
        // Restored in Flink's default NO_CLAIM mode, the first checkpoint would have to be a full one, which this
        // backend cannot take: the job would fail at its first checkpoint. A restore takes over the checkpoint.
        c.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
        if (config.checkpointDir() != null) {
            c.set(CHANGELOG_BASE_PATH, toUri(config.checkpointDir()) + "/changelog");
        }
    }

    /**
     * The RocksDB state backend with incremental checkpoints: keyed state (and the timers) live in an embedded
     * RocksDB on the task manager's local disk, and a checkpoint uploads only the SST files written since the
     * previous one (next to the checkpoints, under {@code shared/}); a checkpoint's own files reference the
     * earlier ones. Every state read and write serializes the value. Its working directories are the task
     * manager's temporary directories unless the cluster sets {@code state.backend.rocksdb.localdir}.
     *
     * <p>Universal compaction: every checkpoint flushes the memtable into a small file that spans all the
     * subtask's conversations, and under RocksDB's default leveled compaction every fourth such file started a
     * compaction that rewrote all of them, which the next checkpoint then uploaded in full (a checkpoint in four
     * took 0.3-0.5 s instead of 0.1, and exactly-once alerts wait for checkpoints). Universal compaction merges
     * the small files among themselves and rewrites everything only once they add up to the size of the rest.
     */
    static void rocksdb(Configuration c) {
        c.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        c.set(RocksDBConfigurableOptions.COMPACTION_STYLE, CompactionStyle.UNIVERSAL);
    }

    /** The rules in force at start: the config's rules file, or the built-in defaults. */
    public static RuleSet loadRules(JobConfig config) {
        if (config.rulesFile() == null) {
            return RulesLoader.defaults();
        }
        try {
            return RulesLoader.load(Paths.get(config.rulesFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read rules file " + config.rulesFile() + ": " + e.getMessage(), e);
        } catch (RuleValidationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    // ---- Kafka sources and sinks -----------------------------------------------------------

    KafkaSource<IngestedEvent> kafkaEventSource() {
        KafkaSourceBuilder<IngestedEvent> b = KafkaSource.<IngestedEvent>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setProperties(config.kafkaClientProperties())
                .setGroupId(config.groupId())
                .setTopics(config.topics().conversationEvents())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(
                        config.startFrom() == JobConfig.StartFrom.LATEST ? OffsetResetStrategy.LATEST
                                : OffsetResetStrategy.EARLIEST))
                .setDeserializer(new EventDeserializer(config.valueFormat(), config.maxEventBytes(),
                        config.maxEventTimeAhead().toMillis()))
                .setClientIdPrefix(config.groupId() + "-events");
        if (bounded) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    KafkaSource<RuleUpdate> kafkaRuleSource() {
        // Always the whole compacted topic: it holds the latest version of every rule.
        KafkaSourceBuilder<RuleUpdate> b = KafkaSource.<RuleUpdate>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setProperties(config.kafkaClientProperties())
                .setGroupId(config.groupId() + "-rules")
                .setTopics(config.topics().alertRules())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RuleUpdateDeserializer())
                .setClientIdPrefix(config.groupId() + "-rules");
        if (bounded) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    KafkaSink<TakeoverAlert> kafkaAlertSink() {
        var b = KafkaSink.<TakeoverAlert>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(config.kafkaClientProperties())
                .setRecordSerializer(new AlertSerializer(config.topics().takeoverAlerts(), config.valueFormat()));
        if (config.delivery() == JobConfig.Delivery.EXACTLY_ONCE) {
            b.setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                    .setTransactionalIdPrefix(config.transactionalIdPrefix())
                    // The connector's default (1 h) exceeds a default broker's maximum (15 min).
                    .setProperty("transaction.timeout.ms", Long.toString(config.transactionTimeout().toMillis()));
        } else {
            b.setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
        }
        return b.build();
    }

    KafkaSink<DeadLetter> kafkaDeadLetterSink() {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(config.kafkaClientProperties())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new DeadLetterSerializer(config.topics().deadLetters()))
                .build();
    }

    KafkaSink<RuleRejection> kafkaRuleRejectionSink() {
        return KafkaSink.<RuleRejection>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(config.kafkaClientProperties())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new RuleRejectionSerializer(config.topics().ruleRejections()))
                .build();
    }

    /** Rejections as JSON (people read this topic), keyed by rule id. */
    static final class RuleRejectionSerializer implements KafkaRecordSerializationSchema<RuleRejection> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private transient JsonCodec<RuleRejection> codec;

        RuleRejectionSerializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(RuleRejection r, KafkaSinkContext context, Long timestamp) {
            if (codec == null) {
                codec = JsonCodec.of(RuleRejection.class);
            }
            byte[] key = r.getRuleId() == null ? null : r.getRuleId().getBytes(StandardCharsets.UTF_8);
            return new ProducerRecord<>(topic, key, codec.encode(r));
        }
    }

    // ---- paths -----------------------------------------------------------------------------

    /** A path with a scheme stays as it is; a local path becomes an absolute {@code file:} URI. */
    static String toUri(String path) {
        if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:/.*")) {
            return path;
        }
        URI uri = Paths.get(path).toAbsolutePath().normalize().toUri();
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    static String lakeUri(String lakePath) {
        return toUri(lakePath);
    }
}
