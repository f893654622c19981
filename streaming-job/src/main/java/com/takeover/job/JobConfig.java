package com.takeover.job;

import com.takeover.codec.WireFormat;
import com.takeover.kafka.TopicNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the live job needs to know, typed and validated. Built from a properties file, from
 * command-line flags (which use the same keys, see {@link Key}), or in code with {@link #builder()}.
 * Immutable.
 */
public final class JobConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How alerts reach {@code takeover-alerts}. */
    public enum Delivery {
        /** Published as soon as they are produced; after a failure some may be sent again, with the same alert id. */
        AT_LEAST_ONCE,
        /** Published in Kafka transactions committed with each checkpoint: no duplicates, latency ≈ checkpoint interval. */
        EXACTLY_ONCE;

        public static Delivery parse(String s) {
            String v = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            return switch (v) {
                case "at-least-once" -> AT_LEAST_ONCE;
                case "exactly-once" -> EXACTLY_ONCE;
                default -> throw new IllegalArgumentException(
                        "unknown delivery guarantee '" + s + "' (expected at-least-once or exactly-once)");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Where keyed state lives and what a checkpoint writes. */
    public enum StateBackend {
        /** State on the heap; every checkpoint writes all of it. The fastest per event. */
        HASHMAP,
        /**
         * State on the heap plus a log of its changes: a checkpoint writes only the changes since the last one
         * (the whole state is written in the background, periodically). Short checkpoints, some throughput.
         */
        CHANGELOG,
        /**
         * State in an embedded RocksDB on the task manager's local disk, with incremental checkpoints: a checkpoint
         * uploads only the files RocksDB wrote since the previous one. Every state access serializes.
         */
        ROCKSDB;

        public static StateBackend parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "hashmap" -> HASHMAP;
                case "changelog" -> CHANGELOG;
                case "rocksdb" -> ROCKSDB;
                default -> throw new IllegalArgumentException(
                        "unknown state backend '" + s + "' (expected hashmap, changelog or rocksdb)");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the event source starts when the consumer group has no committed offsets (and no checkpoint is restored). */
    public enum StartFrom {
        EARLIEST,
        LATEST;

        public static StartFrom parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "earliest" -> EARLIEST;
                case "latest" -> LATEST;
                default -> throw new IllegalArgumentException(
                        "unknown start position '" + s + "' (expected earliest or latest)");
            };
        }
    }

    /** The configuration keys: the same names in a properties file and, as {@code --key}, on the command line. */
    public enum Key {
        BOOTSTRAP_SERVERS("bootstrap-servers", "Kafka bootstrap servers", "localhost:9092"),
        TOPIC_EVENTS("topic-events", "input topic of conversation events", TopicNames.CONVERSATION_EVENTS),
        TOPIC_ALERTS("topic-alerts", "output topic of takeover alerts", TopicNames.TAKEOVER_ALERTS),
        TOPIC_DLQ("topic-dlq", "dead-letter topic for undecodable events", TopicNames.DEAD_LETTERS),
        TOPIC_RULES("topic-rules", "compacted topic of alert-rule updates", TopicNames.ALERT_RULES),
        TOPIC_RULE_REJECTIONS("topic-rule-rejections", "topic of refused rule updates", TopicNames.RULE_REJECTIONS),
        GROUP_ID("group-id", "consumer group of the job's Kafka sources", "takeover-job"),
        START_FROM("start-from", "earliest|latest: where to read when the group has no committed offsets", "earliest"),
        VALUE_FORMAT("value-format", "avro|json: value format of events in and alerts out", "avro"),
        DELIVERY("delivery", "at-least-once|exactly-once for takeover-alerts", "at-least-once"),
        TRANSACTIONAL_ID_PREFIX("transactional-id-prefix", "prefix of Kafka transactional ids (exactly-once)", "takeover-alerts"),
        TRANSACTION_TIMEOUT("transaction-timeout", "producer transaction.timeout.ms (exactly-once); below the broker's transaction.max.timeout.ms", "5m"),
        CHECKPOINT_INTERVAL("checkpoint-interval", "checkpoint interval; 0 disables checkpoints (not with exactly-once)", "10s"),
        CHECKPOINT_MIN_PAUSE("checkpoint-min-pause", "least time from one checkpoint's end to the next one's start; empty = 0 with exactly-once (alerts wait for the next checkpoint), else half the interval, at most 5s", ""),
        STATE_BACKEND("state-backend", "hashmap|changelog|rocksdb: where keyed state lives; rocksdb and changelog make checkpoints incremental (shorter checkpoints, less throughput); empty = rocksdb with exactly-once (its alerts wait for a checkpoint, which then writes only what changed), else hashmap (the least CPU per event)", ""),
        CHECKPOINT_DIR("checkpoint-dir", "durable checkpoint storage (file:// or a DFS URI); empty = a temporary directory when the job runs locally, the cluster's own storage on a cluster", ""),
        LAKE_PATH("lake-path", "root of the Parquet lake (conversations/, alerts/, takeovers/); empty = no lake", "lake"),
        KEEP_MASKED_TEXT("keep-masked-text", "also store PII-masked transcripts in conversations/", "false"),
        RULES_FILE("rules-file", "alert rules (JSON or YAML) in force at start; empty = built-in defaults", ""),
        PARALLELISM("parallelism", "job parallelism; 0 = the environment's default", "0"),
        BUFFER_TIMEOUT("buffer-timeout", "longest a record waits in a network buffer between operators (latency vs throughput)", "10ms"),
        OUT_OF_ORDERNESS("out-of-orderness", "bounded out-of-orderness of event time", "2s"),
        IDLENESS("idleness", "a Kafka partition without events this long stops holding back event time", "10s"),
        END_GRACE("end-grace", "state of an ended conversation is kept this long (event time) for stragglers", "5m"),
        ABANDON_TTL("abandon-ttl", "a conversation without events this long (event time) is closed as abandoned", "1h"),
        MAX_EVENT_BYTES("max-event-bytes", "larger event records go to the dead-letter topic (cut to this size there)", "65536"),
        MAX_EVENT_TIME_AHEAD("max-event-time-ahead", "events timed further ahead of the job's clock go to the dead-letter topic; 0 = no limit", "15m");

        private final String key;
        private final String description;
        private final String defaultValue;

        Key(String key, String description, String defaultValue) {
            this.key = key;
            this.description = description;
            this.defaultValue = defaultValue;
        }

        public String key() {
            return key;
        }

        public String description() {
            return description;
        }

        public String defaultValue() {
            return defaultValue;
        }

        static Key of(String key) {
            for (Key k : values()) {
                if (k.key.equals(key)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** Prefix of properties passed through to every Kafka client, e.g. {@code kafka.security.protocol=SSL}. */
    public static final String KAFKA_PREFIX = "kafka.";

    private final String bootstrapServers;
    private final TopicNames topics;
    private final String groupId;
    private final StartFrom startFrom;
    private final WireFormat valueFormat;
    private final Delivery delivery;
    private final String transactionalIdPrefix;
    private final Duration transactionTimeout;
    private final Duration checkpointInterval;
    private final Duration checkpointMinPause;
    private final StateBackend stateBackend;
    private final String checkpointDir;
    private final String lakePath;
    private final boolean keepMaskedText;
    private final String rulesFile;
    private final int parallelism;
    private final Duration bufferTimeout;
    private final Duration outOfOrderness;
    private final Duration idleness;
    private final Duration endGrace;
    private final Duration abandonTtl;
    private final int maxEventBytes;
    private final Duration maxEventTimeAhead;
    private final Map<String, String> kafkaProperties;

    private JobConfig(Builder b) {
        this.bootstrapServers = requireText(b.bootstrapServers, Key.BOOTSTRAP_SERVERS);
        this.topics = Objects.requireNonNull(b.topics, "topics");
        this.groupId = requireText(b.groupId, Key.GROUP_ID);
        this.startFrom = Objects.requireNonNull(b.startFrom, "startFrom");
        this.valueFormat = Objects.requireNonNull(b.valueFormat, "valueFormat");
        this.delivery = Objects.requireNonNull(b.delivery, "delivery");
        this.transactionalIdPrefix = requireText(b.transactionalIdPrefix, Key.TRANSACTIONAL_ID_PREFIX);
        this.transactionTimeout = requirePositive(b.transactionTimeout, Key.TRANSACTION_TIMEOUT);
        this.checkpointInterval = requireNonNegative(b.checkpointInterval, Key.CHECKPOINT_INTERVAL);
        this.checkpointMinPause = b.checkpointMinPause == null ? null
                : requireNonNegative(b.checkpointMinPause, Key.CHECKPOINT_MIN_PAUSE);
        this.stateBackend = b.stateBackend;
        this.checkpointDir = blankToNull(b.checkpointDir);
        this.lakePath = blankToNull(b.lakePath);
        this.keepMaskedText = b.keepMaskedText;
        this.rulesFile = blankToNull(b.rulesFile);
        this.parallelism = b.parallelism;
        this.bufferTimeout = requireNonNegative(b.bufferTimeout, Key.BUFFER_TIMEOUT);
        this.outOfOrderness = requireNonNegative(b.outOfOrderness, Key.OUT_OF_ORDERNESS);
        this.idleness = requirePositive(b.idleness, Key.IDLENESS);
        this.endGrace = requireNonNegative(b.endGrace, Key.END_GRACE);
        this.abandonTtl = requirePositive(b.abandonTtl, Key.ABANDON_TTL);
        this.maxEventBytes = b.maxEventBytes;
        this.maxEventTimeAhead = requireNonNegative(b.maxEventTimeAhead, Key.MAX_EVENT_TIME_AHEAD);
        this.kafkaProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.kafkaProperties));

        if (parallelism < 0) {
            throw invalid(Key.PARALLELISM, "must be 0 (default) or positive, was " + parallelism);
        }
        if (maxEventBytes <= 0) {
            throw invalid(Key.MAX_EVENT_BYTES, "must be positive, was " + maxEventBytes);
        }
        if (delivery == Delivery.EXACTLY_ONCE) {
            if (checkpointInterval.isZero()) {
                throw invalid(Key.CHECKPOINT_INTERVAL,
                        "exactly-once publishes alerts when a checkpoint completes: set a positive checkpoint interval");
            }
            if (transactionTimeout.compareTo(checkpointInterval.multipliedBy(2)) < 0) {
                throw invalid(Key.TRANSACTION_TIMEOUT, "must be well above the checkpoint interval ("
                        + format(checkpointInterval) + "), was " + format(transactionTimeout));
            }
        }
        for (String k : kafkaProperties.keySet()) {
            if (MANAGED_CLIENT_KEYS.contains(k)) {
                throw new IllegalArgumentException("kafka property '" + k
                        + "' is set by the job itself; use the job's own option instead");
            }
        }
    }

    /** Client settings the job derives from its own options; passing them through would contradict them. */
    private static final Set<String> MANAGED_CLIENT_KEYS = Set.of(
            "bootstrap.servers", "group.id", "transactional.id", "key.serializer", "value.serializer",
            "key.deserializer", "value.deserializer", "enable.auto.commit");

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults of every key: a config that talks to {@code localhost:9092}. */
    public static JobConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.bootstrapServers = bootstrapServers;
        b.topics = topics;
        b.groupId = groupId;
        b.startFrom = startFrom;
        b.valueFormat = valueFormat;
        b.delivery = delivery;
        b.transactionalIdPrefix = transactionalIdPrefix;
        b.transactionTimeout = transactionTimeout;
        b.checkpointInterval = checkpointInterval;
        b.checkpointMinPause = checkpointMinPause;
        b.stateBackend = stateBackend;
        b.checkpointDir = checkpointDir;
        b.lakePath = lakePath;
        b.keepMaskedText = keepMaskedText;
        b.rulesFile = rulesFile;
        b.parallelism = parallelism;
        b.bufferTimeout = bufferTimeout;
        b.outOfOrderness = outOfOrderness;
        b.idleness = idleness;
        b.endGrace = endGrace;
        b.abandonTtl = abandonTtl;
        b.maxEventBytes = maxEventBytes;
        b.maxEventTimeAhead = maxEventTimeAhead;
        b.kafkaProperties.putAll(kafkaProperties);
        return b;
    }

    /** Reads a properties file (keys of {@link Key}, plus {@code kafka.*} pass-through). */
    public static JobConfig fromFile(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : new TreeSet<>(p.stringPropertyNames())) {
            map.put(name, p.getProperty(name));
        }
        try {
            return fromMap(map);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Builds a config from key/value pairs: unknown keys are refused, missing ones take their
     * defaults. {@code kafka.X=Y} passes {@code X=Y} to every Kafka client.
     */
    public static JobConfig fromMap(Map<String, String> values) {
        Builder b = builder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            b.set(e.getKey(), e.getValue());
        }
        return b.build();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public TopicNames topics() {
        return topics;
    }

    public String groupId() {
        return groupId;
    }

    public StartFrom startFrom() {
        return startFrom;
    }

    public WireFormat valueFormat() {
        return valueFormat;
    }

    public Delivery delivery() {
        return delivery;
    }

    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    public Duration transactionTimeout() {
        return transactionTimeout;
    }

    /** Zero when checkpoints are disabled. */
    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /**
     * Least time between the end of one checkpoint and the start of the next. By default none under exactly-once,
     * where every alert waits for the next checkpoint (a pause after a slow one delays all of them); else half the
     * interval, at most 5 s, which leaves a busy job room to work between checkpoints.
     */
    public Duration checkpointMinPause() {
        if (checkpointMinPause != null) {
            return checkpointMinPause;
        }
        if (delivery == Delivery.EXACTLY_ONCE) {
            return Duration.ZERO;
        }
        Duration half = checkpointInterval.dividedBy(2);
        return half.compareTo(Duration.ofSeconds(5)) < 0 ? half : Duration.ofSeconds(5);
    }

    /**
     * The state backend: the one configured, else RocksDB under exactly-once and the heap otherwise. Under
     * exactly-once every alert waits for a checkpoint to complete, and the heap backend's checkpoint writes every
     * open conversation: with the 150,000 a job holds after a while at 5,000 events/s, that is 130 MB and more
     * than a second each time, where RocksDB's incremental checkpoint writes a fraction of a megabyte. Under
     * at-least-once checkpoints do not hold alerts back, and the heap costs half the CPU per event.
     */
    public StateBackend stateBackend() {
        if (stateBackend != null) {
            return stateBackend;
        }
        return delivery == Delivery.EXACTLY_ONCE ? StateBackend.ROCKSDB : StateBackend.HASHMAP;
    }

    /** Null when checkpoints are kept in the job manager's memory. */
    public String checkpointDir() {
        return checkpointDir;
    }

    /** Null when the job writes no lake. */
    public String lakePath() {
        return lakePath;
    }

    public boolean keepMaskedText() {
        return keepMaskedText;
    }

    /** Null when the built-in default rules are in force at start. */
    public String rulesFile() {
        return rulesFile;
    }

    /** 0 = the environment's default. */
    public int parallelism() {
        return parallelism;
    }

    /** Flush interval of network buffers between operators; 0 = flush after every record. */
    public Duration bufferTimeout() {
        return bufferTimeout;
    }

    public Duration outOfOrderness() {
        return outOfOrderness;
    }

    public Duration idleness() {
        return idleness;
    }

    public Duration endGrace() {
        return endGrace;
    }

    public Duration abandonTtl() {
        return abandonTtl;
    }

    /** Event records larger than this (bytes) are dead-lettered. */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    /** Events timed further ahead of the job's clock are dead-lettered; zero = no limit. */
    public Duration maxEventTimeAhead() {
        return maxEventTimeAhead;
    }

    /** Extra Kafka client settings given to every source and sink (TLS, SASL, timeouts...). */
    public Map<String, String> kafkaProperties() {
        return kafkaProperties;
    }

    /** {@code bootstrap.servers} plus the pass-through properties, for a Kafka client. */
    public Properties kafkaClientProperties() {
        Properties p = new Properties();
        p.putAll(kafkaProperties);
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    /** The config as key/value pairs, with secrets in pass-through properties hidden; for logs. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Key.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        m.put(Key.TOPIC_EVENTS.key(), topics.conversationEvents());
        m.put(Key.TOPIC_ALERTS.key(), topics.takeoverAlerts());
        m.put(Key.TOPIC_DLQ.key(), topics.deadLetters());
        m.put(Key.TOPIC_RULES.key(), topics.alertRules());
        m.put(Key.TOPIC_RULE_REJECTIONS.key(), topics.ruleRejections());
        m.put(Key.GROUP_ID.key(), groupId);
        m.put(Key.START_FROM.key(), startFrom.name().toLowerCase(Locale.ROOT));
        m.put(Key.VALUE_FORMAT.key(), valueFormat.name().toLowerCase(Locale.ROOT));
        m.put(Key.DELIVERY.key(), delivery.label());
        if (delivery == Delivery.EXACTLY_ONCE) {
            m.put(Key.TRANSACTIONAL_ID_PREFIX.key(), transactionalIdPrefix);
            m.put(Key.TRANSACTION_TIMEOUT.key(), format(transactionTimeout));
        }
        m.put(Key.CHECKPOINT_INTERVAL.key(), format(checkpointInterval));
        m.put(Key.CHECKPOINT_MIN_PAUSE.key(), checkpointMinPause == null ? "" : format(checkpointMinPause));
        m.put(Key.STATE_BACKEND.key(), stateBackend().label());
        m.put(Key.CHECKPOINT_DIR.key(), checkpointDir == null ? "" : checkpointDir);
        m.put(Key.LAKE_PATH.key(), lakePath == null ? "" : lakePath);
        m.put(Key.KEEP_MASKED_TEXT.key(), Boolean.toString(keepMaskedText));
        m.put(Key.RULES_FILE.key(), rulesFile == null ? "" : rulesFile);
        m.put(Key.PARALLELISM.key(), Integer.toString(parallelism));
        m.put(Key.BUFFER_TIMEOUT.key(), format(bufferTimeout));
        m.put(Key.OUT_OF_ORDERNESS.key(), format(outOfOrderness));
        m.put(Key.IDLENESS.key(), format(idleness));
        m.put(Key.END_GRACE.key(), format(endGrace));
        m.put(Key.ABANDON_TTL.key(), format(abandonTtl));
        m.put(Key.MAX_EVENT_BYTES.key(), Integer.toString(maxEventBytes));
        m.put(Key.MAX_EVENT_TIME_AHEAD.key(), format(maxEventTimeAhead));
        kafkaProperties.forEach((k, v) -> m.put(KAFKA_PREFIX + k, isSecret(k) ? "******" : v));
        return m;
    }

    @Override
    public String toString() {
        return "JobConfig" + describe();
    }

    private static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("key");
    }

    // ---- parsing helpers -------------------------------------------------------------------

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)?");

    /** Parses {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 1d}, a bare number of ms, or ISO-8601 ({@code PT10S}). */
    public static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration (examples: 500ms, 10s, 5m, 2h, PT10S)");
        }
    }

    /** The shortest readable form: 500ms, 10s, 5m, 2h. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static boolean parseBoolean(String s, Key key) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw invalid(key, "expected true or false, was '" + s + "'");
        };
    }

    private static IllegalArgumentException invalid(Key key, String why) {
        return new IllegalArgumentException(key.key() + ": " + why);
    }

    private static String requireText(String s, Key key) {
        if (s == null || s.isBlank()) {
            throw invalid(key, "must not be empty");
        }
        return s.trim();
    }

    private static Duration requirePositive(Duration d, Key key) {
        Objects.requireNonNull(d, key.key());
        if (d.isNegative() || d.isZero()) {
            throw invalid(key, "must be positive, was " + format(d));
        }
        return d;
    }

    private static Duration requireNonNegative(Duration d, Key key) {
        Objects.requireNonNull(d, key.key());
        if (d.isNegative()) {
            throw invalid(key, "must not be negative");
        }
        return d;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String bootstrapServers = Key.BOOTSTRAP_SERVERS.defaultValue();
        private TopicNames topics = TopicNames.defaults();
        private String groupId = Key.GROUP_ID.defaultValue();
        private StartFrom startFrom = StartFrom.EARLIEST;
        private WireFormat valueFormat = WireFormat.AVRO;
        private Delivery delivery = Delivery.AT_LEAST_ONCE;
        private String transactionalIdPrefix = Key.TRANSACTIONAL_ID_PREFIX.defaultValue();
        private Duration transactionTimeout = parseDuration(Key.TRANSACTION_TIMEOUT.defaultValue());
        private Duration checkpointInterval = parseDuration(Key.CHECKPOINT_INTERVAL.defaultValue());
        private Duration checkpointMinPause;
        private StateBackend stateBackend;
        private String checkpointDir;
        private String lakePath = Key.LAKE_PATH.defaultValue();
        private boolean keepMaskedText;
        private String rulesFile;
        private int parallelism;
        private Duration bufferTimeout = parseDuration(Key.BUFFER_TIMEOUT.defaultValue());
        private Duration outOfOrderness = parseDuration(Key.OUT_OF_ORDERNESS.defaultValue());
        private Duration idleness = parseDuration(Key.IDLENESS.defaultValue());
        private Duration endGrace = parseDuration(Key.END_GRACE.defaultValue());
        private Duration abandonTtl = parseDuration(Key.ABANDON_TTL.defaultValue());
        private int maxEventBytes = Integer.parseInt(Key.MAX_EVENT_BYTES.defaultValue());
        private Duration maxEventTimeAhead = parseDuration(Key.MAX_EVENT_TIME_AHEAD.defaultValue());
        private final Map<String, String> kafkaProperties = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets one value by its key ({@link Key#key()} or {@code kafka.*}); throws
         * IllegalArgumentException naming the key when the key is unknown or the value invalid.
         */
        public Builder set(String key, String value) {
            if (key.startsWith(KAFKA_PREFIX)) {
                String clientKey = key.substring(KAFKA_PREFIX.length());
                if (clientKey.isBlank()) {
                    throw new IllegalArgumentException("'" + key + "': missing the Kafka property name");
                }
                kafkaProperties.put(clientKey, value);
                return this;
            }
            Key k = Key.of(key);
            if (k == null) {
                throw new IllegalArgumentException("unknown configuration key '" + key + "' (known: "
                        + String.join(", ", List.of(Key.values()).stream().map(Key::key).toList())
                        + ", kafka.*)");
            }
            String v = value == null ? "" : value.trim();
            try {
                switch (k) {
                    case BOOTSTRAP_SERVERS -> bootstrapServers = v;
                    case TOPIC_EVENTS -> topics = new TopicNames(v, topics.takeoverAlerts(), topics.deadLetters(),
                            topics.alertRules(), topics.ruleRejections());
                    case TOPIC_ALERTS -> topics = new TopicNames(topics.conversationEvents(), v, topics.deadLetters(),
                            topics.alertRules(), topics.ruleRejections());
                    case TOPIC_DLQ -> topics = new TopicNames(topics.conversationEvents(), topics.takeoverAlerts(), v,
                            topics.alertRules(), topics.ruleRejections());
                    case TOPIC_RULES -> topics = new TopicNames(topics.conversationEvents(), topics.takeoverAlerts(),
                            topics.deadLetters(), v, topics.ruleRejections());
                    case TOPIC_RULE_REJECTIONS -> topics = new TopicNames(topics.conversationEvents(),
                            topics.takeoverAlerts(), topics.deadLetters(), topics.alertRules(), v);
                    case GROUP_ID -> groupId = v;
                    case START_FROM -> startFrom = StartFrom.parse(v);
                    case VALUE_FORMAT -> valueFormat = WireFormat.parse(v);
                    case DELIVERY -> delivery = Delivery.parse(v);
                    case TRANSACTIONAL_ID_PREFIX -> transactionalIdPrefix = v;
                    case TRANSACTION_TIMEOUT -> transactionTimeout = parseDuration(v);
                    case CHECKPOINT_INTERVAL -> checkpointInterval = parseDuration(v);
                    case CHECKPOINT_MIN_PAUSE -> checkpointMinPause = v.isEmpty() ? null : parseDuration(v);
                    case STATE_BACKEND -> stateBackend = v.isBlank() ? null : StateBackend.parse(v);
                    case CHECKPOINT_DIR -> checkpointDir = v;
                    case LAKE_PATH -> lakePath = v;
                    case KEEP_MASKED_TEXT -> keepMaskedText = parseBoolean(v, k);
                    case RULES_FILE -> rulesFile = v;
                    case PARALLELISM -> parallelism = Integer.parseInt(v);
                    case BUFFER_TIMEOUT -> bufferTimeout = parseDuration(v);
                    case OUT_OF_ORDERNESS -> outOfOrderness = parseDuration(v);
                    case IDLENESS -> idleness = parseDuration(v);
                    case END_GRACE -> endGrace = parseDuration(v);
                    case ABANDON_TTL -> abandonTtl = parseDuration(v);
                    case MAX_EVENT_BYTES -> maxEventBytes = Integer.parseInt(v);
                    case MAX_EVENT_TIME_AHEAD -> maxEventTimeAhead = parseDuration(v);
                }
            } catch (IllegalArgumentException e) {
                String msg = e.getMessage();
                if (msg != null && msg.startsWith(k.key() + ":")) {
                    throw e;
                }
                throw invalid(k, e instanceof NumberFormatException ? "not a number: '" + v + "'" : msg);
            }
            return this;
        }

        public Builder bootstrapServers(String v) {
            this.bootstrapServers = v;
            return this;
        }

        public Builder topics(TopicNames v) {
            this.topics = v;
            return this;
        }

        public Builder groupId(String v) {
            this.groupId = v;
            return this;
        }

        public Builder startFrom(StartFrom v) {
            this.startFrom = v;
            return this;
        }

        public Builder valueFormat(WireFormat v) {
            this.valueFormat = v;
            return this;
        }

        public Builder delivery(Delivery v) {
            this.delivery = v;
            return this;
        }

        public Builder transactionalIdPrefix(String v) {
            this.transactionalIdPrefix = v;
            return this;
        }

        public Builder transactionTimeout(Duration v) {
            this.transactionTimeout = v;
            return this;
        }

        public Builder checkpointInterval(Duration v) {
            this.checkpointInterval = v;
            return this;
        }

        public Builder checkpointMinPause(Duration v) {
            this.checkpointMinPause = v;
            return this;
        }

        /** Null (the default): RocksDB under exactly-once, the heap otherwise ({@link JobConfig#stateBackend()}). */
        public Builder stateBackend(StateBackend v) {
            this.stateBackend = v;
            return this;
        }

        public Builder checkpointDir(String v) {
            this.checkpointDir = v;
            return this;
        }

        public Builder lakePath(String v) {
            this.lakePath = v;
            return this;
        }

        public Builder keepMaskedText(boolean v) {
            this.keepMaskedText = v;
            return this;
        }

        public Builder rulesFile(String v) {
            this.rulesFile = v;
            return this;
        }

        public Builder parallelism(int v) {
            this.parallelism = v;
            return this;
        }

        public Builder bufferTimeout(Duration v) {
            this.bufferTimeout = v;
            return this;
        }

        public Builder outOfOrderness(Duration v) {
            this.outOfOrderness = v;
            return this;
        }

        public Builder idleness(Duration v) {
            this.idleness = v;
            return this;
        }

        public Builder endGrace(Duration v) {
            this.endGrace = v;
            return this;
        }

        public Builder abandonTtl(Duration v) {
            this.abandonTtl = v;
            return this;
        }

        public Builder maxEventBytes(int v) {
            this.maxEventBytes = v;
            return this;
        }

        public Builder maxEventTimeAhead(Duration v) {
            this.maxEventTimeAhead = v;
            return this;
        }

        public Builder kafkaProperty(String key, String value) {
            this.kafkaProperties.put(key, value);
            return this;
        }

        public JobConfig build() {
            return new JobConfig(this);
        }
    }
}
