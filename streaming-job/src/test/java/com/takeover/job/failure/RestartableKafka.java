package com.takeover.job.failure;

import com.takeover.kafka.KafkaClients;
import com.takeover.kafka.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node KRaft cluster (combined broker and controller, storage in a fixed directory) whose broker can be
 * stopped and started again on the same port while the controller keeps running: a broker restart as clients
 * see it. The test kit keeps the listener's port reserved and binds it again at start-up.
 */
final class RestartableKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private RestartableKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static RestartableKafka start(Path storage) throws Exception {
        Files.createDirectories(storage);
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(storage)
                .build();
        KafkaClusterTestKit.Builder b = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
        Map.of("offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "2",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "2",
                "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false")
                .forEach(b::setConfigProp);
        KafkaClusterTestKit cluster = b.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new RestartableKafka(cluster);
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    private BrokerServer broker() {
        return cluster.brokers().values().iterator().next();
    }

    /** Stops the broker (clients lose their connections); the controller and the data stay. */
    void stopBroker() {
        broker().shutdown();
        broker().awaitShutdown();
    }

    /** Starts the stopped broker again on the same port and waits until it serves. */
    void startBroker() throws Exception {
        broker().startup();
        cluster.waitForReadyBrokers();
    }

    void createTopics(TopicNames t, int partitions) throws Exception {
        List<NewTopic> list = new ArrayList<>();
        list.add(new NewTopic(t.conversationEvents(), partitions, (short) 1));
        list.add(new NewTopic(t.takeoverAlerts(), partitions, (short) 1));
        list.add(new NewTopic(t.deadLetters(), 1, (short) 1));
        list.add(new NewTopic(t.alertRules(), 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        list.add(new NewTopic(t.ruleRejections(), 1, (short) 1));
        try (Admin admin = Admin.create(KafkaClients.clientProperties(bootstrapServers()))) {
            admin.createTopics(list).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
