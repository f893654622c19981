package com.takeover.cli;

import com.takeover.codec.Codec;
import com.takeover.codec.DecodeException;
import com.takeover.codec.JsonCodec;
import com.takeover.codec.WireFormat;
import com.takeover.kafka.KafkaClients;
import com.takeover.privacy.PiiMasker;
import com.takeover.schema.AlertReason;
import com.takeover.schema.PreviewMessage;
import com.takeover.schema.Severity;
import com.takeover.schema.TakeoverAlert;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/takeover alerts}: the supervisor's terminal view of {@code takeover-alerts}, one readable line per alert. */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Tails the takeover-alerts topic and prints one line per alert: time (local), severity, conversation, "
                    + "customer segment, topic, risk, the reasons with their values and the last message (PII-masked, "
                    + "truncated).",
            "Filters combine (all must match). A record that cannot be decoded is reported on stderr and skipped."},
        footer = {
            "",
            "Example:",
            "  bin/takeover alerts --bootstrap-servers localhost:9092 --severity HIGH --segment vip"})
public final class AlertsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--alerts-topic", defaultValue = "takeover-alerts", paramLabel = "TOPIC", description = "Topic to read (default: ${DEFAULT-VALUE}).")
    String alertsTopic;

    @Option(names = "--format", defaultValue = "avro", paramLabel = "avro|json", description = "Wire format of the alerts (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--severity", paramLabel = "LEVEL",
            description = "Only alerts of at least this severity: ${COMPLETION-CANDIDATES} (HIGH shows HIGH and CRITICAL).")
    Severity severity;

    @Option(names = "--segment", split = ",", paramLabel = "SEGMENT", description = "Only these customer segments, e.g. vip,enterprise.")
    List<String> segments = new ArrayList<>();

    @Option(names = "--topic", split = ",", paramLabel = "TOPIC", description = "Only these conversation topics, e.g. billing_dispute.")
    List<String> topics = new ArrayList<>();

    @Option(names = "--from-beginning", description = "Start from the oldest alert kept, not from now.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after printing N alerts.")
    Integer max;

    @Option(names = "--timeout", converter = DurationConverter.class, paramLabel = "DURATION", description = "Stop after this long, e.g. 30s (default: run until Ctrl-C).")
    Duration timeout;

    @Option(names = "--json", description = "Print each alert as one JSON object per line instead.")
    boolean json;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone for the alert time (default: this machine's).")
    ZoneId zone;

    @Option(names = "--preview-width", defaultValue = "70", paramLabel = "N", description = "Characters of the last message shown (default: ${DEFAULT-VALUE}).")
    int previewWidth;

    @Option(names = "--read-uncommitted", description = "Under an exactly-once job, also show alerts whose checkpoint "
            + "has not completed yet: up to a checkpoint interval sooner, but after a failure an alert of an aborted "
            + "transaction shows, and shows again when the job replays it (default: committed alerts only; the same "
            + "under an at-least-once job).")
    boolean readUncommitted;

    @Option(names = {"-X", "--kafka-property"}, paramLabel = "KEY=VALUE", description = "Extra Kafka client property (repeatable).")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");
    private final PiiMasker masker = new PiiMasker();

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        WireFormat wire;
        try {
            wire = WireFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--format: " + e.getMessage());
        }
        if (max != null && max <= 0) {
            throw new CommandLine.ParameterException(cl, "--max must be > 0, got " + max);
        }
        if (previewWidth < 10) {
            throw new CommandLine.ParameterException(cl, "--preview-width must be at least 10, got " + previewWidth);
        }
        Codec<TakeoverAlert> codec = wire.codec(TakeoverAlert.class);
        JsonCodec<TakeoverAlert> jsonOut = JsonCodec.of(TakeoverAlert.class);
        ZoneId tz = zone == null ? ZoneId.systemDefault() : zone;
        Set<String> segmentFilter = segments.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> topicFilter = topics.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();

        // a reader, not a group member: looking for the topic must not create it (with the broker's default
        // partitions) before the job does. Committed alerts only by default: an exactly-once job's aborted
        // transactions would otherwise show alerts that are then replayed.
        IsolationLevel isolation = readUncommitted ? IsolationLevel.READ_UNCOMMITTED : IsolationLevel.READ_COMMITTED;
        Properties p = KafkaClients.withOverrides(
                KafkaClients.readerProperties(bootstrapServers, "takeover-alerts-tail", isolation), kafkaProperties);
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        int printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Thread main = Thread.currentThread();
            Thread hook = new Thread(() -> {
                consumer.wakeup();
                try {
                    main.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "alerts-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                if (!assign(consumer, deadline, err)) {
                    return Launcher.OK; // timed out waiting for the topic
                }
                while (System.nanoTime() < deadline) {
                    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(Math.min(500, left)))) {
                        TakeoverAlert a;
                        try {
                            a = codec.decode(r.value());
                        } catch (DecodeException e) {
                            err.printf("alerts: %s-%d@%d: cannot decode: %s%n", r.topic(), r.partition(), r.offset(), e.getMessage());
                            err.flush();
                            continue;
                        }
                        if (!matches(a, segmentFilter, topicFilter)) {
                            continue;
                        }
                        out.println(json ? jsonOut.encodeToString(a) : line(a, tz, previewWidth, masker));
                        out.flush();
                        printed++;
                        if (max != null && printed >= max) {
                            return Launcher.OK;
                        }
                    }
                }
            } catch (WakeupException stopping) {
                // Ctrl-C
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running
                }
            }
        }
        return Launcher.OK;
    }

    private boolean assign(KafkaConsumer<byte[], byte[]> consumer, long deadline, PrintWriter err) {
        boolean told = false;
        while (System.nanoTime() < deadline) {
            List<PartitionInfo> partitions = consumer.partitionsFor(alertsTopic, Duration.ofSeconds(5));
            if (partitions != null && !partitions.isEmpty()) {
                List<TopicPartition> tps = partitions.stream().map(pi -> new TopicPartition(alertsTopic, pi.partition())).toList();
                consumer.assign(tps);
                if (fromBeginning) {
                    consumer.seekToBeginning(tps);
                } else {
                    consumer.seekToEnd(tps);
                }
                tps.forEach(consumer::position);
                return true;
            }
            if (!told) {
                err.println("alerts: waiting for topic " + alertsTopic + " to exist...");
                err.flush();
                told = true;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private boolean matches(TakeoverAlert a, Set<String> segmentFilter, Set<String> topicFilter) {
        if (severity != null && a.getSeverity().ordinal() < severity.ordinal()) {
            return false;
        }
        if (!segmentFilter.isEmpty() && (a.getSegment() == null || !segmentFilter.contains(a.getSegment().toLowerCase(Locale.ROOT)))) {
            return false;
        }
        return topicFilter.isEmpty() || (a.getTopic() != null && topicFilter.contains(a.getTopic().toLowerCase(Locale.ROOT)));
    }

    /**
     * One alert as a supervisor reads it, columns aligned:
     * {@code 11-20 09:14:03  HIGH      c1a2b3c4d-000042   vip         billing_dispute   risk 0.82  sentiment_avg=-0.62 (< -0.40); human_requested  | customer: this is ridiculous...}
     */
    static String line(TakeoverAlert a, ZoneId zone, int previewWidth, PiiMasker masker) {
        String time = TIME.format(Instant.ofEpochMilli(a.getAlertTime()).atZone(zone));
        String reasons = a.getReasons().stream().map(AlertsCommand::reason).collect(Collectors.joining("; "));
        if (reasons.isEmpty()) {
            reasons = a.getRuleId();
        }
        String preview = "";
        List<PreviewMessage> messages = a.getPreview();
        if (messages != null && !messages.isEmpty()) {
            PreviewMessage last = messages.get(messages.size() - 1);
            String text = masker.mask(last.getText()).replaceAll("\\s+", " ").strip();
            preview = "  | " + last.getSpeaker().name().toLowerCase(Locale.ROOT) + ": " + truncate(text, previewWidth);
        }
        return String.format(Locale.ROOT, "%s  %-8s  %-20s  %-10s  %-17s  risk %.2f  %s%s",
                time, a.getSeverity(), a.getConversationId(), orDash(a.getSegment()), orDash(a.getTopic()), a.getRisk(), reasons, preview);
    }

    /** {@code signal=value (op threshold)}; a boolean signal that is true is just its name. */
    static String reason(AlertReason r) {
        boolean flag = "==".equals(r.getOperator()) && r.getThreshold() == 1.0 && r.getValue() == 1.0;
        if (flag) {
            return r.getSignal();
        }
        return String.format(Locale.ROOT, "%s=%s (%s %s)", r.getSignal(), num(r.getValue()), r.getOperator(), num(r.getThreshold()));
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    static String truncate(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
