package com.takeover.kafka;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (one combined KRaft broker+controller) on loopback, with its storage in a
 * temporary directory that is deleted on {@link #close()}. For tests and the one-machine demo; the
 * port is chosen by the operating system, read it from {@link #bootstrapServers()}.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaClusterTestKit cluster;
    private final Path baseDir;
    private final boolean deleteBaseDir;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Path baseDir, boolean deleteBaseDir) {
        this.cluster = cluster;
        this.baseDir = baseDir;
        this.deleteBaseDir = deleteBaseDir;
    }

    /** Starts a broker with its storage in a fresh temporary directory. */
    public static EmbeddedKafka start() {
        return start(Map.of());
    }

    /** Starts a broker with extra broker settings (e.g. {@code transaction.max.timeout.ms}). */
    public static EmbeddedKafka start(Map<String, String> brokerSettings) {
        Path dir;
        try {
            dir = Files.createTempDirectory("takeover-kafka-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a directory for the broker's storage", e);
        }
        return start(dir, true, brokerSettings);
    }

    /** Starts a broker whose storage lives under {@code baseDir} (kept after close). */
    public static EmbeddedKafka start(Path baseDir, Map<String, String> brokerSettings) {
        return start(baseDir, false, brokerSettings);
    }

    private static EmbeddedKafka start(Path baseDir, boolean deleteOnClose, Map<String, String> brokerSettings) {
        long started = System.nanoTime();
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(baseDir)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(false);
            Map<String, String> settings = new LinkedHashMap<>();
            // One broker: every internal topic has one replica.
            settings.put("offsets.topic.replication.factor", "1");
            settings.put("offsets.topic.num.partitions", "4");
            settings.put("transaction.state.log.replication.factor", "1");
            settings.put("transaction.state.log.min.isr", "1");
            settings.put("transaction.state.log.num.partitions", "4");
            settings.put("share.coordinator.state.topic.replication.factor", "1");
            settings.put("share.coordinator.state.topic.min.isr", "1");
            settings.put("group.initial.rebalance.delay.ms", "0");
            settings.put("auto.create.topics.enable", "false");
            settings.put("num.partitions", "1");
            settings.putAll(brokerSettings);
            settings.forEach(builder::setConfigProp);
            cluster = builder.build();
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            EmbeddedKafka kafka = new EmbeddedKafka(cluster, baseDir, deleteOnClose);
            LOG.info("Kafka broker ready on {} in {} ms", kafka.bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return kafka;
        } catch (Exception e) {
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (deleteOnClose) {
                deleteRecursively(baseDir);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    /**
     * Kafka's storage formatter prints its progress to System.out; a command's standard output is
     * for its own results (alerts, JSON lines), so those lines go to the debug log instead.
     */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        synchronized (System.class) {
            java.io.PrintStream original = System.out;
            java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                cluster.format();
            } finally {
                System.setOut(original);
                LOG.debug("storage format: {}", captured.toString(java.nio.charset.StandardCharsets.UTF_8).trim());
            }
        }
    }

    /** {@code host:port} of the broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Client properties with only {@code bootstrap.servers} set. */
    public Properties clientProperties() {
        return KafkaClients.clientProperties(bootstrapServers());
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(clientProperties());
    }

    /** Creates the pipeline's topics: {@code partitions} for events and alerts, one compacted partition for rules. */
    public void createTopics(TopicNames topics, int partitions) {
        List<NewTopic> list = new ArrayList<>();
        list.add(new NewTopic(topics.conversationEvents(), partitions, (short) 1));
        list.add(new NewTopic(topics.takeoverAlerts(), partitions, (short) 1));
        list.add(new NewTopic(topics.deadLetters(), 1, (short) 1));
        // Rules: one partition so every update is seen in the order it was made; compacted so
        // the topic always holds the latest version of every rule (tombstones delete).
        list.add(new NewTopic(topics.alertRules(), 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        list.add(new NewTopic(topics.ruleRejections(), 1, (short) 1));
        createTopics(list);
    }

    /** Creates plain topics with the given partition count; existing topics are left as they are. */
    public void createTopics(int partitions, String... names) {
        List<NewTopic> list = new ArrayList<>();
        for (String name : names) {
            list.add(new NewTopic(name, partitions, (short) 1));
        }
        createTopics(list);
    }

    /** Creates the given topics; existing topics are left as they are. */
    public void createTopics(List<NewTopic> topics) {
        try (Admin admin = admin()) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + topics, e);
        }
    }

    /** Names of the topics on the broker (internal ones excluded). */
    public Set<String> topicNames() {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot list topics: " + e.getMessage(), e);
        }
    }

    /** Directory holding the broker's logs and metadata. */
    public Path storageDirectory() {
        return baseDir;
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.warn("Kafka broker did not shut down cleanly: {}", e.toString());
        } finally {
            if (deleteBaseDir) {
                deleteRecursively(baseDir);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
